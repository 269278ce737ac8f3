import { defineRule } from '../../src/engine/rule.js';
import { evaluate } from '../../src/eval/evaluate.js';
import type { Evaluation, StatementMatch } from '../../src/eval/types.js';
import type { AccessGraph } from '../../src/graph/access-graph.js';
import type { PrincipalEntry } from '../../src/graph/principals-policies.js';
import { describeList } from '../../src/iam/describe.js';
import { statementLabel, type PolicyDocument } from '../../src/model/policy.js';

/** How messages name one of the principal's policies: `inline policy 'tools'`, `managed policy 'Dev' (through group 'devs')`. */
function policyName(graph: AccessGraph, principal: PrincipalEntry, document: PolicyDocument): string {
  const entity = principal.entity;
  const inline = entity?.inlinePolicies.find((policy) => policy.document === document);
  if (inline) return `inline policy '${inline.name}'`;
  for (const { group } of principal.groups) {
    const ofGroup = group.inlinePolicies.find((policy) => policy.document === document);
    if (ofGroup) return `inline policy '${ofGroup.name}' of group '${group.name}'`;
  }
  for (const policy of graph.accounts.get(principal.account)?.policies.values() ?? []) {
    if (policy.defaultVersion?.document === document) return `managed policy '${policy.name}'`;
  }
  return 'a policy';
}

/** `statement 'OwnUser' of inline policy 'self-service'`, for each identity Allow behind the decision. */
function grantsText(graph: AccessGraph, principal: PrincipalEntry, evaluation: Evaluation): string {
  const boundary = principal.set.policies.boundary;
  const grants = evaluation.allowedBy.filter((match) => match.document !== boundary);
  return describeList(
    grants.map((match) => `statement ${statementLabel(match.statement)} of ${policyName(graph, principal, match.document)}`),
    3,
  );
}

/** The conditions a conditional decision depends on: `aws:MultiFactorAuthPresent Bool true`. */
function conditionsText(evaluation: Evaluation): string {
  const open = (matches: readonly StatementMatch[], prefix: string): string[] =>
    matches.filter((match) => match.applies === 'maybe').flatMap((match) => match.open.map(({ clause }) => `${prefix}${clause.key.value} ${clause.operator.value} ${clause.values.map((v) => String(v.value)).join(', ')}`));
  const found = [...new Set([...open(evaluation.allowedBy, ''), ...open(evaluation.deniedBy, 'unless denied by ')])];
  return found.length === 0 ? 'a policy variable the export does not settle' : describeList(found, 3);
}

/** The best of two decisions: allowed, then conditional. */
function rank(evaluation: Evaluation): number {
  return evaluation.decision === 'allowed' ? 0 : evaluation.decision === 'conditional' ? 1 : 2;
}

export default defineRule({
  id: 'permissions-boundary-removable',
  meta: {
    category: 'privilege-escalation',
    severity: 'high',
    recommended: true,
    inputs: ['graph'],
    kinds: [],
    description: 'A user or role with a permissions boundary should not be able to remove or replace its own boundary.',
    sources: [{ tool: 'cartography', id: 'delegation_boundary_modifiable' }],
  },
  messages: {
    deletable:
      '{principal} has the permissions boundary {boundary}, but may remove it from itself: {action} on its own ARN is allowed by {grants}, and the boundary does not stop it. Without the boundary its identity policies apply in full. Deny {actions} in the boundary itself or in an SCP.',
    replaceable:
      '{principal} has the permissions boundary {boundary}, but may replace it with one of its choosing (AdministratorAccess): {action} on its own ARN is allowed by {grants}, and the boundary does not stop it. Allow {action} only with a condition that iam:PermissionsBoundary is this boundary, or deny {actions} in the boundary itself or in an SCP.',
    conditional:
      '{principal} has the permissions boundary {boundary}, but may remove or replace it when these conditions hold: {conditions}. {action} on its own ARN is allowed by {grants}. Deny {actions} in the boundary itself or in an SCP.',
  },
  check: {
    graph(context, graph) {
      for (const principal of graph.principals.values()) {
        const entity = principal.entity;
        const boundary = principal.set.policies.boundary;
        const attachment = entity?.permissionsBoundary;
        // A boundary the export does not hold cannot be evaluated; only their service changes service-linked roles.
        if (!entity || !attachment || !boundary || principal.serviceLinked) continue;
        const kind = entity.type === 'user' ? 'User' : 'Role';
        const partition = graph.accounts.get(principal.account)?.partition ?? 'aws';
        const ask = (action: string, extra: readonly [string, string][]): { action: string; evaluation: Evaluation } => {
          const values = new Map<string, readonly string[]>([['aws:securetransport', ['true']], ...extra.map(([key, value]): [string, readonly string[]] => [key, [value]])]);
          const request = { principal: principal.request, action, resource: principal.key, resourceAccount: principal.account, context: { values, now: context.now } };
          // IAM has no resource policies, and RCPs do not cover IAM.
          return { action, evaluation: evaluate(request, principal.set.policies, { kind: 'default' }) };
        };
        const asked = [
          ask(`iam:Delete${kind}PermissionsBoundary`, []),
          // The replacement a principal would choose; a condition pinning iam:PermissionsBoundary to the current boundary stops it.
          ask(`iam:Put${kind}PermissionsBoundary`, [['iam:permissionsboundary', `arn:${partition}:iam::aws:policy/AdministratorAccess`]]),
        ];
        const best = asked.reduce((a, b) => (rank(b.evaluation) < rank(a.evaluation) ? b : a));
        if (best.evaluation.decision === 'denied') continue;
        const data = {
          principal: `${kind} '${entity.name}'`,
          // GAAD gives a boundary's ARN only: its name is the ARN's last part.
          boundary: `'${attachment.name ?? attachment.arn.slice(attachment.arn.lastIndexOf('/') + 1)}'`,
          action: best.action,
          grants: grantsText(graph, principal, best.evaluation),
          actions: `iam:Delete${kind}PermissionsBoundary and iam:Put${kind}PermissionsBoundary`,
        };
        const base = { at: attachment.span, subject: principal.key } as const;
        if (best.evaluation.decision === 'conditional') context.report({ ...base, messageId: 'conditional', data: { ...data, conditions: conditionsText(best.evaluation) } });
        else context.report({ ...base, messageId: best.action.includes('Delete') ? 'deletable' : 'replaceable', data });
      }
    },
  },
});
