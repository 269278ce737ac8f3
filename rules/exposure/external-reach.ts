import { defineRule } from '../../src/engine/rule.js';
import type { AccessGraph } from '../../src/graph/access-graph.js';
import { pathFlow } from '../../src/graph/path-flow.js';
import { conditionsText, edgeOf, nodeLabel, pathText } from '../../src/graph/path-text.js';
import type { EdgeAttributes, EdgeKind, NodeKind, Step } from '../../src/graph/types.js';
import { callerLimitTo, type AccountScope } from '../../src/iam/conditions.js';
import type { PolicyDocument } from '../../src/model/policy.js';
import type { Span } from '../../src/model/span.js';

/** The trust policy of a role, or the resource policy of a resource, of the graph. */
function policyOf(graph: AccessGraph, key: string): PolicyDocument | undefined {
  const entity = graph.principal(key)?.entity;
  if (entity) return entity.type === 'role' ? entity.trustPolicy : undefined;
  return graph.resources.get(key)?.policy.document;
}

/**
 * Whether the statements that let the outsider take the first step all limit their callers to the
 * zone of trust (`aws:PrincipalOrgID` of a trusted organization, `aws:PrincipalAccount` of a
 * trusted account …), as `cross-account-access` reads them: the evaluation leaves such a condition
 * open, since it does not know the outside account's organization, but the zone says it is ours.
 */
function limitedToZone(graph: AccessGraph, first: Step, edge: EdgeAttributes, zone: AccountScope): boolean {
  const document = policyOf(graph, first.to);
  if (!document || edge.evidence.length === 0) return false;
  const cited = document.statements.filter((statement) => {
    const span = statement.span();
    return edge.evidence.some((e) => e.span.file === span.file && e.span.offset === span.offset);
  });
  return cited.length > 0 && cited.every((statement) => callerLimitTo(statement.condition, zone) !== undefined);
}

/** The statement of the target's own policy behind the last step, if the evidence gives one; else the target's object. */
function placeOf(graph: AccessGraph, steps: readonly Step[], span: Span): Span {
  const last = steps[steps.length - 1];
  const inside = (other: Span): boolean => other.file === span.file && other.offset >= span.offset && other.offset + other.length <= span.offset + span.length;
  return (last ? edgeOf(graph, last)?.evidence.find((e) => inside(e.span))?.span : undefined) ?? span;
}

/** `Role 'deploy'`, `User 'dev'`, `Resource arn:aws:s3:::reports`. */
function targetName(graph: AccessGraph, key: string): string {
  const entity = graph.principal(key)?.entity;
  if (entity) return `${entity.type === 'role' ? 'Role' : 'User'} '${entity.name}'`;
  return `Resource ${key}`;
}

function stepOf(from: string, to: string, edge: EdgeAttributes): Step {
  return { from, to, kind: edge.kind, status: edge.status, technique: edge.technique, actions: edge.actions };
}

/** What outsiders can reach: users, roles and resources with a policy, of the exports. */
const reachedKinds: ReadonlySet<NodeKind> = new Set(['user', 'role', 'resource']);
/** The edges of a chain: becoming another principal, and accessing a resource. */
const chainKinds: ReadonlySet<EdgeKind> = new Set(['can-assume', 'escalates-to', 'can-access']);

/** A way in: an outsider's first step, onto a role or resource. */
interface Entry {
  readonly outsider: string;
  readonly step: Step;
}

/** The best way an outsider reaches a place: through `entry`, then `rest`. */
interface Route {
  readonly entry: Entry;
  readonly rest: readonly Step[];
}

/**
 * Unconditional chains from `start`: for each place reached, the steps from `start`. Chains stop at
 * nodes that are not reached places (admin nodes stand for a whole account; services, providers
 * and other accounts are not the account's own).
 */
function chainsFrom(graph: AccessGraph, start: string): Map<string, Step[]> {
  const g = graph.graph;
  const parents = new Map<string, Step | null>([[start, null]]);
  const queue = [start];
  // The array iterator also visits what is pushed while it runs: a breadth-first queue.
  for (const node of queue) {
    g.forEachOutEdge(node, (_key, edge, source, target) => {
      if (parents.has(target) || !chainKinds.has(edge.kind) || edge.status !== 'unconditional') return;
      const next = g.getNodeAttributes(target);
      if (!reachedKinds.has(next.kind) || !next.span) return;
      parents.set(target, stepOf(source, target, edge));
      // Resources do not act: a chain ends there.
      if (next.kind !== 'resource') queue.push(target);
    });
  }
  const found = new Map<string, Step[]>();
  for (const node of parents.keys()) {
    const steps: Step[] = [];
    for (let step = parents.get(node); step; step = parents.get(step.from)) steps.unshift(step);
    found.set(node, steps);
  }
  return found;
}

