import type { AccessKeyColumns, Account, CertificateColumns, CredentialRow, ReportValue } from '../model/inventory.js';
import type { Span } from '../model/span.js';

// Shared reasoning about credentials for the account rules: ages in whole days, and the credential
// report's rows. Dates come from the export and `context.now`, never from the clock.

const dayMs = 24 * 60 * 60 * 1000;

/** Whole days from `date` to `now` (0 for a date in the future). */
export function daysSince(now: Date, date: Date): number {
  return Math.max(0, Math.floor((now.getTime() - date.getTime()) / dayMs));
}

/** `2026-01-31`: how messages print a date (UTC). */
export function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The latest of some report values that are dates; undefined when none is. */
export function latestDate(values: readonly ReportValue<Date>[]): Date | undefined {
  let latest: Date | undefined;
  for (const value of values) {
    if (value.kind === 'value' && (latest === undefined || value.value > latest)) latest = value.value;
  }
  return latest;
}

/** Whether a report value is `true`. */
export function isTrue(value: ReportValue<boolean>): boolean {
  return value.kind === 'value' && value.value;
}

/** The root user's row of the account's credential report. */
export function rootRow(account: Account): CredentialRow | undefined {
  return account.credentialReport?.rows.find((row) => row.isRoot);
}

/** The IAM users' rows of the account's credential report (root excluded). */
export function userRows(account: Account): readonly CredentialRow[] {
  return account.credentialReport?.rows.filter((row) => !row.isRoot) ?? [];
}

/** A `SummaryMap` flag (`AccountMFAEnabled` …) with its span; undefined when the summary or the key is absent. */
export function summaryFlag(account: Account, key: string): { readonly set: boolean; readonly span: Span } | undefined {
  const entry = account.summary?.values.get(key);
  return entry === undefined ? undefined : { set: entry.value !== 0, span: entry.span };
}

/** Whether the account is in AWS GovCloud (US), where the root user cannot sign in or be used. */
export function isGovCloud(account: Account): boolean {
  const arn = account.credentialReport?.rows[0]?.arn ?? account.users[0]?.arn ?? account.roles[0]?.arn ?? '';
  return arn.startsWith('arn:aws-us-gov:');
}

/** The partition of the account's ARNs (`aws`, `aws-us-gov`, `aws-cn` …); `aws` when no export names one. */
function partitionOf(account: Account): string {
  const arn = account.credentialReport?.rows[0]?.arn ?? account.users[0]?.arn ?? account.roles[0]?.arn ?? '';
  const partition = arn.split(':')[1];
  return arn.startsWith('arn:') && partition ? partition : 'aws';
}

/**
 * The root user's ARN, the subject of root findings: from the credential report's root row, else
 * `arn:<partition>:iam::<account>:root` when the account id is known; undefined otherwise.
 */
export function rootArn(account: Account): string | undefined {
  const fromReport = rootRow(account)?.arn;
  if (fromReport?.startsWith('arn:')) return fromReport;
  return account.id === undefined ? undefined : `arn:${partitionOf(account)}:iam::${account.id}:root`;
}

/** `rootArn` as a report's `subject`, to spread into it: `{}` when unknown (a report cannot say `subject: undefined`). */
export function rootSubject(account: Account): { readonly subject?: string } {
  const arn = rootArn(account);
  return arn === undefined ? {} : { subject: arn };
}

/** An age in whole days (`daysSince`), in words: `less than a day ago`, `1 day ago`, `12 days ago`. */
export function formatDaysAgo(days: number): string {
  // Not "today": a use 20 hours before a midnight evaluation date is on the previous calendar day.
  if (days === 0) return 'less than a day ago';
  return days === 1 ? '1 day ago' : `${String(days)} days ago`;
}

/** A report date as messages print it (`2026-01-31`), else `otherwise`: `N/A` and the other tokens are never dates. */
export function formatReportDay(value: ReportValue<Date>, otherwise: string): string {
  return value.kind === 'value' ? formatDay(value.value) : otherwise;
}

