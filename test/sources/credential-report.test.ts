import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InputFile } from '../../src/model/input.js';
import { credentialColumns, type CredentialReport, type CredentialRow } from '../../src/model/inventory.js';
import { SourceFile } from '../../src/model/source.js';
import type { Span } from '../../src/model/span.js';
import { isCredentialReportText, parseReportDate, readCredentialReportFile } from '../../src/sources/credential-report.js';
import { loadFile } from '../../src/sources/load.js';

// Shapes from a public sample report (inputs.md §1): the header byte for byte, its root row, and
// its two user rows written out in full.
const header = credentialColumns.join(',');
const rootLine =
  '<root_account>,arn:aws:iam::278368863034:root,2022-03-08T16:02:25+00:00,not_supported,2022-12-21T16:19:23+00:00,not_supported,not_supported,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A';
const passwordLine =
  'test_account,arn:aws:iam::278368863034:user/test_account,2022-12-19T09:17:32+00:00,true,no_information,2022-12-19T09:17:33+00:00,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A';
const keyLine =
  'test_key_account,arn:aws:iam::278368863034:user/test_key_account,2022-12-19T09:22:22+00:00,false,N/A,N/A,N/A,false,true,2022-12-19T09:22:23+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A';
const usedKeyLine =
  'deploy,arn:aws:iam::278368863034:user/ci/deploy,2023-01-02T03:04:05Z,FALSE,N/A,N/A,N/A,TRUE,true,2023-01-02T03:04:06Z,2026-01-30T10:00:00.123Z,us-east-1,s3,true,2023-02-01T00:00:00-05:00,N/A,N/A,N/A,true,2023-03-01T00:00:00+00:00,false,N/A';

const report = [header, rootLine, passwordLine, keyLine, usedKeyLine].join('\n') + '\n';

function load(text: string, path = 'credential-report.csv'): InputFile {
  return loadFile(path, Buffer.from(text, 'utf8'));
}

function reportOf(file: InputFile): CredentialReport {
  if (file.account?.kind !== 'credential-report') throw new Error(`no credential report in ${file.source.path}`);
  return file.account.report;
}

function rowOf(report: CredentialReport, user: string): CredentialRow {
  const row = report.rows.find((r) => r.user === user);
  if (!row) throw new Error(`no row for ${user}`);
  return row;
}

function slice(text: string, span: Span): string {
  return text.slice(span.offset, span.offset + span.length);
}

/** `line` with field `column` replaced by `value`. */
function withCell(line: string, column: (typeof credentialColumns)[number], value: string): string {
  const fields = line.split(',');
  fields[credentialColumns.indexOf(column)] = value;
  return fields.join(',');
}

