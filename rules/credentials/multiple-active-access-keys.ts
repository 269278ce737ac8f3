import { defineRule } from '../../src/engine/rule.js';
import { activeAccessKeys, formatDay, formatReportDay, userRows } from '../../src/iam/credentials.js';
import type { AccessKeyColumns } from '../../src/model/inventory.js';

/** `created 2025-06-02, last used 2025-12-28`: what helps choose the key to keep. */
function describeKey(key: AccessKeyColumns): string {
  const { lastUsedDate: used } = key;
  const use = used.kind === 'value' ? `last used ${formatDay(used.value)}` : used.kind === 'na' ? 'never used' : 'last use unknown';
  return `created ${formatReportDay(key.lastRotated, 'on an unknown date')}, ${use}`;
}

export default defineRule({
  id: 'multiple-active-access-keys',
  meta: {
    category: 'credentials',
    severity: 'low',
    recommended: true,
    inputs: ['account'],
    kinds: [],
    description: 'An IAM user should have at most one active access key.',
    sources: [
      { tool: 'cis', id: '1.13' },
      { tool: 'prowler', id: 'iam_user_two_active_access_key' },
    ],
  },
  messages: {
    twoActiveKeys:
      'User {user} has two active access keys (key 1: {key1}; key 2: {key2}). Keep the one in use: deactivate the other, and delete it once nothing breaks.',
  },
  check: {
    account(context, account) {
      // Root keys are root-access-key's, one or two.
      for (const row of userRows(account)) {
        if (activeAccessKeys(row).length < 2) continue;
        const [key1, key2] = row.accessKeys;
        // On the second key's active cell: the one that makes two.
        context.report({ messageId: 'twoActiveKeys', at: row.cell('access_key_2_active'), subject: row.arn, data: { user: `'${row.user}'`, key1: describeKey(key1), key2: describeKey(key2) } });
      }
    },
  },
});
