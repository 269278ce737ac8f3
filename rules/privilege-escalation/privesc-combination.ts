import { defineRule } from '../../src/engine/rule.js';
import { describeList } from '../../src/iam/describe.js';
import { grantedTechniques, grantsAdministrator, type ActionGrant, type GrantedTechnique } from '../../src/iam/techniques.js';
import { matchesAction } from '../../src/iam/wildcard.js';
import type { Account, IamGroup, IamRole, IamUser } from '../../src/model/inventory.js';
import { statementLabel, type PolicyDocument, type Statement } from '../../src/model/policy.js';
import type { Span } from '../../src/model/span.js';

/** `a, b and c`, every item kept. */
function joinAll(items: readonly string[], last = 'and'): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1] ?? ''}`;
}

/** One required permission: the action, or its granted alternatives (`either ec2:RunInstances or ec2:RequestSpotInstances`). */
function permissionText(entry: readonly ActionGrant[]): string {
  const ids = entry.map((grant) => grant.action.id);
  if (ids.length === 1) return ids[0] ?? '';
  return ids.length === 2 ? `either ${ids.join(' or ')}` : `one of ${joinAll(ids, 'or')}`;
}

/**
 * Who grants what, statement by statement: `Statement 'PassRoles' allows iam:PassRole, and
 * statement 'Launch' allows ec2:RunInstances`. A permission is listed under the statements that grant
 * any of its alternatives.
 */
function grantsText(grants: readonly (readonly ActionGrant[])[]): string {
  const byStatements = new Map<string, { statements: Statement[]; permissions: string[] }>();
  for (const entry of grants) {
    const statements = [...new Set(entry.flatMap((grant) => grant.statements))].sort((a, b) => a.index - b.index);
    const key = statements.map((statement) => statement.index).join(',');
    const group = byStatements.get(key) ?? { statements, permissions: [] };
    group.permissions.push(permissionText(entry));
    byStatements.set(key, group);
  }
  const parts = [...byStatements.values()].map(({ statements, permissions }) => {
    const labels = describeList(statements.map(statementLabel));
    return `${statements.length === 1 ? `statement ${labels} allows` : `statements ${labels} allow`} ${joinAll(permissions)}`;
  });
  const text = parts.length === 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')}, and ${parts[parts.length - 1] ?? ''}`;
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/** The Action entry (or NotAction element) of the first statement granting the technique's most specific permission. */
function anchorOf({ technique, grants }: GrantedTechnique): Span {
  const entry = grants[technique.anchor] ?? grants[0] ?? [];
  let best: { statement: Statement; action: string } | undefined;
  for (const grant of entry) {
    const first = grant.statements[0];
    if (first && (!best || first.index < best.statement.index)) best = { statement: first, action: grant.action.id };
  }
  if (!best) throw new Error(`technique ${technique.id} granted without statements`);
  const { statement, action } = best;
  const item = statement.action?.items.find((i) => matchesAction(i.value, action));
  if (item) return item.span;
  return statement.has('NotAction') ? statement.span('NotAction') : statement.span();
}

// ————————————————————————————————————————————————— all of a principal's policies

/** One of the policies in force for a user or role, as messages name it. */
interface HeldPolicy {
  readonly document: PolicyDocument;
  /** `inline policy 'deploy'`, `managed policy 'Ec2Launch' attached to group 'devs'`. */
  readonly label: string;
}

/**
 * The identity policies in force for a user or role: its inline policies, the default versions of
 * its managed policies and, for a user, those of its groups. A managed policy the export does not
 * hold (an AWS managed one not listed, a partial export) cannot be read and is left out; one that is
 * reached twice (attached to the user and to its group) counts once.
 */
function heldPolicies(account: Account, principal: IamUser | IamRole, managed: ReadonlyMap<string, PolicyDocument>): HeldPolicy[] {
  const held = new Map<PolicyDocument, HeldPolicy>();
  const add = (document: PolicyDocument | undefined, label: string): void => {
    if (document && !held.has(document)) held.set(document, { document, label });
  };
  const addOwn = (entity: IamUser | IamRole | IamGroup, via: string): void => {
    for (const inline of entity.inlinePolicies) add(inline.document, `inline policy '${inline.name}'${via === '' ? '' : ` of ${via}`}`);
    for (const attached of entity.attachedPolicies) add(managed.get(attached.arn), `managed policy '${attached.name ?? attached.arn}'${via === '' ? '' : ` attached to ${via}`}`);
  };
  addOwn(principal, '');
  if (principal.type === 'user') {
    for (const name of principal.groups) {
      const group = account.groups.find((g) => g.name === name.value);
      if (group) addOwn(group, `group '${group.name}'`);
    }
  }
  return [...held.values()];
}

/** Whether one of the policies grants, by its own statements, a permission of every entry of the technique. */
function grantedByOnePolicy({ grants }: GrantedTechnique, policyOf: ReadonlyMap<Statement, HeldPolicy>): boolean {
  const candidates = new Set((grants[0] ?? []).flatMap((grant) => grant.statements.map((statement) => policyOf.get(statement))));
  return [...candidates].some((policy) => policy !== undefined && grants.every((entry) => entry.some((grant) => grant.statements.some((statement) => policyOf.get(statement) === policy))));
}

/**
 * Who grants what, policy by policy: `inline policy 'pass' grants iam:PassRole, and managed policy
 * 'Launch' attached to group 'devs' grants ec2:RunInstances`.
 */