describe('the raw CSV report', () => {
  const file = load(report);
  const parsed = reportOf(file);

  it('is recognized from its content and read without problems', () => {
    expect(file.kind).toBe('credential-report');
    expect(file.problems).toEqual([]);
    expect(file.documents).toEqual([]);
    expect(file.directives).toEqual([]);
    expect(parsed.rows.map((r) => [r.user, r.line, r.isRoot])).toEqual([
      ['<root_account>', 2, true],
      ['test_account', 3, false],
      ['test_key_account', 4, false],
      ['deploy', 5, false],
    ]);
    expect(parsed.accountId).toBe('278368863034');
    expect(file.account?.accountId).toBe('278368863034');
    expect(parsed.generatedTime).toBeUndefined();
  });

  it('keeps the tokens of the root row as tokens, never as dates', () => {
    const root = rowOf(parsed, '<root_account>');
    expect(root.arn).toBe('arn:aws:iam::278368863034:root');
    expect(root.userCreationTime).toEqual({ kind: 'value', value: new Date('2022-03-08T16:02:25Z') });
    expect(root.passwordEnabled).toEqual({ kind: 'notSupported' });
    expect(root.passwordLastUsed).toEqual({ kind: 'value', value: new Date('2022-12-21T16:19:23Z') });
    expect(root.passwordLastChanged).toEqual({ kind: 'notSupported' });
    expect(root.passwordNextRotation).toEqual({ kind: 'notSupported' });
    expect(root.mfaActive).toEqual({ kind: 'value', value: false });
    expect(root.accessKeys[0]).toEqual({
      index: 1,
      active: { kind: 'value', value: false },
      lastRotated: { kind: 'na' },
      lastUsedDate: { kind: 'na' },
      lastUsedRegion: { kind: 'na' },
      lastUsedService: { kind: 'na' },
    });
    expect(root.certificates.map((c) => [c.index, c.active, c.lastRotated])).toEqual([
      [1, { kind: 'value', value: false }, { kind: 'na' }],
      [2, { kind: 'value', value: false }, { kind: 'na' }],
    ]);
  });

  it('reads the sample users: a password never used, and an active key never used', () => {
    const password = rowOf(parsed, 'test_account');
    expect(password.passwordEnabled).toEqual({ kind: 'value', value: true });
    expect(password.passwordLastUsed).toEqual({ kind: 'noInformation' });
    expect(password.passwordNextRotation).toEqual({ kind: 'na' });
    const key = rowOf(parsed, 'test_key_account');
    expect(key.passwordLastUsed).toEqual({ kind: 'na' });
    expect(key.accessKeys[0].active).toEqual({ kind: 'value', value: true });
    expect(key.accessKeys[0].lastRotated).toEqual({ kind: 'value', value: new Date('2022-12-19T09:22:23Z') });
    expect(key.accessKeys[0].lastUsedDate).toEqual({ kind: 'na' });
  });

  it('reads booleans in any case, and dates with Z, fractions and offsets', () => {
    const deploy = rowOf(parsed, 'deploy');
    expect(deploy.arn).toBe('arn:aws:iam::278368863034:user/ci/deploy');
    expect(deploy.passwordEnabled).toEqual({ kind: 'value', value: false });
    expect(deploy.mfaActive).toEqual({ kind: 'value', value: true });
    expect(deploy.accessKeys[0].lastUsedDate).toEqual({ kind: 'value', value: new Date('2026-01-30T10:00:00.123Z') });
    expect(deploy.accessKeys[0].lastUsedRegion).toEqual({ kind: 'value', value: 'us-east-1' });
    expect(deploy.accessKeys[0].lastUsedService).toEqual({ kind: 'value', value: 's3' });
    expect(deploy.accessKeys[1].lastRotated).toEqual({ kind: 'value', value: new Date('2023-02-01T05:00:00Z') });
    expect(deploy.certificates[0].active).toEqual({ kind: 'value', value: true });
  });

  it('gives each row the span of its text, and each cell the span of its field', () => {
    const lines = report.split('\n');
    for (const row of parsed.rows) {
      expect(slice(report, row.span)).toBe(lines[row.line - 1]);
      expect(row.span).toMatchObject({ file: 'credential-report.csv', line: row.line, column: 1, endLine: row.line, path: [] });
    }
    const deploy = rowOf(parsed, 'deploy');
    expect(slice(report, deploy.cell('user'))).toBe('deploy');
    expect(slice(report, deploy.cell('access_key_1_last_used_date'))).toBe('2026-01-30T10:00:00.123Z');
    expect(slice(report, deploy.cell('cert_2_last_rotated'))).toBe('N/A');
    const column = report.split('\n')[4]?.indexOf('us-east-1') ?? -1;
    expect(deploy.cell('access_key_1_last_used_region')).toMatchObject({ line: 5, column: column + 1, endLine: 5, endColumn: column + 1 + 'us-east-1'.length });
    expect(slice(report, parsed.span)).toBe(report.trimEnd());
  });

  it('reads a report with CRLF line ends, and without a final line break', () => {
    const crlf = [header, rootLine, passwordLine].join('\r\n');
    const crlfFile = load(crlf);
    const rows = reportOf(crlfFile).rows;
    expect(crlfFile.problems).toEqual([]);
    expect(rows.map((r) => [r.user, r.line])).toEqual([
      ['<root_account>', 2],
      ['test_account', 3],
    ]);
    expect(rows.map((r) => slice(crlf, r.span))).toEqual([rootLine, passwordLine]);
    expect(slice(crlf, rows[1]?.cell('cert_2_last_rotated') ?? parsed.span)).toBe('N/A');
  });

  it('skips empty lines without a problem', () => {
    const file = load([header, rootLine, '', passwordLine, '', ''].join('\n'));
    expect(file.problems).toEqual([]);
    expect(reportOf(file).rows.map((r) => r.line)).toEqual([2, 4]);
  });
});

