import { defineRule } from '../../src/engine/rule.js';
import { daysSince, formatDay, formatDaysAgo, rootRow, rootSubject } from '../../src/iam/credentials.js';
import type { CredentialColumn, CredentialRow } from '../../src/model/inventory.js';

interface RootRecentUseOptions {
  /** A use less than this many days before the evaluation date is recent. */
  readonly days: number;
}

const defaultOptions: RootRecentUseOptions = { days: 90 };

/** One recorded use of a root credential: the password, or access key 1 or 2. */
interface RootUse {
  readonly credential: 'password' | 1 | 2;
  readonly date: Date;
  readonly column: CredentialColumn;
}

/** The latest recorded use of the root user's password or access keys; the password wins a tie. */
function latestUse(row: CredentialRow): RootUse | undefined {
  let latest: RootUse | undefined;
  const consider = (credential: RootUse['credential'], value: CredentialRow['passwordLastUsed'], column: CredentialColumn): void => {
    // N/A, no_information and not_supported are not uses.
    if (value.kind === 'value' && (latest === undefined || value.value > latest.date)) latest = { credential, date: value.value, column };
  };
  consider('password', row.passwordLastUsed, 'password_last_used');
  for (const key of row.accessKeys) consider(key.index, key.lastUsedDate, `access_key_${key.index}_last_used_date`);
  return latest;
}

export default defineRule({
  id: 'root-recent-use',
  meta: {
    category: 'credentials',
    severity: 'high',
    recommended: true,
    inputs: ['account'],
    kinds: [],
    description: 'The root user should not be used for everyday work; its password and access keys should have no recent use.',
    sources: [
      { tool: 'cis', id: '1.7' },
      { tool: 'prowler', id: 'iam_avoid_root_usage' },
    ],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        days: { type: 'integer', minimum: 1, description: 'A use of the root user less than this many days before the evaluation date is reported (default 90).' },
      },
    },
  },
  messages: {
    passwordUsed:
      'The root user signed in with its password on {date} ({ago}), within the last {days} days. Check in CloudTrail what was done, do everyday work with IAM Identity Center users or IAM roles, and keep the root user for the few tasks only it can do.',
    accessKeyUsed:
      "The root user's access key {key} was used on {date} ({ago}), within the last {days} days. Check in CloudTrail what it did, move whatever uses it to an IAM role, and delete the root user's access keys.",
  },
  defaultOptions,
  check: {
    account(context, account) {
      const row = rootRow(account);
      const use = row && latestUse(row);
      if (!row || !use) return;
      const age = daysSince(context.now, use.date);
      // Whole days, floored: age < days exactly when the use is less than `days` × 24 hours old.
      if (age >= context.options.days) return;
      const common = { date: formatDay(use.date), ago: formatDaysAgo(age), days: context.options.days };
      const at = row.cell(use.column);
      const subject = rootSubject(account);
      if (use.credential === 'password') context.report({ messageId: 'passwordUsed', at, ...subject, data: common });
      else context.report({ messageId: 'accessKeyUsed', at, ...subject, data: { ...common, key: use.credential } });
    },
  },
});
