import { defineRule } from '../../src/engine/rule.js';
import { activeAccessKeys, daysSince, formatDay, formatDaysAgo, hasUsableCredential, isTrue, isUnusedFor, userLastActivity, userRows } from '../../src/iam/credentials.js';
import type { CredentialRow } from '../../src/model/inventory.js';

/** `a console password and an active access key`: the credentials that keep the user usable. */
function describeCredentials(row: CredentialRow): string {
  const keys = activeAccessKeys(row).length;
  const parts = [isTrue(row.passwordEnabled) ? 'a console password' : '', keys === 2 ? 'two active access keys' : keys === 1 ? 'an active access key' : ''];
  return parts.filter((part) => part !== '').join(' and ');
}

export default defineRule({
  id: 'inactive-user',
  meta: {
    category: 'credentials',
    severity: 'low',
    recommended: true,
    inputs: ['account'],
    kinds: [],
    description: 'IAM users whose password and access keys have not been used for 90 days should be removed, or lose those credentials.',
    sources: [{ tool: 'securityhub', id: 'IAM.8' }],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        days: { type: 'integer', minimum: 1, description: 'A user with credentials that has used none of them for this many whole days or more is reported (default 90).' },
      },
    },
  },
  messages: {
    inactive:
      'User {user} has {credentials}, but last used a password or access key on {date}, {ago} ({days} days or more). Delete the user if it is no longer needed; otherwise remove the credentials it does not use.',
    neverUsed:
      'User {user} has {credentials}, but has no recorded use of a password or access key since it was created on {date}, {ago} ({days} days or more). Delete the user if it is not needed; otherwise remove the credentials it does not use.',
  },
  defaultOptions: { days: 90 },
  check: {
    account(context, account) {
      const { now, options } = context;
      // Root is root-recent-use's.
      for (const row of userRows(account)) {
        // Without a password or an active key nobody can act as the user: it is not a risk, whatever its age.
        if (!hasUsableCredential(row)) continue;
        const activity = userLastActivity(row);
        if (!activity || !isUnusedFor(now, activity.date, options.days)) continue;
        context.report({
          messageId: activity.used ? 'inactive' : 'neverUsed',
          at: row.cell('user'),
          subject: row.arn,
          data: { user: `'${row.user}'`, credentials: describeCredentials(row), date: formatDay(activity.date), ago: formatDaysAgo(daysSince(now, activity.date)), days: options.days },
        });
      }
    },
  },
});
