import { defineRule } from '../../src/engine/rule.js';
import { isFalse, isTrue, userRows } from '../../src/iam/credentials.js';

export default defineRule({
  id: 'console-user-without-mfa',
  meta: {
    category: 'credentials',
    severity: 'high',
    recommended: true,
    inputs: ['account'],
    kinds: [],
    description: 'IAM users who can sign in to the console with a password should have an MFA device.',
    sources: [
      { tool: 'cis', id: '1.10' },
      { tool: 'securityhub', id: 'IAM.5' },
      { tool: 'prowler', id: 'iam_user_mfa_enabled_console_access' },
    ],
  },
  messages: {
    noMfa:
      'User {user} can sign in to the console with a password alone: it has no MFA device. Assign one (preferably a FIDO security key), or remove the console password if the user does not need the console.',
  },
  check: {
    account(context, account) {
      // Root is root-mfa-disabled's; its password_enabled is not_supported anyway.
      for (const row of userRows(account)) {
        if (!isTrue(row.passwordEnabled) || !isFalse(row.mfaActive)) continue;
        context.report({ messageId: 'noMfa', at: row.cell('mfa_active'), subject: row.arn, data: { user: `'${row.user}'` } });
      }
    },
  },
});
