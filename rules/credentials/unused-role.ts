import { defineRule } from '../../src/engine/rule.js';
import { daysSince, formatDay } from '../../src/iam/credentials.js';

/** How far back IAM tracks role use: a RoleLastUsed without a date means no use in this many days. */
const trackedDays = 400;

/** The path of service-linked roles, which the service that owns them creates, uses and deletes. */
const serviceLinkedPath = '/aws-service-role/';

export default defineRule({
  id: 'unused-role',
  meta: {
    category: 'credentials',
    severity: 'low',
    recommended: true,
    inputs: ['account'],
    kinds: [],
    description: 'IAM roles that have not been used for a long time should be deleted.',
    sources: [{ tool: 'access-analyzer', id: 'UnusedIAMRole' }],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        days: { type: 'integer', minimum: 1, maximum: trackedDays, description: 'A role unused for more than this many days is reported (default 90).' },
      },
    },
  },
  messages: {
    lastUsed: 'Role {role} was last used on {date}, {age} days ago (more than {days}). Delete it if nothing needs it any more: an unused role can only be misused.',
    neverUsed:
      'Role {role} has not been used since it was created on {created}, {age} days ago (more than {days}). Delete it if nothing needs it: an unused role can only be misused.',
    notUsedInWindow:
      'Role {role}, created on {created}, has not been used in the 400 days that IAM tracks. Delete it if nothing needs it: an unused role can only be misused.',
  },
  defaultOptions: { days: 90 },
  check: {
    account(context, account) {
      const { now, options } = context;
      for (const role of account.roles) {
        if (role.path.startsWith(serviceLinkedPath)) continue;
        // Without RoleLastUsed (an export by another tool, or an old one), use is unknown.
        const lastUsed = role.lastUsed;
        if (!lastUsed) continue;
        const base = { at: lastUsed.span, subject: role.arn } as const;
        const name = `'${role.name}'`;
        if (lastUsed.date) {
          const age = daysSince(now, lastUsed.date);
          if (age > options.days) context.report({ ...base, messageId: 'lastUsed', data: { role: name, date: formatDay(lastUsed.date), age, days: options.days } });
          continue;
        }
        // No use in the window. A role younger than the threshold has not had time to be used;
        // one without a creation date cannot be told from a role created yesterday.
        if (!role.createDate) continue;
        const age = daysSince(now, role.createDate);
        if (age <= options.days) continue;
        const created = formatDay(role.createDate);
        if (age <= trackedDays) context.report({ ...base, messageId: 'neverUsed', data: { role: name, created, age, days: options.days } });
        else context.report({ ...base, messageId: 'notUsedInWindow', data: { role: name, created } });
      }
    },
  },
});