describe('quoted fields', () => {
  it('keeps a user name with a comma whole, and points at the quoted field', () => {
    const line = '"ops,admin","arn:aws:iam::278368863034:user/ops,admin"' + passwordLine.slice(passwordLine.indexOf(',2022'));
    const text = [header, rootLine, line].join('\n');
    const file = load(text);
    expect(file.problems).toEqual([]);
    const row = rowOf(reportOf(file), 'ops,admin');
    expect(row.arn).toBe('arn:aws:iam::278368863034:user/ops,admin');
    expect(row.isRoot).toBe(false);
    expect(slice(text, row.cell('user'))).toBe('"ops,admin"');
    expect(slice(text, row.cell('user_creation_time'))).toBe('2022-12-19T09:17:32+00:00');
    expect(slice(text, row.span)).toBe(line);
  });

  it('undoubles quotes and reads a quoted field across a line break', () => {
    const line = '"we""ird",arn:aws:iam::278368863034:user/weird' + passwordLine.slice(passwordLine.indexOf(',2022'));
    const broken = withCell(keyLine, 'access_key_1_last_used_service', '"s\n3"');
    const text = [header, line, broken, passwordLine].join('\n');
    const file = load(text);
    expect(file.problems).toEqual([]);
    const rows = reportOf(file).rows;
    expect(rows.map((r) => [r.user, r.line])).toEqual([
      ['we"ird', 2],
      ['test_key_account', 3],
      ['test_account', 5],
    ]);
    expect(rows[1]?.accessKeys[0].lastUsedService).toEqual({ kind: 'value', value: 's\n3' });
    expect(rows[1]?.cell('access_key_1_last_used_service')).toMatchObject({ line: 3, endLine: 4 });
  });

  it('reports a quote that is never closed, and reads on from the next line', () => {
    const bad = '"test_account' + passwordLine.slice('test_account'.length);
    const text = [header, rootLine, bad, keyLine].join('\n');
    const file = load(text);
    expect(file.problems).toHaveLength(1);
    const problem = file.problems[0];
    expect(problem?.kind).toBe('export');
    expect(problem?.detail).toBe('a quoted field has no closing quote; the row is skipped');
    expect(problem?.span).toMatchObject({ line: 3, column: 1, length: 1 });
    expect(reportOf(file).rows.map((r) => r.user)).toEqual(['<root_account>', 'test_key_account']);
  });

  it('reports text after a closing quote', () => {
    const bad = '"test"_account' + passwordLine.slice('test_account'.length);
    const file = load([header, bad].join('\n'));
    expect(file.problems.map((p) => [p.detail, p.span.line, p.span.column])).toEqual([
      ['text follows the closing quote of a field (a quote inside a field is written twice); the row is skipped', 2, 7],
    ]);
    expect(reportOf(file).rows).toEqual([]);
  });
});

