import { defineRule } from '../../src/engine/rule.js';
import { activeAccessKeys, daysSince, formatDay, formatDaysAgo, isOlderThan, userRows } from '../../src/iam/credentials.js';

export default defineRule({
  id: 'access-key-not-rotated',
  meta: {
    category: 'credentials',
    severity: 'medium',
    recommended: true,
    inputs: ['account'],
    kinds: [],
    description: 'Active access keys of IAM users should be replaced regularly, by default at least every 90 days.',
    sources: [
      { tool: 'cis', id: '1.14' },
      { tool: 'securityhub', id: 'IAM.3' },
      { tool: 'prowler', id: 'iam_rotate_access_key_90_days' },
    ],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxAgeDays: { type: 'integer', minimum: 1, description: 'An active key older than this many whole days is reported (default 90).' },
      },
    },
  },
  messages: {
    notRotated:
      'Access key {key} of user {user} was created on {date}, {ago}: more than {maxAgeDays} days. Create a new key, move whatever uses this one to it, then deactivate and delete this one.',
  },
  defaultOptions: { maxAgeDays: 90 },
  check: {
    account(context, account) {
      const { now, options } = context;
      // Root keys are root-access-key's, whatever their age.
      for (const row of userRows(account)) {
        for (const key of activeAccessKeys(row)) {
          if (key.lastRotated.kind !== 'value' || !isOlderThan(now, key.lastRotated.value, options.maxAgeDays)) continue;
          const created = key.lastRotated.value;
          context.report({
            messageId: 'notRotated',
            at: row.cell(`access_key_${key.index}_last_rotated`),
            subject: row.arn,
            data: { key: key.index, user: `'${row.user}'`, date: formatDay(created), ago: formatDaysAgo(daysSince(now, created)), maxAgeDays: options.maxAgeDays },
          });
        }
      }
    },
  },
});
