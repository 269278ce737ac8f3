import { isUtf8 } from 'node:buffer';
import type { InputFile, InputProblem } from '../model/input.js';
import { credentialColumns, type AccessKeyColumns, type AccountFragment, type CertificateColumns, type CredentialColumn, type CredentialRow, type ReportValue } from '../model/inventory.js';
import type { SourceFile } from '../model/source.js';
import type { Span } from '../model/span.js';
import type { ExportReader } from './export-reader.js';
import { propertyValue, type JsonNode } from './json.js';
import { layerSpan } from './text-layer.js';

/*
 * The IAM credential report (`aws iam get-credential-report`), in the three forms people save it:
 *
 * 1. the CSV itself (`--query Content --output text | base64 -d`): every row and cell has its exact
 *    span in the file;
 * 2. the CSV in base64 (`--query Content --output text` without decoding): positions inside base64
 *    mean nothing to a reader, so every span is the whole base64 text (the file less its final line
 *    break), and problems name the line of the decoded CSV;
 * 3. the CLI's JSON envelope `{"Content": "<base64>", "ReportFormat": "text/csv", "GeneratedTime": …}`:
 *    likewise, every span is the `Content` string's (path `Content`).
 * In both base64 forms a cell's path adds its CSV line and column (`Content["line 5"].mfa_active`).
 *
 * Spans in a CSV have the JSON path `[]`: a CSV has no JSON structure, and the line and column say
 * where the row or cell is (a path such as `row 3.password_last_used` would only repeat them).
 *
 * The loader never throws on bad content: a malformed row, an unknown token, a bad date is an
 * `export` problem at its row or cell, and that row is skipped (or that value read as `invalid`).
 */

/** `user,arn,` in base64: how the undecoded report (form 2) starts. */
const base64HeaderPrefix = 'dXNlcixhcm4s';

/** Whether the first line of `text` is a credential report's header, or the text is that CSV in base64. */
export function isCredentialReportText(text: string): boolean {
  if (text.startsWith(base64HeaderPrefix)) return true;
  // It runs on every file, so it only looks at the start: the real header is under 400 characters.
  const head = text.slice(0, 2048);
  const end = head.search(/[\r\n]/);
  const names = (end < 0 ? head : head.slice(0, end)).split(',').map(unquoteName);
  // `user` and `arn` alone could be any list of users; one more of the report's own columns makes it a report.
  return names.includes('user') && names.includes('arn') && names.some((name) => distinctiveColumns.has(name));
}

const distinctiveColumns = new Set<string>(credentialColumns.filter((column) => column !== 'user' && column !== 'arn'));

function unquoteName(name: string): string {
  return name.length >= 2 && name.startsWith('"') && name.endsWith('"') ? name.slice(1, -1) : name;
}

/** Reads a file that `isCredentialReportText` accepted: the CSV, or the CSV in base64. */
export function readCredentialReportFile(source: SourceFile): InputFile {
  const problems: InputProblem[] = [];
  const text = source.text;
  const whole = source.span(0, text.trimEnd().length, []);
  let account: AccountFragment | undefined;
  if (text.startsWith(base64HeaderPrefix)) {
    const decoded = decodeBase64(text);
    if (decoded.ok) account = readReport(decoded.text, inexactPlacement(whole), whole, undefined, problems);
    else problems.push({ kind: 'export', detail: decoded.detail, span: decoded.at === undefined ? whole : source.span(decoded.at, 1, []) });
  } else {
    account = readReport(text, exactPlacement(source), whole, undefined, problems);
  }
  return { source, kind: 'credential-report', problems, documents: [], directives: [], account };
}

/**
 * The CLI's JSON output of `aws iam get-credential-report`. Recognized by a string `Content` next to
 * `ReportFormat` or `GeneratedTime` (`Content` alone is too common a name to claim the file).
 */
