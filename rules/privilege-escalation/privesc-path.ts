import { defineRule } from '../../src/engine/rule.js';
import { pathFlow } from '../../src/graph/path-flow.js';
import { conditionsText, pathText } from '../../src/graph/path-text.js';
import type { AccessGraph } from '../../src/graph/access-graph.js';
import { paths, whatCan } from '../../src/graph/queries.js';
import type { Reach } from '../../src/graph/types.js';

const kindNames = { user: 'User', role: 'Role' } as const;

/**
 * The roles anyone can assume because their trust policy says so (`"Principal": "*"`), with how
 * surely: `external-reach` reports those, and every principal of the account could take that step.
 */
function publicReach(graph: AccessGraph): ReadonlyMap<string, Reach['decision']> {
  const publicKey = graph.graph.findNode((_key, node) => node.kind === 'public');
  if (publicKey === undefined) return new Map();
  return new Map(whatCan(graph, publicKey).principals.filter((reach) => reach.steps.length === 1).map((reach) => [reach.principal, reach.decision]));
}

/**
 * Whether the chain assumes a role that anyone can assume at least as surely: it is that role's
 * trust that needs fixing, and reporting the chain for each principal would only repeat it.
 */
function throughPublic(reach: Reach, open: ReadonlyMap<string, Reach['decision']>): boolean {
  return reach.steps.some((step) => {
    const decision = open.get(step.to);
    return decision === 'allowed' || (decision !== undefined && step.status === 'conditional');
  });
}

const breakChain =
  'Break the chain at any step: narrow the trust policy of a role it assumes, scope the permissions of a technique to named resources (iam:PassRole to named roles, with iam:PassedToService), or remove the administrator access at its end.';

export default defineRule({
  id: 'privesc-path',
  meta: {
    category: 'privilege-escalation',
    severity: 'critical',
    recommended: true,
    inputs: ['graph'],
    kinds: [],
    description: 'Users and roles that are not administrators should have no way to become one through a chain of assumed roles and escalations.',
    sources: [{ tool: 'pmapper', id: 'preset privesc' }],
  },
  messages: {
    path: `{principal} is not an administrator, but can become one: {path}. ${breakChain}`,
    conditionalPath: `{principal} is not an administrator, but can become one when these conditions hold: {conditions}. The chain: {path}. ${breakChain}`,
  },
  check: {
    graph(context, graph) {
      const open = publicReach(graph);
      for (const principal of graph.principals.values()) {
        // Groups do not act and roots are administrators; principals without an entity are not in an export.
        if (principal.kind === 'root' || !principal.entity) continue;
        // Administrators, conditional ones included: the graph gives them no chains (they reach their
        // account through its admin node), and admin-policy-attached and full-admin report their policies.
        if (graph.graph.getNodeAttribute(principal.key, 'admin') !== undefined) continue;
        // Unconditional paths come first.
        const [best] = paths(graph, principal.key, 'admin').paths;
        if (!best || throughPublic(best, open)) continue;
        const at = principal.entity.span;
        const base = { at, subject: principal.key, flow: pathFlow(graph, best.steps, at) } as const;
        const data = { principal: `${kindNames[principal.kind]} '${principal.entity.name}'`, path: pathText(graph, principal.key, best.steps) };
        if (best.decision === 'allowed') context.report({ ...base, messageId: 'path', data });
        else context.report({ ...base, messageId: 'conditionalPath', data: { ...data, conditions: conditionsText(graph, best.steps) } });
      }
    },
  },
});