describe('rows and values that depart from the report', () => {
  it('skips a row of 21 fields, at the span of the row', () => {
    const short = passwordLine.slice(0, passwordLine.lastIndexOf(','));
    const text = [header, rootLine, short, keyLine].join('\n');
    const file = load(text);
    expect(file.problems.map((p) => [p.kind, p.detail])).toEqual([['export', 'the row has 21 fields, but the header has 22; the row is skipped']]);
    expect(slice(text, file.problems[0]?.span ?? reportOf(file).span)).toBe(short);
    expect(reportOf(file).rows.map((r) => r.user)).toEqual(['<root_account>', 'test_key_account']);
  });

  it('hints at quoting when a row has too many fields', () => {
    const line = 'ops,admin,arn:aws:iam::278368863034:user/ops' + passwordLine.slice(passwordLine.indexOf(',2022'));
    const file = load([header, line].join('\n'));
    expect(file.problems[0]?.detail).toBe('the row has 23 fields, but the header has 22 (a user name that holds a comma must be in double quotes); the row is skipped');
  });

  it('reads an unknown token as invalid, at the span of its cell, and keeps the row', () => {
    const line = withCell(passwordLine, 'password_last_used', 'not_available');
    const text = [header, line].join('\n');
    const file = load(text);
    expect(file.problems).toHaveLength(1);
    expect(file.problems[0]?.detail).toBe(
      'password_last_used is "not_available", which is not an ISO 8601 date-time with a time zone (2026-01-31T12:00:00+00:00), nor N/A, no_information or not_supported; the value is ignored',
    );
    expect(slice(text, file.problems[0]?.span ?? reportOf(file).span)).toBe('not_available');
    const row = rowOf(reportOf(file), 'test_account');
    expect(row.passwordLastUsed).toEqual({ kind: 'invalid', text: 'not_available' });
    expect(row.passwordLastChanged).toEqual({ kind: 'value', value: new Date('2022-12-19T09:17:33Z') });
  });

  it.each([
    ['a month that does not exist', '2022-13-01T00:00:00+00:00'],
    ['a day not on the calendar', '2023-02-29T00:00:00+00:00'],
    ['no time zone', '2022-12-19T09:17:33'],
    ['no time', '2022-12-19'],
    ['an hour of 24', '2022-12-19T24:00:00Z'],
  ])('reads a bad date (%s) as invalid', (_, value) => {
    const text = [header, withCell(passwordLine, 'password_last_changed', value)].join('\n');
    const file = load(text);
    expect(file.problems.map((p) => slice(text, p.span))).toEqual([value]);
    expect(rowOf(reportOf(file), 'test_account').passwordLastChanged).toEqual({ kind: 'invalid', text: value });
  });

  it('reads a bad boolean and an empty region as invalid', () => {
    const line = withCell(withCell(keyLine, 'mfa_active', 'yes'), 'access_key_1_last_used_region', '');
    const file = load([header, line].join('\n'));
    expect(file.problems.map((p) => p.detail)).toEqual([
      'mfa_active is "yes", which is not true or false, nor N/A, no_information or not_supported; the value is ignored',
      'access_key_1_last_used_region is "", which is not a name, nor N/A, no_information or not_supported; the value is ignored',
    ]);
    const row = rowOf(reportOf(file), 'test_key_account');
    expect(row.mfaActive).toEqual({ kind: 'invalid', text: 'yes' });
    expect(row.accessKeys[0].lastUsedRegion).toEqual({ kind: 'invalid', text: '' });
  });

  it('accepts true, false and not_supported for root password_enabled', () => {
    for (const value of ['true', 'false', 'not_supported']) {
      const file = load([header, withCell(rootLine, 'password_enabled', value)].join('\n'));
      expect(file.problems).toEqual([]);
      expect(rowOf(reportOf(file), '<root_account>').passwordEnabled.kind).toBe(value === 'not_supported' ? 'notSupported' : 'value');
    }
  });

  it('takes root from the ARN, and names an empty user after the ARN', () => {
    const text = [header, withCell(rootLine, 'user', ''), withCell(keyLine, 'user', '')].join('\n');
    const file = load(text);
    expect(file.problems.map((p) => [p.detail, p.span.line])).toEqual([
      ['the user name is empty; the name in the ARN, "<root_account>", is used', 2],
      ['the user name is empty; the name in the ARN, "test_key_account", is used', 3],
    ]);
    expect(reportOf(file).rows.map((r) => [r.user, r.isRoot])).toEqual([
      ['<root_account>', true],
      ['test_key_account', false],
    ]);
  });

  it('reports an ARN of another account, and one that is not an IAM user ARN', () => {
    const other = withCell(keyLine, 'arn', 'arn:aws:iam::111122223333:user/test_key_account');
    const wrong = withCell(passwordLine, 'arn', 'arn:aws:iam::278368863034:role/test_account');
    const text = [header, rootLine, other, wrong].join('\n');
    const file = load(text);
    expect(file.problems.map((p) => [slice(text, p.span), p.detail])).toEqual([
      ['arn:aws:iam::278368863034:role/test_account', 'arn is "arn:aws:iam::278368863034:role/test_account", not the ARN of an IAM user or of the root user'],
      ['arn:aws:iam::111122223333:user/test_key_account', 'the ARN is in account 111122223333, but the report is of account 278368863034'],
    ]);
    expect(reportOf(file).accountId).toBe('278368863034');
    expect(reportOf(file).rows).toHaveLength(3);
  });

  it('takes the account from a user row when there is no root row', () => {
    expect(reportOf(load([header, keyLine].join('\n'))).accountId).toBe('278368863034');
    expect(reportOf(load(header)).accountId).toBeUndefined();
  });
});