export const credentialReportEnvelopeReader: ExportReader = {
  kind: 'credential-report',
  matches(root) {
    return propertyValue(root, 'Content')?.type === 'string' && (propertyValue(root, 'ReportFormat') !== undefined || propertyValue(root, 'GeneratedTime') !== undefined);
  },
  read(layer, root, output) {
    const problems = output.problems;
    const content = propertyValue(root, 'Content');
    if (content?.type !== 'string') return undefined;
    const contentSpan = layerSpan(layer, content.offset, content.length, ['Content']);

    const format = propertyValue(root, 'ReportFormat');
    if (format && !(format.type === 'string' && format.value === 'text/csv')) {
      problems.push({ kind: 'export', detail: `ReportFormat is ${describeNode(format)}; AWS writes only "text/csv", which is what iamlint reads`, span: layerSpan(layer, format.offset, format.length, ['ReportFormat']) });
    }

    let generatedTime: Date | undefined;
    const generated = propertyValue(root, 'GeneratedTime');
    if (generated) {
      generatedTime = generated.type === 'string' ? parseReportDate(generated.value) : undefined;
      if (!generatedTime) {
        problems.push({ kind: 'export', detail: `GeneratedTime is ${describeNode(generated)}, not an ISO 8601 date-time with a time zone (2026-01-31T12:00:00+00:00)`, span: layerSpan(layer, generated.offset, generated.length, ['GeneratedTime']) });
      }
    }

    const decoded = decodeBase64(content.value);
    if (!decoded.ok) {
      problems.push({ kind: 'export', detail: `Content: ${decoded.detail}`, span: contentSpan });
      return undefined;
    }
    return readReport(decoded.text, inexactPlacement(contentSpan), contentSpan, generatedTime, problems);
  },
};

function describeNode(node: JsonNode): string {
  return node.type === 'string' ? quote(node.value) : `a JSON ${node.type}`;
}

// ---------------------------------------------------------------------------------------------
// Where things in the CSV text are in the file.

interface Placement {
  /** The span of a range of the CSV text. */
  span(offset: number, length: number): Span;
  /** What a problem's detail starts with: the CSV line, when the span cannot show it. */
  where(line: number): string;
  /** Whether spans point at the exact characters (a raw CSV). */
  readonly exact: boolean;
}

function exactPlacement(source: SourceFile): Placement {
  return { exact: true, span: (offset, length) => source.span(offset, length, []), where: () => '' };
}

/** Base64 (a file, or the envelope's `Content`): every span is the holder's. */
function inexactPlacement(holder: Span): Placement {
  return { exact: false, span: () => holder, where: (line) => `line ${line} of the decoded report: ` };
}

// ---------------------------------------------------------------------------------------------
// Base64.

type Decoded = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly detail: string; readonly at?: number };

const base64Alphabet = /^[A-Za-z0-9+/]*={0,2}$/;
const notBase64 = /[^A-Za-z0-9+/=\s]/;

/** Strict base64 → UTF-8 text. White space is ignored: `base64` wraps its output at 76 characters. */
function decodeBase64(text: string): Decoded {
  const bad = notBase64.exec(text);
  if (bad) return { ok: false, detail: `the report is not valid base64: ${quote(bad[0])} is not a base64 character`, at: bad.index };
  const compact = text.replace(/\s+/g, '');
  if (!base64Alphabet.test(compact) || compact.length % 4 !== 0) {
    return { ok: false, detail: 'the report is not valid base64: it is truncated, or its `=` padding is misplaced' };
  }
  const bytes = Buffer.from(compact, 'base64');
  if (!isUtf8(bytes)) return { ok: false, detail: 'the report decoded from base64 is not UTF-8 text' };
  const decoded = bytes.toString('utf8');
  return { ok: true, text: decoded.startsWith('\uFEFF') ? decoded.slice(1) : decoded };
}

// ---------------------------------------------------------------------------------------------
// RFC 4180 CSV, keeping positions.

interface CsvField {
  /** The value: quotes removed, doubled quotes undoubled. */
  readonly text: string;
  /** The field as written, quotes included. */
  readonly offset: number;
  readonly length: number;
}

interface CsvRecord {
  readonly fields: readonly CsvField[];
  /** The record's text, without its line break. */
  readonly offset: number;
  readonly length: number;
  /** 1-based line where it starts. */
  readonly line: number;
  /** A syntax error; the record's fields are then incomplete. */
  readonly error: { readonly detail: string; readonly offset: number; readonly length: number } | undefined;
}

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

/**
 * Splits CSV text into records. Lines end with CRLF, LF or a lone CR (as SourceFile counts lines);
 * a quoted field may hold commas, doubled quotes and line breaks. Empty lines are not records. A
 * quoted field that is never closed, or text after a closing quote, is an error of its record, and
 * reading resumes on the next line. Linear time: once a quote is found unclosed, every later run of
 * quotes has even length, so no later quoted field can run to the end of the text again.
 */
