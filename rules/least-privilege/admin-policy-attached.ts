import { defineRule } from '../../src/engine/rule.js';
import { firstAdminStatement, type AdminGrant } from '../../src/iam/admin.js';
import { describeItems } from '../../src/iam/describe.js';
import type { IamPrincipal, ManagedPolicy } from '../../src/model/inventory.js';
import { statementLabel, type Statement } from '../../src/model/policy.js';

/** The AWS managed policies that are administrator access, by their name in `arn:<partition>:iam::aws:policy/<name>`. */
const awsAdminPolicy = /^arn:[^:]+:iam::aws:policy\/(AdministratorAccess|IAMFullAccess)$/;

interface AdminPolicy {
  readonly policy: ManagedPolicy;
  /** The id of the default version, the one in force. */
  readonly version: string;
  readonly statement: Statement;
  readonly grant: AdminGrant;
}

/**
 * The account's customer managed policies whose default version grants administrator access, by
 * ARN. Policies the export does not list, or whose default version it does not hold, cannot be judged.
 */
function customerAdminPolicies(policies: readonly ManagedPolicy[]): ReadonlyMap<string, AdminPolicy> {
  const found = new Map<string, AdminPolicy>();
  for (const policy of policies) {
    const version = policy.defaultVersion;
    if (policy.awsManaged || !version?.document) continue;
    const admin = firstAdminStatement(version.document);
    if (admin) found.set(policy.arn, { policy, version: version.versionId, ...admin });
  }
  return found;
}

const kindNames: Readonly<Record<IamPrincipal['type'], string>> = { user: 'User', group: 'Group', role: 'Role' };

export default defineRule({
  id: 'admin-policy-attached',
  meta: {
    category: 'least-privilege',
    severity: 'high',
    recommended: true,
    inputs: ['account'],
    kinds: [],
    description: 'Users, groups and roles should not have a managed policy attached that grants full administrator access.',
    sources: [
      { tool: 'cis', id: '1.16' },
      { tool: 'securityhub', id: 'IAM.1' },
      { tool: 'prowler', id: 'iam_aws_attached_policy_no_administrative_privileges' },
      { tool: 'prowler', id: 'iam_customer_attached_policy_no_administrative_privileges' },
    ],
  },
  messages: {
    administratorAccess:
      '{principal} has the AWS managed policy AdministratorAccess attached, which allows every action on every resource: full administrator access. Attach policies that grant only what it needs.',
    iamFullAccess:
      '{principal} has the AWS managed policy IAMFullAccess attached, which allows every IAM action: it can attach AdministratorAccess to itself, so this is administrator access. Grant only the IAM actions it needs, on the users, roles and policies it manages.',
    everyAction:
      '{principal} has the customer managed policy {policy} attached, whose statement {statement} (default version {version}) allows every action on every resource: full administrator access. Attach policies that grant only what it needs.',
    notAction:
      '{principal} has the customer managed policy {policy} attached, whose statement {statement} (default version {version}) allows every action except {excluded} on every resource, which still includes {escalation}: administrator access. Attach policies that grant only what it needs.',
  },
  check: {
    account(context, account) {
      const adminPolicies = customerAdminPolicies(account.policies);
      for (const principal of [...account.users, ...account.groups, ...account.roles]) {
        const name = `${kindNames[principal.type]} '${principal.name}'`;
        for (const attachment of principal.attachedPolicies) {
          const base = { at: attachment.span, subject: principal.arn } as const;
          const awsName = awsAdminPolicy.exec(attachment.arn)?.[1];
          if (awsName !== undefined) {
            context.report({ ...base, messageId: awsName === 'AdministratorAccess' ? 'administratorAccess' : 'iamFullAccess', data: { principal: name } });
            continue;
          }
          const admin = adminPolicies.get(attachment.arn);
          if (!admin) continue;
          const { policy, version, statement, grant } = admin;
          const data = { principal: name, policy: `'${policy.name}'`, statement: statementLabel(statement), version };
          if (grant.kind === 'everyAction') context.report({ ...base, messageId: 'everyAction', data });
          else context.report({ ...base, messageId: 'notAction', data: { ...data, excluded: describeItems(statement.notAction), escalation: grant.escalation } });
        }
      }
    },
  },
});