/** Routes compare: an unconditional way in first, the public (it stands for everyone) first, shorter first, then by outsider. */
function better(a: Route, b: Route | undefined, isPublic: (key: string) => boolean): boolean {
  if (!b) return true;
  const keyOf = (r: Route): [number, number, number, string] => [r.entry.step.status === 'unconditional' ? 0 : 1, isPublic(r.entry.outsider) ? 0 : 1, r.rest.length, r.entry.outsider];
  const [x, y] = [keyOf(a), keyOf(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] as number) < (y[i] as number);
  return x[3] < y[3];
}

/** `account 444455556666`, `anyone`. */
function outsiderName(graph: AccessGraph, key: string): string {
  const node = graph.graph.getNodeAttributes(key);
  return node.kind === 'public' ? 'anyone' : `account ${node.account ?? key}`;
}

/** How many other outsiders a message names before it says how many more there are. */
const shownOthers = 3;

export default defineRule({
  id: 'external-reach',
  meta: {
    category: 'exposure',
    severity: 'high',
    recommended: true,
    inputs: ['graph'],
    kinds: [],
    description: 'No principal outside the zone of trust, and not the public, should be able to reach a role or resource, directly or through a chain of roles.',
    sources: [{ tool: 'access-analyzer', id: 'external access finding' }],
  },
  messages: {
    account:
      '{target} can be reached from account {account}, outside the zone of trust: {path}.{conditions}{others} If account {account} is yours, add it to "trust.accounts" in .iamlint.json or pass --trusted-account {account}; if it is not, remove it from the {entry} unless this access is intended.',
    public:
      '{target} can be reached by anyone: {path}.{conditions}{others} Remove the "*" principal from the {entry}, or limit it with a condition on aws:PrincipalOrgID or aws:PrincipalAccount.',
  },
  check: {
    graph(context, graph) {
      const g = graph.graph;
      const accounts = new Set([...context.trust.accounts, ...graph.accounts.keys()]);
      const zone: AccountScope = { accounts, organizationIds: new Set(context.trust.organizationIds.map((id) => id.toLowerCase())) };
      const isPublic = (key: string): boolean => g.getNodeAttribute(key, 'kind') === 'public';
      const outsiders = g.filterNodes((_key, node) => node.kind === 'public' || (node.kind === 'external-account' && node.account !== undefined && !accounts.has(node.account)));

      // The ways in: each outsider's steps onto the roles and resources its trust and resource policies open.
      const entries = new Map<string, Entry[]>();
      for (const outsider of outsiders) {
        const account = g.getNodeAttribute(outsider, 'account');
        g.forEachOutEdge(outsider, (_key, edge, source, target) => {
          const node = g.getNodeAttributes(target);
          if (!chainKinds.has(edge.kind) || !reachedKinds.has(node.kind) || !node.span) return;
          // An account reaching its own resource (exported, but the account not analysed) is not outside.
          if (node.account !== undefined && node.account === account) return;
          const step = stepOf(source, target, edge);
          if (limitedToZone(graph, step, edge, zone)) return;
          entries.set(target, [...(entries.get(target) ?? []), { outsider, step }]);
        });
      }

      // From each way in, the places its unconditional chains reach; per place, the best route and every outsider.
      const routes = new Map<string, { best: Route; outsiders: Set<string> }>();
      for (const [start, ways] of [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        for (const [place, rest] of chainsFrom(graph, start)) {
          const known = routes.get(place) ?? { best: undefined, outsiders: new Set<string>() };
          let best: Route | undefined = known.best;
          for (const entry of ways) {
            known.outsiders.add(entry.outsider);
            const route = { entry, rest };
            if (better(route, best, isPublic)) best = route;
          }
          if (best) routes.set(place, { best, outsiders: known.outsiders });
        }
      }

      for (const [place, { best, outsiders: all }] of routes) {
        const node = g.getNodeAttributes(place);
        if (!node.span) continue;
        const { entry, rest } = best;
        const steps = [entry.step, ...rest];
        const others = [...all].filter((o) => o !== entry.outsider).sort((a, b) => Number(isPublic(b)) - Number(isPublic(a)) || (a < b ? -1 : 1));
        const named = others.slice(0, shownOthers).map((o) => outsiderName(graph, o));
        const more = others.length - named.length;
        const conditions = conditionsText(graph, steps);
        const data = {
          target: targetName(graph, place),
          path: pathText(graph, entry.outsider, steps),
          conditions: conditions === '' ? '' : ` Only when these conditions hold: ${conditions}.`,
          others: others.length === 0 ? '' : ` It can also be reached from ${named.join(', ')}${more > 0 ? ` and ${more} more outside ${more === 1 ? 'account' : 'accounts'}` : ''}.`,
          entry: `${graph.principal(entry.step.to) ? 'trust policy of' : 'resource policy of'} ${nodeLabel(graph, entry.step.to)}`,
        };
        const at = placeOf(graph, steps, node.span);
        const base = { at, subject: place, flow: pathFlow(graph, steps, at) } as const;
        const account = g.getNodeAttribute(entry.outsider, 'account');
        // The public node has no account.
        if (account === undefined) context.report({ ...base, messageId: 'public', data });
        else context.report({ ...base, messageId: 'account', data: { ...data, account } });
      }
    },
  },
});
