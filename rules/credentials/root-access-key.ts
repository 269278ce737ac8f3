import { defineRule } from '../../src/engine/rule.js';
import { formatReportDay, isTrue, rootRow, rootSubject, summaryFlag } from '../../src/iam/credentials.js';

export default defineRule({
  id: 'root-access-key',
  meta: {
    category: 'credentials',
    severity: 'critical',
    recommended: true,
    inputs: ['account'],
    kinds: [],
    description: 'The root user must not have access keys.',
    sources: [
      { tool: 'cis', id: '1.4' },
      { tool: 'securityhub', id: 'IAM.4' },
      { tool: 'prowler', id: 'iam_no_root_access_key' },
    ],
  },
  messages: {
    activeKey:
      'The root user has an active access key {key} (created or last rotated: {rotated}; last used: {used}): a long-term secret with unrestricted access to the whole account. Move whatever uses it to an IAM role, then deactivate and delete the key.',
    keysPresent:
      'The account summary says the root user has an access key (AccountAccessKeysPresent is 1): a long-term secret with unrestricted access to the whole account. Move whatever uses it to an IAM role, then delete the key; the credential report shows which key it is and when it was last used.',
  },
  check: {
    account(context, account) {
      const subject = rootSubject(account);
      const row = rootRow(account);
      // The credential report says which key is active; the summary would only repeat it, less precisely.
      if (row) {
        for (const key of row.accessKeys) {
          if (!isTrue(key.active)) continue;
          context.report({
            messageId: 'activeKey',
            at: row.cell(`access_key_${key.index}_active`),
            ...subject,
            data: { key: key.index, rotated: formatReportDay(key.lastRotated, 'unknown'), used: formatReportDay(key.lastUsedDate, 'none recorded') },
          });
        }
        return;
      }
      const flag = summaryFlag(account, 'AccountAccessKeysPresent');
      if (flag?.set) context.report({ messageId: 'keysPresent', at: flag.span, ...subject });
    },
  },
});
