import { defineRule } from '../../src/engine/rule.js';
import { rootSubject } from '../../src/iam/credentials.js';

/** The AWS managed policy AWSSupportAccess, in any partition. */
const supportAccess = /^arn:[^:]+:iam::aws:policy\/AWSSupportAccess$/;

export default defineRule({
  id: 'support-role-missing',
  meta: {
    category: 'credentials',
    severity: 'info',
    recommended: true,
    inputs: ['account'],
    kinds: [],
    description: 'An account should have a role with the AWS managed policy AWSSupportAccess, to manage incidents with AWS Support.',
    sources: [
      { tool: 'cis', id: '1.17' },
      { tool: 'securityhub', id: 'IAM.18' },
      { tool: 'prowler', id: 'iam_support_role_created' },
    ],
  },
  messages: {
    noSupportRole:
      'No role in the account has the AWS managed policy AWSSupportAccess attached, so opening and following cases with AWS Support during an incident needs an administrator or the root user. Create a role for it, trusted by the people who handle incidents, and attach AWSSupportAccess to it.',
  },
  check: {
    account(context, account) {
      // Without a GAAD, the account's roles are unknown.
      if (!account.authorizationDetails) return;
      const hasSupportRole = account.roles.some((role) => role.attachedPolicies.some((policy) => supportAccess.test(policy.arn)));
      if (!hasSupportRole) context.report({ messageId: 'noSupportRole', at: account.authorizationDetails, ...rootSubject(account) });
    },
  },
});