function policiesText(grants: readonly (readonly ActionGrant[])[], policyOf: ReadonlyMap<Statement, HeldPolicy>): string {
  const byPolicies = new Map<string, { labels: string[]; permissions: string[] }>();
  for (const entry of grants) {
    const labels = [...new Set(entry.flatMap((grant) => grant.statements.map((statement) => policyOf.get(statement)?.label ?? '')))].filter((l) => l !== '');
    const key = labels.join('\n');
    const group = byPolicies.get(key) ?? { labels, permissions: [] };
    group.permissions.push(permissionText(entry));
    byPolicies.set(key, group);
  }
  const parts = [...byPolicies.values()].map(({ labels, permissions }) => `${joinAll(labels)} ${labels.length === 1 ? 'grants' : 'grant'} ${joinAll(permissions)}`);
  return parts.length === 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')}, and ${parts[parts.length - 1] ?? ''}`;
}

const principalNames = { user: 'User', role: 'Role' } as const;

const messageIds = { 'new-passrole': 'newPassRole', existing: 'existing', principal: 'principal' } as const;

export default defineRule({
  id: 'privesc-combination',
  meta: {
    category: 'privilege-escalation',
    severity: 'high',
    recommended: true,
    inputs: ['policy', 'account'],
    // SCPs, RCPs and boundaries only cap what identity policies grant; resource and trust policies
    // do not grant these actions to a principal of the account.
    kinds: ['identity'],
    description: 'A policy, or all the policies of one principal together, should not grant every permission of a known multi-permission privilege-escalation technique.',
    sources: [
      { tool: 'cloudsplaining', id: 'PrivilegeEscalation' },
      { tool: 'prowler', id: 'iam_policy_allows_privilege_escalation' },
    ],
  },
  messages: {
    newPassRole:
      '{grants}: together they let a principal {how}, passing any role that trusts the service, an administrator role included ({technique}). Name the roles that may be passed in the Resource of iam:PassRole, with an iam:PassedToService condition, or give these permissions to different principals.',
    existing:
      '{grants}, each on every resource of its type: together they let a principal {how}, whatever that role may do ({technique}). Name the resources these actions may change in Resource, or give these permissions to different principals.',
    principal:
      '{grants}, each on every role: together they let a principal {how}, an administrator role included ({technique}). Name the roles in Resource, or give these permissions to different principals.',
    several:
      'What this entry grants completes, with other permissions of the policy, {count} privilege-escalation techniques: {techniques}. Scope each permission to named resources (iam:PassRole to named roles, with iam:PassedToService), or give them to different principals; `iamlint explain privesc-combination` describes each technique.',
    acrossPolicies:
      '{principal} holds every permission of a privilege-escalation technique through several of its policies together, though none of them grants it alone: {grants}. Together they let it {how} ({technique}). Scope one of the permissions to named resources (iam:PassRole to named roles, with iam:PassedToService), or remove it from this principal.',
    acrossPoliciesSeveral:
      '{principal} holds every permission of {count} privilege-escalation techniques through several of its policies together, though none of them grants one alone: {techniques}. Scope the permissions to named resources (iam:PassRole to named roles, with iam:PassedToService), or remove some from this principal; `iamlint explain privesc-combination` describes each technique.',
  },
  check: {
    account(context, account) {
      const managed = new Map<string, PolicyDocument>();
      for (const policy of account.policies) if (policy.defaultVersion?.document) managed.set(policy.arn, policy.defaultVersion.document);
      for (const principal of [...account.users, ...account.roles]) {
        const held = heldPolicies(account, principal, managed);
        // One policy can only be reported by itself (the document visitor); administrator access is full-admin's.
        if (held.length < 2 || held.some(({ document }) => document.statements.some(grantsAdministrator))) continue;
        const policyOf = new Map<Statement, HeldPolicy>();
        for (const policy of held) for (const statement of policy.document.statements) policyOf.set(statement, policy);
        const split = grantedTechniques([...policyOf.keys()]).filter((found) => !grantedByOnePolicy(found, policyOf));
        const [only] = split;
        if (!only) continue;
        const base = { at: principal.span, subject: principal.arn } as const;
        const name = `${principalNames[principal.type]} '${principal.name}'`;
        if (split.length === 1) {
          const { technique } = only;
          context.report({ ...base, messageId: 'acrossPolicies', data: { principal: name, grants: policiesText(only.grants, policyOf), how: technique.how, technique: `${technique.name}: ${technique.refs.join(', ')}` } });
        } else {
          const techniques = split.map(({ technique, grants }) => `${technique.name} (${policiesText(grants, policyOf)})`).join('; ');
          context.report({ ...base, messageId: 'acrossPoliciesSeveral', data: { principal: name, count: split.length, techniques } });
        }
      }
    },
    document(context, document) {
      // Administrator access is full-admin's finding; every technique would only repeat it.
      if (document.statements.some(grantsAdministrator)) return;
      // One finding per place: `lambda:*` completes several techniques, and one finding there is enough.
      const byPlace = new Map<number, { at: Span; found: GrantedTechnique[] }>();
      for (const found of grantedTechniques(document.statements)) {
        const at = anchorOf(found);
        const place = byPlace.get(at.offset) ?? { at, found: [] };
        place.found.push(found);
        byPlace.set(at.offset, place);
      }
      for (const { at, found } of byPlace.values()) {
        const [only] = found;
        if (only && found.length === 1) {
          const { technique } = only;
          context.report({
            messageId: messageIds[technique.kind],
            at,
            data: { grants: grantsText(only.grants), how: technique.how, technique: `${technique.name}: ${technique.refs.join(', ')}` },
          });
        } else {
          const techniques = found.map(({ technique }) => `${technique.name} (${technique.refs.join(', ')})`).join('; ');
          context.report({ messageId: 'several', at, data: { count: found.length, techniques } });
        }
      }
    },
  },
});
