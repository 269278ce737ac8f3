import { parseIsoDate } from '../config/dates.js';

// Values that every account export writes the same way.

const accountIdPattern = /^\d{12}$/;

/** A 12-digit AWS account id. */
export function isAccountId(text: string): boolean {
  return accountIdPattern.test(text);
}

/** The 12-digit account of an ARN (`arn:aws:iam::111122223333:mfa/alice`), if it has one. */
export function arnAccount(arn: string): string | undefined {
  if (!arn.startsWith('arn:')) return undefined;
  const account = arn.split(':', 5)[4];
  return account !== undefined && isAccountId(account) ? account : undefined;
}

/**
 * Dates as AWS tools write them: `2014-07-30T17:09:20Z` (CLI examples), `2019-10-28T20:37:09+00:00`
 * (CLI v2) and `2019-12-18 19:10:08+00:00` (Python's `str(datetime)` in SDK dumps). A time without
 * an offset is taken as UTC, so the result does not depend on the machine's time zone.
 */
export function parseExportDate(text: string): Date | undefined {
  let iso = text.trim().replace(/^(\d{4}-\d{2}-\d{2}) (?=\d)/, '$1T');
  if (/T[\d:.]+$/.test(iso)) iso += 'Z';
  return parseIsoDate(iso);
}
