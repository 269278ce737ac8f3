import { defineRule } from '../../src/engine/rule.js';
import { activeAccessKeys, formatTime, hoursBetween, isTrue, userRows } from '../../src/iam/credentials.js';

export default defineRule({
  id: 'access-key-at-user-creation',
  meta: {
    category: 'credentials',
    severity: 'low',
    recommended: true,
    inputs: ['account'],
    kinds: [],
    description: 'Console users should not be given an access key when they are created; a key created with the user and never used should be deleted.',
    sources: [
      { tool: 'cis', id: '1.11' },
      { tool: 'prowler', id: 'iam_user_no_setup_initial_access_key' },
    ],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        setupWindowHours: {
          type: 'integer',
          minimum: 1,
          description: "A never-used key created within this many hours of its console user is reported as part of the user's setup (default 24).",
        },
      },
    },
  },
  messages: {
    createdWithUser:
      'Access key {key} of console user {user} was created at {keyCreated}, within {window} of the user itself ({userCreated}), and has never been used: it was handed out with the account. Delete it; create access keys as a separate step, when a program needs one.',
  },
  defaultOptions: { setupWindowHours: 24 },
  check: {
    account(context, account) {
      const { options } = context;
      const window = options.setupWindowHours === 1 ? '1 hour' : `${String(options.setupWindowHours)} hours`;
      for (const row of userRows(account)) {
        // A user without a console password is a programmatic user: its key is what it is for.
        if (!isTrue(row.passwordEnabled) || row.userCreationTime.kind !== 'value') continue;
        const userCreated = row.userCreationTime.value;
        for (const key of activeAccessKeys(row)) {
          // Only N/A is "never used"; a key in use is access-key-not-rotated's concern.
          if (key.lastUsedDate.kind !== 'na' || key.lastRotated.kind !== 'value') continue;
          const keyCreated = key.lastRotated.value;
          if (hoursBetween(keyCreated, userCreated) > options.setupWindowHours) continue;
          context.report({
            messageId: 'createdWithUser',
            at: row.cell(`access_key_${key.index}_last_rotated`),
            subject: row.arn,
            data: { key: key.index, user: `'${row.user}'`, keyCreated: formatTime(keyCreated), window, userCreated: formatTime(userCreated) },
          });
        }
      }
    },
  },
});
