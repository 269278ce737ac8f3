import { defineRule } from '../../src/engine/rule.js';
import type { AccessGraph } from '../../src/graph/access-graph.js';
import { adminKey } from '../../src/graph/nodes.js';
import type { EdgeAttributes } from '../../src/graph/types.js';
import { isFalse, isTrue } from '../../src/iam/credentials.js';

/**
 * Why the graph holds the user for an administrator: its edge to its account's admin node,
 * unconditional ones first, then `admin-access` (every action) before a technique.
 */
function adminEdge(graph: AccessGraph, user: string, account: string): EdgeAttributes | undefined {
  const edges: EdgeAttributes[] = [];
  graph.graph.forEachOutEdge(user, (_key, attributes, _source, target) => {
    if (attributes.kind === 'escalates-to' && target === adminKey(account)) edges.push(attributes);
  });
  const rank = (edge: EdgeAttributes): number => (edge.status === 'unconditional' ? 0 : 2) + (edge.technique === 'admin-access' ? 0 : 1);
  return edges.sort((a, b) => rank(a) - rank(b))[0];
}

/** `it may call every action on every resource`, `it may give itself any permission with iam:PutUserPolicy`. */
function howAdmin(edge: EdgeAttributes | undefined): string {
  if (!edge || edge.technique === 'admin-access') return 'it may call every action on every resource';
  return `it may give itself any permission with ${edge.actions.join(' + ')}`;
}

export default defineRule({
  id: 'admin-without-mfa',
  meta: {
    category: 'credentials',
    severity: 'critical',
    recommended: true,
    inputs: ['account', 'graph'],
    kinds: [],
    description: 'IAM users who are administrators should not be able to sign in to the console with a password alone.',
    sources: [
      { tool: 'prowler', id: 'iam_administrator_access_with_mfa' },
      { tool: 'steampipe', id: 'iam_user_with_administrator_access_mfa_enabled' },
    ],
  },
  messages: {
    adminNoMfa:
      "User '{user}' is an administrator ({how}) and can sign in to the console with a password alone: the credential report shows no MFA device. Assign it one (preferably a FIDO security key) or remove its console password; better, let administrators assume a role that requires MFA.",
    conditionalAdminNoMfa:
      "User '{user}' is an administrator ({how}) when these conditions hold: {conditions}; and it can sign in to the console with a password alone: the credential report shows no MFA device. Assign it one (preferably a FIDO security key) or remove its console password; better, let administrators assume a role that requires MFA.",
  },
  check: {
    graph(context, graph) {
      for (const principal of graph.principals.values()) {
        const row = principal.credentials;
        if (principal.kind !== 'user' || !principal.entity || !row) continue;
        const admin = graph.graph.getNodeAttribute(principal.key, 'admin');
        // A token (`N/A`, unreadable text) is neither true nor false: only a clear "password, no MFA" counts.
        if (admin === undefined || !isTrue(row.passwordEnabled) || !isFalse(row.mfaActive)) continue;
        const edge = adminEdge(graph, principal.key, principal.account);
        const base = { at: principal.entity.span, subject: principal.key } as const;
        const data = { user: principal.entity.name, how: howAdmin(edge) };
        if (admin === 'unconditional') context.report({ ...base, messageId: 'adminNoMfa', data });
        else {
          const conditions = edge?.conditions ?? [];
          context.report({ ...base, messageId: 'conditionalAdminNoMfa', data: { ...data, conditions: conditions.length > 0 ? conditions.join('; ') : 'conditions the export does not settle' } });
        }
      }
    },
  },
});
