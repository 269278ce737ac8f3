import { defineRule } from '../../src/engine/rule.js';
import { describeList } from '../../src/iam/describe.js';
import type { IamUser } from '../../src/model/inventory.js';
import type { Span } from '../../src/model/span.js';

/** `the inline policy 'a'`, `the managed policies 'b' and 'c'`. */
function describePolicies(kind: string, names: readonly string[]): string | undefined {
  if (names.length === 0) return undefined;
  const noun = names.length === 1 ? 'policy' : 'policies';
  return `the ${kind} ${noun} ${describeList(names.map((name) => `'${name}'`))}`;
}

/** A managed policy's name as the user's entry gives it, else the last part of its ARN. */
function attachmentName(attachment: IamUser['attachedPolicies'][number]): string {
  return attachment.name ?? attachment.arn.slice(attachment.arn.lastIndexOf('/') + 1);
}

/** The user's policy entry that comes first in the export: where the finding points. */
function firstEntry(user: IamUser): Span | undefined {
  const spans = [...user.inlinePolicies, ...user.attachedPolicies].map((entry) => entry.span);
  return spans.reduce<Span | undefined>((first, span) => (first === undefined || span.offset < first.offset ? span : first), undefined);
}

export default defineRule({
  id: 'user-direct-policies',
  meta: {
    category: 'credentials',
    severity: 'low',
    recommended: true,
    inputs: ['account'],
    kinds: [],
    description: 'IAM users should get their permissions from groups, not from inline or managed policies of their own.',
    sources: [
      { tool: 'cis', id: '1.15' },
      { tool: 'securityhub', id: 'IAM.2' },
      { tool: 'prowler', id: 'iam_policy_attached_only_to_group_or_roles' },
    ],
  },
  messages: {
    directPolicies:
      'User {user} has permissions of its own, from {policies}. Grant them through a group instead: add the user to a group that has these permissions, then remove the policies from the user.',
  },
  check: {
    account(context, account) {
      for (const user of account.users) {
        const at = firstEntry(user);
        if (!at) continue;
        const policies = [
          describePolicies('inline', user.inlinePolicies.map((policy) => policy.name)),
          describePolicies('managed', user.attachedPolicies.map(attachmentName)),
        ].filter((text) => text !== undefined);
        context.report({ messageId: 'directPolicies', at, subject: user.arn, data: { user: `'${user.name}'`, policies: policies.join(' and ') } });
      }
    },
  },
});