/** Whether a report value is `false` (a token or unreadable text is neither true nor false). */
export function isFalse(value: ReportValue<boolean>): boolean {
  return value.kind === 'value' && !value.value;
}

/** The user's access keys that are active (key exists and its status is Active). */
export function activeAccessKeys(row: CredentialRow): readonly AccessKeyColumns[] {
  return row.accessKeys.filter((key) => isTrue(key.active));
}

/** The user's X.509 signing certificates that are active. */
export function activeCertificates(row: CredentialRow): readonly CertificateColumns[] {
  return row.certificates.filter((certificate) => isTrue(certificate.active));
}

/** Whether the user can be used at all: it has a console password or an active access key. */
export function hasUsableCredential(row: CredentialRow): boolean {
  return isTrue(row.passwordEnabled) || activeAccessKeys(row).length > 0;
}

/**
 * Whether `date` is more than `maxAgeDays` whole days before `now`: a credential exactly
 * `maxAgeDays` old is not too old yet (CIS: "rotated every 90 days or less").
 */
export function isOlderThan(now: Date, date: Date, maxAgeDays: number): boolean {
  return daysSince(now, date) > maxAgeDays;
}

/**
 * Whether a credential last active on `date` counts as unused for `days`: `days` whole days or more
 * before `now` (CIS: "unused for 45 days or greater").
 */
export function isUnusedFor(now: Date, date: Date, days: number): boolean {
  return daysSince(now, date) >= days;
}

/** Hours between two dates, whichever comes first. */
export function hoursBetween(a: Date, b: Date): number {
  return Math.abs(a.getTime() - b.getTime()) / (60 * 60 * 1000);
}

/** `2025-09-01T09:00:12Z`: how messages print a time when the hour matters (UTC, to the second). */
export function formatTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * When a credential was last used or, when it has no recorded use, the date its disuse is counted
 * from (`used: false`): the key's creation, the password's last change, the user's creation.
 */
export interface LastActivity {
  readonly date: Date;
  readonly used: boolean;
}

/**
 * An access key's last use; for a key never used (`N/A`), when it was created or last rotated.
 * Undefined when the report gives neither date, or a cell holds unreadable text (the loader reports it).
 */
export function accessKeyLastActivity(key: AccessKeyColumns): LastActivity | undefined {
  const { lastUsedDate: used, lastRotated: rotated } = key;
  if (used.kind === 'value') return { date: used.value, used: true };
  if (used.kind !== 'na') return undefined;
  return rotated.kind === 'value' ? { date: rotated.value, used: false } : undefined;
}

/**
 * The user's last console sign-in with its password; with none recorded (`no_information`, or
 * `N/A`), when the password was last set. Undefined when the report gives neither date.
 */
export function passwordLastActivity(row: CredentialRow): LastActivity | undefined {
  const { passwordLastUsed: used, passwordLastChanged: changed } = row;
  if (used.kind === 'value') return { date: used.value, used: true };
  if (used.kind !== 'noInformation' && used.kind !== 'na') return undefined;
  return changed.kind === 'value' ? { date: changed.value, used: false } : undefined;
}

/**
 * The user's last use of any password or access key (a key deactivated since still counts: the
 * user was active then); with none recorded, when the user was created. Undefined when a last-use
 * cell holds unreadable text, which could hide a recent use, or there is no creation date.
 */
export function userLastActivity(row: CredentialRow): LastActivity | undefined {
  const uses = [row.passwordLastUsed, ...row.accessKeys.map((key) => key.lastUsedDate)];
  if (uses.some((value) => value.kind === 'invalid')) return undefined;
  const latest = latestDate(uses);
  if (latest) return { date: latest, used: true };
  return row.userCreationTime.kind === 'value' ? { date: row.userCreationTime.value, used: false } : undefined;
}
