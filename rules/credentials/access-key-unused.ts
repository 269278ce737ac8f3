import { defineRule } from '../../src/engine/rule.js';
import { accessKeyLastActivity, activeAccessKeys, daysSince, formatDay, formatDaysAgo, isUnusedFor, userRows } from '../../src/iam/credentials.js';

export default defineRule({
  id: 'access-key-unused',
  meta: {
    category: 'credentials',
    severity: 'medium',
    recommended: true,
    inputs: ['account'],
    kinds: [],
    description: 'Active access keys that have not been used for 45 days should be deactivated or deleted.',
    sources: [
      { tool: 'cis', id: '1.12' },
      { tool: 'securityhub', id: 'IAM.22' },
      { tool: 'prowler', id: 'iam_user_accesskey_unused' },
    ],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        days: { type: 'integer', minimum: 1, description: 'An active key not used for this many whole days or more is reported (default 45).' },
      },
    },
  },
  messages: {
    unused:
      'Access key {key} of user {user} is active but was last used on {date}, {ago} ({days} days or more). Deactivate it, and delete it once nothing breaks.',
    neverUsed:
      'Access key {key} of user {user} is active but has no recorded use since it was created on {date}, {ago} ({days} days or more). Deactivate it, and delete it once nothing breaks.',
  },
  defaultOptions: { days: 45 },
  check: {
    account(context, account) {
      const { now, options } = context;
      // Root keys are root-access-key's, used or not.
      for (const row of userRows(account)) {
        for (const key of activeAccessKeys(row)) {
          // A key never used is counted from its creation, as CIS does: a new key gets `days` to be put to use.
          const activity = accessKeyLastActivity(key);
          if (!activity || !isUnusedFor(now, activity.date, options.days)) continue;
          context.report({
            messageId: activity.used ? 'unused' : 'neverUsed',
            at: row.cell(`access_key_${key.index}_last_used_date`),
            subject: row.arn,
            data: { key: key.index, user: `'${row.user}'`, date: formatDay(activity.date), ago: formatDaysAgo(daysSince(now, activity.date)), days: options.days },
          });
        }
      }
    },
  },
});