describe('the header', () => {
  it('is read by column name, in any order', () => {
    const order = [...credentialColumns].reverse();
    const reorder = (line: string): string => {
      const fields = line.split(',');
      return order.map((column) => fields[credentialColumns.indexOf(column)]).join(',');
    };
    const text = [order.join(','), reorder(rootLine), reorder(usedKeyLine)].join('\n');
    expect(isCredentialReportText(text)).toBe(true);
    const file = load(text);
    expect(file.kind).toBe('credential-report');
    expect(file.problems).toEqual([]);
    const deploy = rowOf(reportOf(file), 'deploy');
    expect(deploy.isRoot).toBe(false);
    expect(deploy.accessKeys[0].lastUsedRegion).toEqual({ kind: 'value', value: 'us-east-1' });
    expect(slice(text, deploy.cell('arn'))).toBe('arn:aws:iam::278368863034:user/ci/deploy');
    expect(reportOf(file).accountId).toBe('278368863034');
  });

  it('reports missing columns once, and reads their values as invalid', () => {
    const drop = (line: string): string => line.split(',').slice(0, -1).join(',');
    const text = [drop(header), drop(rootLine)].join('\n');
    const file = load(text);
    expect(file.problems.map((p) => [p.detail, slice(text, p.span)])).toEqual([['the header lacks the column cert_2_last_rotated; its value is unknown in every row', drop(header)]]);
    const root = rowOf(reportOf(file), '<root_account>');
    expect(root.certificates[1].lastRotated).toEqual({ kind: 'invalid', text: '' });
    expect(root.certificates[1].active).toEqual({ kind: 'value', value: false });
    expect(root.cell('cert_2_last_rotated')).toEqual(root.span);
  });

  it('reads no rows without an arn column', () => {
    const file = readCredentialReportFile(new SourceFile('r.csv', 'user,user_creation_time\nalice,2022-12-19T09:17:32+00:00\n'));
    expect(file.kind).toBe('credential-report');
    expect(file.account).toBeUndefined();
    expect(file.problems.map((p) => [p.detail, p.span.line])).toEqual([
      ['the header has no arn column, so no row can be read (a credential report\'s header starts user,arn,user_creation_time,…)', 1],
    ]);
  });

  it('reports a column named twice and ignores columns it does not know', () => {
    const text = [`${header},user,future_column`, `${rootLine},x,y`].join('\n');
    const file = load(text);
    expect(file.problems.map((p) => [p.detail, slice(text, p.span), p.span.column])).toEqual([
      ['the header names the column "user" twice; the first one is read', 'user', header.length + 2],
    ]);
    expect(rowOf(reportOf(file), '<root_account>').user).toBe('<root_account>');
  });
});

const base64 = Buffer.from(report, 'utf8').toString('base64');