function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const start = i;
    const startLine = line;
    const fields: CsvField[] = [];
    let error: CsvRecord['error'];
    for (;;) {
      const fieldStart = i;
      let value: string;
      if (text.charCodeAt(i) === QUOTE) {
        const quoted = readQuoted(text, i);
        if (!quoted) {
          error = { detail: 'a quoted field has no closing quote', offset: i, length: 1 };
          i = lineEnd(text, i);
          break;
        }
        value = quoted.value;
        line += lineBreaks(text, i, quoted.end);
        i = quoted.end;
        const next = text.charCodeAt(i);
        if (i < n && next !== COMMA && next !== CR && next !== LF) {
          error = { detail: 'text follows the closing quote of a field (a quote inside a field is written twice)', offset: i, length: 1 };
          i = lineEnd(text, i);
          break;
        }
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === COMMA || c === CR || c === LF) break;
          j++;
        }
        value = text.slice(i, j);
        i = j;
      }
      fields.push({ text: value, offset: fieldStart, length: i - fieldStart });
      if (i < n && text.charCodeAt(i) === COMMA) {
        i++;
        continue;
      }
      break;
    }
    const end = i;
    if (text.charCodeAt(i) === CR) {
      i++;
      if (text.charCodeAt(i) === LF) i++;
      line++;
    } else if (text.charCodeAt(i) === LF) {
      i++;
      line++;
    }
    if (end > start || error) records.push({ fields, offset: start, length: end - start, line: startLine, error });
  }
  return records;
}

/** The quoted field whose opening quote is at `open`: its value and the offset after its closing quote. */
function readQuoted(text: string, open: number): { value: string; end: number } | undefined {
  let value = '';
  let from = open + 1;
  for (;;) {
    const at = text.indexOf('"', from);
    if (at < 0) return undefined;
    value += text.slice(from, at);
    if (text.charCodeAt(at + 1) !== QUOTE) return { value, end: at + 1 };
    value += '"';
    from = at + 2;
  }
}

/** The offset of the line break (or the end of the text) at or after `from`. */
function lineEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && text.charCodeAt(i) !== CR && text.charCodeAt(i) !== LF) i++;
  return i;
}

function lineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) count++;
    else if (c === CR) {
      if (text.charCodeAt(i + 1) === LF) i++;
      count++;
    }
  }
  return count;
}

// ---------------------------------------------------------------------------------------------
// Values.

/** The report's tokens, case-sensitive as AWS writes them; accepted in every column but `user` and `arn`. */
const tokens = new Map<string, ReportValue<never>>([
  ['N/A', { kind: 'na' }],
  ['no_information', { kind: 'noInformation' }],
  ['not_supported', { kind: 'notSupported' }],
]);

/**
 * `2022-05-27T10:25:43+00:00` (what the report writes), or with `Z`, fractional seconds, or a space
 * for the `T`. Unlike config's parseIsoDate, the time and the zone are required: a time without a
 * zone would be read in the machine's zone, and the result would depend on where iamlint runs.
 * Read by position rather than with a regular expression: a report holds up to 5,000 users and ten
 * dates each, and this is most of the time it takes to read one.
 */
