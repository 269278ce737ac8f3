import { defineRule } from '../../src/engine/rule.js';
import { describeList } from '../../src/iam/describe.js';
import { activeAccessKeys, activeCertificates, isFalse, isGovCloud, rootRow, rootSubject, summaryFlag } from '../../src/iam/credentials.js';
import type { Account, CredentialRow } from '../../src/model/inventory.js';

/**
 * Whether the root user's password was removed, as centralized root access does in organization
 * member accounts. Only the credential report's explicit `password_enabled` `false` counts;
 * `not_supported`, what most reports say for root, does not, and neither does a summary that says
 * `AccountPasswordPresent` is 1.
 */
function passwordRemoved(account: Account, row: CredentialRow): boolean {
  return isFalse(row.passwordEnabled) && summaryFlag(account, 'AccountPasswordPresent')?.set !== true;
}

/** The root user's active access keys and signing certificates, as messages name them. */
function otherCredentials(row: CredentialRow): string[] {
  return [
    ...activeAccessKeys(row).map((key) => `access key ${String(key.index)}`),
    ...activeCertificates(row).map((certificate) => `signing certificate ${String(certificate.index)}`),
  ];
}

export default defineRule({
  id: 'root-mfa-disabled',
  meta: {
    category: 'credentials',
    severity: 'critical',
    recommended: true,
    inputs: ['account'],
    kinds: [],
    description: 'The root user must have multi-factor authentication (MFA) enabled.',
    sources: [
      { tool: 'cis', id: '1.5' },
      { tool: 'securityhub', id: 'IAM.9' },
      { tool: 'prowler', id: 'iam_root_mfa_enabled' },
    ],
  },
  messages: {
    noMfa:
      'The root user has no MFA device (mfa_active is false): its password alone signs in, with unrestricted access to the whole account. Enable MFA for the root user, preferably a FIDO security key or a hardware token kept in a safe place.',
    noMfaSummary:
      'The account summary says the root user has no MFA device (AccountMFAEnabled is 0): its password alone signs in, with unrestricted access to the whole account. Enable MFA for the root user, preferably a FIDO security key or a hardware token kept in a safe place.',
    noMfaWithoutPassword:
      'The root user has no password and no MFA device (mfa_active is false), but it still has {credentials} active. MFA does not protect access keys or signing certificates: delete what remains, so that the root user has no credentials left.',
  },
  check: {
    account(context, account) {
      // In GovCloud the root user cannot sign in or be used.
      if (isGovCloud(account)) return;
      const subject = rootSubject(account);
      const row = rootRow(account);
      const removed = row !== undefined && passwordRemoved(account, row);
      const others = row ? otherCredentials(row) : [];
      // No password, key or certificate (centralized root access): root cannot sign in, MFA protects nothing.
      if (removed && others.length === 0) return;
      // The credential report decides when it says true or false; the summary would only repeat it.
      if (row?.mfaActive.kind === 'value') {
        if (row.mfaActive.value) return;
        const at = row.cell('mfa_active');
        if (removed) context.report({ messageId: 'noMfaWithoutPassword', at, ...subject, data: { credentials: describeList(others, others.length) } });
        else context.report({ messageId: 'noMfa', at, ...subject });
        return;
      }
      const flag = summaryFlag(account, 'AccountMFAEnabled');
      if (flag && !flag.set) context.report({ messageId: 'noMfaSummary', at: flag.span, ...subject });
    },
  },
});