describe('the CLI JSON envelope', () => {
  const envelope = JSON.stringify({ Content: base64, ReportFormat: 'text/csv', GeneratedTime: '2026-01-31T12:00:00+00:00' }, null, 2);
  const file = load(envelope, 'credential-report.json');
  const parsed = reportOf(file);

  it('decodes Content and takes the generation time', () => {
    expect(file.kind).toBe('credential-report');
    expect(file.problems).toEqual([]);
    expect(parsed.generatedTime).toEqual(new Date('2026-01-31T12:00:00Z'));
    expect(parsed.accountId).toBe('278368863034');
    expect(parsed.rows.map((r) => [r.user, r.line])).toEqual([
      ['<root_account>', 2],
      ['test_account', 3],
      ['test_key_account', 4],
      ['deploy', 5],
    ]);
    expect(rowOf(parsed, 'deploy').accessKeys[0].lastUsedService).toEqual({ kind: 'value', value: 's3' });
  });

  it('points every row and cell at the Content string, a cell with its CSV line and column in its path', () => {
    const content = JSON.stringify(base64);
    expect(slice(envelope, parsed.span)).toBe(content);
    expect(parsed.span).toMatchObject({ line: 2, column: 14, path: ['Content'] });
    for (const row of parsed.rows) {
      expect(row.span).toEqual(parsed.span);
      expect(row.cell('password_last_used')).toEqual({ ...parsed.span, path: ['Content', `line ${row.line}`, 'password_last_used'] });
    }
  });

  it('names the CSV line in problems, since the span cannot show it', () => {
    const bad = [header, withCell(passwordLine, 'mfa_active', 'maybe')].join('\n');
    const text = JSON.stringify({ Content: Buffer.from(bad).toString('base64'), GeneratedTime: '2026-01-31T12:00:00Z' });
    const loaded = load(text, 'cr.json');
    expect(loaded.problems.map((p) => [p.detail, p.span.path])).toEqual([
      ['line 2 of the decoded report: mfa_active is "maybe", which is not true or false, nor N/A, no_information or not_supported; the value is ignored', ['Content', 'line 2', 'mfa_active']],
    ]);
  });

  it('reports malformed base64, and reads no report', () => {
    const text = JSON.stringify({ Content: base64.slice(0, -1), ReportFormat: 'text/csv' });
    const loaded = load(text, 'cr.json');
    expect(loaded.kind).toBe('credential-report');
    expect(loaded.account).toBeUndefined();
    expect(loaded.problems.map((p) => [p.kind, p.detail, p.span.path])).toEqual([
      ['export', 'Content: the report is not valid base64: it is truncated, or its `=` padding is misplaced', ['Content']],
    ]);
    expect(load(JSON.stringify({ Content: 'dXNl!', ReportFormat: 'text/csv' }), 'cr.json').problems[0]?.detail).toBe(
      'Content: the report is not valid base64: "!" is not a base64 character',
    );
  });

  it('reports a malformed GeneratedTime and an unknown ReportFormat, and still reads the rows', () => {
    const text = JSON.stringify({ Content: base64, ReportFormat: 'text/html', GeneratedTime: 'yesterday' });
    const loaded = load(text, 'cr.json');
    expect(loaded.problems.map((p) => [p.detail, slice(text, p.span)])).toEqual([
      ['ReportFormat is "text/html"; AWS writes only "text/csv", which is what iamlint reads', '"text/html"'],
      ['GeneratedTime is "yesterday", not an ISO 8601 date-time with a time zone (2026-01-31T12:00:00+00:00)', '"yesterday"'],
    ]);
    expect(reportOf(loaded).generatedTime).toBeUndefined();
    expect(reportOf(loaded).rows).toHaveLength(4);
  });

  it('reports empty content', () => {
    const loaded = load(JSON.stringify({ Content: '', GeneratedTime: '2026-01-31T12:00:00Z' }), 'cr.json');
    expect(loaded.problems.map((p) => p.detail)).toEqual(['the credential report is empty: it has no header line']);
    expect(loaded.account).toBeUndefined();
  });

  it('is not claimed by a Content without ReportFormat or GeneratedTime', () => {
    const loaded = load(JSON.stringify({ Content: base64 }), 'other.json');
    expect(loaded.kind).toBe('unrecognized');
    expect(loaded.problems).toEqual([]);
  });
});

describe('the base64 text (--output text, not decoded)', () => {
  it('is decoded, with every span covering the base64 text', () => {
    const text = `${base64}\n`;
    const file = load(text, 'credential-report.txt');
    expect(file.kind).toBe('credential-report');
    expect(file.problems).toEqual([]);
    const parsed = reportOf(file);
    expect(parsed.span).toMatchObject({ offset: 0, length: base64.length, path: [] });
    expect(parsed.rows.map((r) => r.user)).toEqual(['<root_account>', 'test_account', 'test_key_account', 'deploy']);
    expect(rowOf(parsed, 'deploy').cell('user')).toEqual({ ...parsed.span, path: ['line 5', 'user'] });
    expect(rowOf(parsed, 'deploy').line).toBe(5);
  });

  it('accepts base64 wrapped at 76 characters', () => {
    const wrapped = (base64.match(/.{1,76}/g) ?? []).join('\n');
    expect(reportOf(load(wrapped, 'cr.b64')).rows).toHaveLength(4);
  });

  it('points at a character that is not base64', () => {
    const text = `${base64.slice(0, 40)}*${base64.slice(41)}`;
    const file = load(text, 'cr.txt');
    expect(file.account).toBeUndefined();
    expect(file.problems.map((p) => [p.detail, p.span.offset, p.span.length])).toEqual([['the report is not valid base64: "*" is not a base64 character', 40, 1]]);
  });
});

describe('recognition', () => {
  it('claims a .csv report, and leaves other CSV files alone without problems', () => {
    expect(loadFile('x.csv', Buffer.from(report)).kind).toBe('credential-report');
    for (const csv of ['name,email\nbob,bob@example.com\n', 'user,arn,team\nbob,arn:aws:iam::111122223333:user/bob,a\n', '']) {
      const file = loadFile('x.csv', Buffer.from(csv));
      expect(file.kind).toBe('unrecognized');
      expect(file.problems).toEqual([]);
    }
  });

  it('looks only at the start of the text', () => {
    expect(isCredentialReportText(header)).toBe(true);
    expect(isCredentialReportText(base64)).toBe(true);
    expect(isCredentialReportText(`{"Content": "${base64}"}`)).toBe(false);
    expect(isCredentialReportText(`\n${header}`)).toBe(false);
    expect(isCredentialReportText(`${'x'.repeat(3000)},${header}`)).toBe(false);
  });
});