export function parseReportDate(text: string): Date | undefined {
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  if (text[4] !== '-' || text[7] !== '-' || !'Tt '.includes(text.charAt(10)) || text[13] !== ':' || text[16] !== ':') return undefined;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return undefined;
  let at = 19;
  let milliseconds = 0;
  if (text[at] === '.') {
    const start = ++at;
    while (at < text.length && isDigit(text.charCodeAt(at))) at++;
    if (at === start || at - start > 9) return undefined;
    milliseconds = Number(text.slice(start, Math.min(at, start + 3)).padEnd(3, '0'));
  }
  let offset: number;
  const zone = text.charAt(at);
  if ((zone === 'Z' || zone === 'z') && at + 1 === text.length) offset = 0;
  else if (zone === '+' || zone === '-') {
    const colon = text[at + 3] === ':' ? 1 : 0;
    const hours = digits(text, at + 1, 2);
    const minutes = digits(text, at + 3 + colon, 2);
    if (hours < 0 || minutes < 0 || hours > 23 || minutes > 59 || at + 5 + colon !== text.length) return undefined;
    offset = (zone === '-' ? -1 : 1) * (hours * 60 + minutes);
  } else return undefined;
  // Date.UTC reads years 0–99 as 1900–1999; the report has none, but a wrong date is worse than none.
  const time = Date.UTC(year, month - 1, day, hour, minute - offset, second, milliseconds);
  return year < 100 || Number.isNaN(time) ? undefined : new Date(time);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The number written with `count` digits at `from`, or -1. */
function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const code = text.charCodeAt(i);
    if (!isDigit(code)) return -1;
    value = value * 10 + code - 48;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

function parseBoolean(text: string): boolean | undefined {
  const lower = text.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

function parseText(text: string): string | undefined {
  return text === '' ? undefined : text;
}

const tokenList = 'N/A, no_information or not_supported';
const expectedDate = 'an ISO 8601 date-time with a time zone (2026-01-31T12:00:00+00:00)';

/** A cell's text for a message: quoted, and cut short (a garbage cell can be the rest of a file). */
function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}

// ---------------------------------------------------------------------------------------------
// The report.

/** IAM ARNs of the report's rows; group 1 is the account. */
const reportArn = /^arn:[a-z][a-z0-9-]*:iam::(\d{12}):(?:root|user\/.+)$/;
const rootUser = '<root_account>';

/** Reads the CSV text of a report; undefined when there is no usable header (the problem says why). */
function readReport(csv: string, place: Placement, reportSpan: Span, generatedTime: Date | undefined, problems: InputProblem[]): AccountFragment | undefined {
  const problem = (detail: string, span: Span): void => {
    problems.push({ kind: 'export', detail, span });
  };
  const records = parseCsv(csv);
  const header = records[0];
  if (!header) {
    problem('the credential report is empty: it has no header line', reportSpan);
    return undefined;
  }
  if (header.error) {
    problem(`${place.where(header.line)}the header line: ${header.error.detail}`, place.span(header.error.offset, header.error.length));
    return undefined;
  }

  // Columns by name: AWS fixes their order, but a report that went through a spreadsheet may not keep it.
  // A column iamlint does not know is ignored: AWS may add columns, and that is no fault of the file.
  const columns = new Map<string, number>();
  header.fields.forEach((field, index) => {
    if (!columns.has(field.text)) columns.set(field.text, index);
    else problem(`${place.where(header.line)}the header names the column ${quote(field.text)} twice; the first one is read`, place.span(field.offset, field.length));
  });
  const missing = credentialColumns.filter((column) => !columns.has(column));
  const headerSpan = place.span(header.offset, header.length);
  if (!columns.has('user') || !columns.has('arn')) {
    problem(`${place.where(header.line)}the header has no ${missing.filter((c) => c === 'user' || c === 'arn').join(' or ')} column, so no row can be read (a credential report's header starts user,arn,user_creation_time,…)`, headerSpan);
    return undefined;
  }
  if (missing.length > 0) {
    problem(`${place.where(header.line)}the header lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; ${missing.length > 1 ? 'their values are' : 'its value is'} unknown in every row`, headerSpan);
  }

  const reader = new RowReader(header.fields.length, columns, place, problem);
  const rows: CredentialRow[] = [];
  for (const record of records.slice(1)) {
    const row = reader.read(record);
    if (row) rows.push(row);
  }

  const accountId = reportAccount(rows);
  if (accountId !== undefined) {
    for (const row of rows) {
      const other = reportArn.exec(row.arn)?.[1];
      if (other !== undefined && other !== accountId) {
        problem(`${place.where(row.line)}the ARN is in account ${other}, but the report is of account ${accountId}`, row.cell('arn'));
      }
    }
  }
  return { kind: 'credential-report', accountId, report: { span: reportSpan, generatedTime, rows, accountId } };
}

/** The account of the root row's ARN, else of the first user's. */
function reportAccount(rows: readonly CredentialRow[]): string | undefined {
  const root = rows.find((row) => row.isRoot && reportArn.test(row.arn));
  const any = root ?? rows.find((row) => reportArn.test(row.arn));
  return any ? reportArn.exec(any.arn)?.[1] : undefined;
}

/**
 * Reads the rows of one report. A class, with the column lookup built once, because a report can
 * hold 5,000 users of 22 cells each: the only closure made per row is its `cell`.
 */
class RowReader {
  /** Each known column's index in a row, or -1 when the header lacks it. */
  private readonly index: Record<CredentialColumn, number>;

  constructor(
    private readonly width: number,
    columns: ReadonlyMap<string, number>,
    private readonly place: Placement,
    private readonly problem: (detail: string, span: Span) => void,
  ) {
    this.index = Object.fromEntries(credentialColumns.map((column) => [column, columns.get(column) ?? -1])) as Record<CredentialColumn, number>;
  }

  read(record: CsvRecord): CredentialRow | undefined {
    const { place } = this;
    const where = place.where(record.line);
    const rowSpan = place.span(record.offset, record.length);
    if (record.error) {
      this.problem(`${where}${record.error.detail}; the row is skipped`, place.span(record.error.offset, record.error.length));
      return undefined;
    }
    if (record.fields.length !== this.width) {
      const hint = record.fields.length > this.width ? ' (a user name that holds a comma must be in double quotes)' : '';
      this.problem(`${where}the row has ${record.fields.length} fields, but the header has ${this.width}${hint}; the row is skipped`, rowSpan);
      return undefined;
    }
    const index = this.index;
    // Inside base64 a cell has no place of its own: its path then names the CSV line and column, so
    // that findings about different cells (key 1, key 2) are told apart by their path and fingerprint.
    const cell = (column: CredentialColumn): Span => {
      const found = place.exact ? record.fields[index[column]] : undefined;
      if (found) return place.span(found.offset, found.length);
      return place.exact ? rowSpan : { ...rowSpan, path: [...rowSpan.path, `line ${record.line}`, column] };
    };

    const arn = this.field(record, 'arn')?.text ?? '';
    if (arn === '') {
      this.problem(`${where}the row has no ARN; the row is skipped`, cell('arn'));
      return undefined;
    }
    if (!reportArn.test(arn)) this.problem(`${where}arn is ${quote(arn)}, not the ARN of an IAM user or of the root user`, cell('arn'));
    let user = this.field(record, 'user')?.text ?? '';
    if (user === '') {
      // RFC 4180 readers keep a name with commas whole; an empty one can only be repaired from the ARN.
      user = arn.endsWith(':root') ? rootUser : arn.slice(arn.lastIndexOf('/') + 1);
      this.problem(`${where}the user name is empty; the name in the ARN, ${quote(user)}, is used`, cell('user'));
    }

    const row = { record, where, cell };
    return {
      span: rowSpan,
      line: record.line,
      user,
      arn,
      isRoot: user === rootUser || arn.endsWith(':root'),
      userCreationTime: this.date(row, 'user_creation_time'),
      passwordEnabled: this.flag(row, 'password_enabled'),
      passwordLastUsed: this.date(row, 'password_last_used'),
      passwordLastChanged: this.date(row, 'password_last_changed'),
      passwordNextRotation: this.date(row, 'password_next_rotation'),
      mfaActive: this.flag(row, 'mfa_active'),
      accessKeys: [this.accessKey(row, 1), this.accessKey(row, 2)],
      certificates: [this.certificate(row, 1), this.certificate(row, 2)],
      cell,
    };
  }

  private field(record: CsvRecord, column: CredentialColumn): CsvField | undefined {
    return record.fields[this.index[column]];
  }

  private accessKey(row: RowInProgress, index: 1 | 2): AccessKeyColumns {
    return {
      index,
      active: this.flag(row, `access_key_${index}_active`),
      lastRotated: this.date(row, `access_key_${index}_last_rotated`),
      lastUsedDate: this.date(row, `access_key_${index}_last_used_date`),
      lastUsedRegion: this.text(row, `access_key_${index}_last_used_region`),
      lastUsedService: this.text(row, `access_key_${index}_last_used_service`),
    };
  }

  private certificate(row: RowInProgress, index: 1 | 2): CertificateColumns {
    return { index, active: this.flag(row, `cert_${index}_active`), lastRotated: this.date(row, `cert_${index}_last_rotated`) };
  }

  private date(row: RowInProgress, column: CredentialColumn): ReportValue<Date> {
    return this.value(row, column, parseReportDate, expectedDate);
  }

  private flag(row: RowInProgress, column: CredentialColumn): ReportValue<boolean> {
    return this.value(row, column, parseBoolean, 'true or false');
  }

  private text(row: RowInProgress, column: CredentialColumn): ReportValue<string> {
    return this.value(row, column, parseText, 'a name');
  }

  private value<T>(row: RowInProgress, column: CredentialColumn, parse: (text: string) => T | undefined, expected: string): ReportValue<T> {
    const found = this.field(row.record, column);
    // A column the header lacks: the header's problem says so.
    if (!found) return { kind: 'invalid', text: '' };
    const token = tokens.get(found.text);
    if (token) return token;
    const parsed = parse(found.text);
    if (parsed !== undefined) return { kind: 'value', value: parsed };
    this.problem(`${row.where}${column} is ${quote(found.text)}, which is not ${expected}, nor ${tokenList}; the value is ignored`, row.cell(column));
    return { kind: 'invalid', text: found.text };
  }
}

/** What the value readers need of the row being read. */
interface RowInProgress {
  readonly record: CsvRecord;
  /** The prefix of its problems' details. */
  readonly where: string;
  cell(column: CredentialColumn): Span;
}
