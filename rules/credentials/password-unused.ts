import { defineRule } from '../../src/engine/rule.js';
import { daysSince, formatDay, formatDaysAgo, isTrue, isUnusedFor, passwordLastActivity, userRows } from '../../src/iam/credentials.js';

export default defineRule({
  id: 'password-unused',
  meta: {
    category: 'credentials',
    severity: 'medium',
    recommended: true,
    inputs: ['account'],
    kinds: [],
    description: 'Console passwords that have not been used for 45 days should be removed.',
    sources: [
      { tool: 'cis', id: '1.12' },
      { tool: 'securityhub', id: 'IAM.22' },
      { tool: 'prowler', id: 'iam_user_console_access_unused' },
    ],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        days: { type: 'integer', minimum: 1, description: 'A console password not used for this many whole days or more is reported (default 45).' },
      },
    },
  },
  messages: {
    unused:
      'User {user} last signed in to the console with its password on {date}, {ago} ({days} days or more). Remove the console password (delete the login profile) if the user no longer needs the console.',
    neverUsed:
      'User {user} has a console password with no recorded sign-in since it was set on {date}, {ago} ({days} days or more). Remove the console password (delete the login profile) if the user does not need the console.',
  },
  defaultOptions: { days: 45 },
  check: {
    account(context, account) {
      const { now, options } = context;
      // Root's password columns are not_supported; root-recent-use watches root sign-ins.
      for (const row of userRows(account)) {
        if (!isTrue(row.passwordEnabled)) continue;
        // A password never used is counted from when it was set, as CIS does.
        const activity = passwordLastActivity(row);
        if (!activity || !isUnusedFor(now, activity.date, options.days)) continue;
        context.report({
          messageId: activity.used ? 'unused' : 'neverUsed',
          at: row.cell('password_last_used'),
          subject: row.arn,
          data: { user: `'${row.user}'`, date: formatDay(activity.date), ago: formatDaysAgo(daysSince(now, activity.date)), days: options.days },
        });
      }
    },
  },
});