describe('parseReportDate', () => {
  it('reads the forms the report and its copies use', () => {
    expect(parseReportDate('2022-05-27T10:25:43+00:00')?.toISOString()).toBe('2022-05-27T10:25:43.000Z');
    expect(parseReportDate('2022-05-27T10:25:43Z')?.toISOString()).toBe('2022-05-27T10:25:43.000Z');
    expect(parseReportDate('2022-05-27 10:25:43+02:00')?.toISOString()).toBe('2022-05-27T08:25:43.000Z');
    expect(parseReportDate('2022-05-27T10:25:43.5-01:30')?.toISOString()).toBe('2022-05-27T11:55:43.500Z');
    expect(parseReportDate('2022-05-27T10:25:43+0530')?.toISOString()).toBe('2022-05-27T04:55:43.000Z');
    expect(parseReportDate('2024-02-29T00:00:00Z')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(parseReportDate('2022-12-31T23:59:59-00:01')?.toISOString()).toBe('2023-01-01T00:00:59.000Z');
  });

  it.each(['', 'N/A', '2022-05-27', '2022-05-27T10:25+00:00', '2022-05-27T10:25:43', '2022-05-27T10:25:60Z', '2022-00-10T00:00:00Z', '2022-05-27T10:25:43+00:60', '2022-05-27T10:25:43+0000 '])(
    'rejects %j',
    (text) => {
      expect(parseReportDate(text)).toBeUndefined();
    },
  );
});

describe('robustness', () => {
  /** Every span of a loaded file lies inside its text. */
  function expectSpansInside(file: InputFile, text: string): void {
    const inside = (span: Span): void => {
      expect(span.offset).toBeGreaterThanOrEqual(0);
      expect(span.offset + span.length).toBeLessThanOrEqual(text.length);
    };
    for (const problem of file.problems) inside(problem.span);
    if (file.account?.kind !== 'credential-report') return;
    inside(file.account.report.span);
    for (const row of file.account.report.rows) {
      inside(row.span);
      for (const column of credentialColumns) inside(row.cell(column));
    }
  }

  const csvish = fc.stringMatching(/^[a-zA-Z0-9 ,"\r\n:/_<>.+-]*$/);

  it('never throws on arbitrary text after the header', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), csvish), (tail) => {
        const text = `${header}\n${tail}`;
        const file = readCredentialReportFile(new SourceFile('r.csv', text));
        expect(file.kind).toBe('credential-report');
        expectSpansInside(file, text);
        for (const problem of file.problems) expect(problem.kind).toBe('export');
      }),
      { numRuns: 500 },
    );
  });

  it('reads or reports every line of arbitrary rows mixed with real ones', () => {
    const real = [rootLine, passwordLine, keyLine, usedKeyLine];
    // Without quotes or line breaks, each line is one record.
    const garbage = fc.stringMatching(/^[a-zA-Z0-9 ,:/_<>.+-]*$/);
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...real), garbage), { maxLength: 8 }), (lines) => {
        const text = [header, ...lines].join('\r\n');
        const file = readCredentialReportFile(new SourceFile('r.csv', text));
        expectSpansInside(file, text);
        const rows = reportOf(file).rows;
        lines.forEach((line, index) => {
          const at = index + 2;
          if (real.includes(line)) expect(rows.some((r) => r.line === at)).toBe(true);
          // Never dropped in silence: an empty line holds nothing; any other is a row or a problem.
          else if (line !== '') expect(rows.some((r) => r.line === at) || file.problems.some((p) => p.span.line === at)).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary envelope content', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string().map((s) => Buffer.from(`${header}\n${s}`).toString('base64'))), (content) => {
        const text = JSON.stringify({ Content: content, GeneratedTime: '2026-01-31T12:00:00Z' });
        const file = load(text, 'cr.json');
        expect(file.kind).toBe('credential-report');
        expectSpansInside(file, text);
      }),
      { numRuns: 300 },
    );
  });
});
