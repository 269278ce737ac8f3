import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/engine/finding.js';
import type { Severity } from '../../src/engine/severity.js';
import { annotationsPerCommand, escapeData, escapeProperty, formatGithub } from '../../src/report/github.js';
import type { Report } from '../../src/report/report.js';
import { examplesReport, policy, root, treeReport } from './check-report.js';

/** One workflow command line, taken apart and unescaped as the runner does. */
interface Command {
  readonly command: string;
  readonly properties: Readonly<Record<string, string>>;
  readonly message: string;
}

// What the runner accepts: `::name key=value,key=value::data`, with the property values escaped so
// that they hold no `,` or `:`, and no raw line break anywhere.
const commandLine = /^::(error|warning|notice)(?: ((?:[A-Za-z]+=[^,:\r\n]*)(?:,[A-Za-z]+=[^,:\r\n]*)*))?::([^\r\n]*)$/;

function unescape(text: string): string {
  return text.replace(/%(25|0D|0A|3A|2C)/g, (_, code: string) => String.fromCharCode(parseInt(code, 16)));
}

function parse(line: string): Command {
  const match = commandLine.exec(line);
  if (!match) throw new Error(`not a workflow command: ${JSON.stringify(line)}`);
  const [, command = '', props, data = ''] = match;
  const properties = Object.fromEntries(
    (props === undefined ? [] : props.split(',')).map((pair) => {
      const eq = pair.indexOf('=');
      return [pair.slice(0, eq), unescape(pair.slice(eq + 1))];
    }),
  );
  return { command, properties, message: unescape(data) };
}

function commands(output: string): Command[] {
  expect(output.endsWith('\n')).toBe(true);
  return output.slice(0, -1).split('\n').map(parse);
}

const expectedCommand: Readonly<Record<Severity, string>> = { critical: 'error', high: 'error', medium: 'warning', low: 'notice', info: 'notice' };

function withCommand(report: Report, command: string): Finding[] {
  return report.findings.filter((f) => expectedCommand[f.severity] === command);
}

/** A report of the same run holding only some of its findings. */
function subset(report: Report, findings: readonly Finding[]): Report {
  return { ...report, findings };
}

const examples = examplesReport();

describe('escaping', () => {
  it('escapes data and properties exactly as @actions/core does', () => {
    expect(escapeData('100% a:b,c\r\nd')).toBe('100%25 a:b,c%0D%0Ad');
    expect(escapeProperty('100% a:b,c\r\nd')).toBe('100%25 a%3Ab%2Cc%0D%0Ad');
    // `%` first, so an escape already in the text is not taken for one.
    expect(escapeData('%0A')).toBe('%250A');
  });

  const sid = 'Odd%25:a,b\r\nc';
  const report = treeReport({ 'odd,name:100%.json': policy({ Sid: sid, Effect: 'Allow', Action: '*', Resource: '*' }), 'cr\rlf\n.json': policy({ Sid: 'Plain', Effect: 'Allow', Action: '*', Resource: '*' }) });
  const lines = formatGithub(report, { color: false }).split('\n');

  it('escapes `%`, line breaks, `:` and `,` in file names and messages', () => {
    expect(lines).toContain(
      "::error file=odd%2Cname%3A100%25.json,line=4,endLine=9,title=iamlint full-admin (critical)::Statement 'Odd%2525:a,b%0D%0Ac' allows every action on every resource: full administrator access. Grant only the actions and resources that are needed.",
    );
    expect(lines).toContain("::notice file=odd%2Cname%3A100%25.json,line=5,endLine=5,col=7,endColumn=31,title=iamlint invalid-sid (low)::Sid 'Odd%2525:a,b%0D%0Ac' has '%25', which IAM rejects: a Sid in an IAM policy may hold only the letters A-Z and a-z and the digits 0-9.");
    expect(lines.filter((l) => l.includes('file=cr%0Dlf%0A.json,')).length).toBeGreaterThan(0);
  });

  it('gives back every file name and message unchanged when the runner unescapes them', () => {
    const key = (file: string | undefined, message: string): string => JSON.stringify([file, message]);
    const parsed = commands(formatGithub(report, { color: false }));
    expect(parsed.map((c) => key(c.properties.file, c.message)).sort()).toEqual(report.findings.map((f) => key(f.span.file, f.message)).sort());
    expect(new Set(parsed.map((c) => c.properties.file))).toEqual(new Set(['odd,name:100%.json', 'cr\rlf\n.json']));
  });
});

describe('annotations', () => {
  it('maps critical and high to error, medium to warning, low and info to notice', () => {
    const one = (severity: Severity): Finding => {
      const found = examples.findings.find((f) => f.severity === severity);
      if (!found) throw new Error(`the examples have no ${severity} finding`);
      return found;
    };
    for (const severity of ['critical', 'high', 'medium', 'low', 'info'] as const) {
      const [annotation] = commands(formatGithub(subset(examples, [one(severity)]), { color: false }));
      expect(annotation?.command).toBe(expectedCommand[severity]);
      expect(annotation?.properties.title).toBe(`iamlint ${one(severity).ruleId} (${severity})`);
    }
  });

  it('puts columns only on a region within one line, and the subject on a line after the message', () => {
    const multiLine = examples.findings.find((f) => f.span.line !== f.span.endLine && f.subject !== undefined);
    const oneLine = examples.findings.find((f) => f.span.line === f.span.endLine && f.subject === undefined);
    if (!multiLine || !oneLine) throw new Error('the examples lack a finding on several lines with a subject, or one on one line without');
    const byFile = new Map(commands(formatGithub(subset(examples, [multiLine, oneLine]), { color: false })).map((c) => [c.properties.file, c]));
    const multi = byFile.get(multiLine.span.file);
    expect(multi?.properties).toEqual({ file: multiLine.span.file, line: String(multiLine.span.line), endLine: String(multiLine.span.endLine), title: `iamlint ${multiLine.ruleId} (${multiLine.severity})` });
    expect(multi?.message).toBe(`${multiLine.message}\nSubject: ${multiLine.subject ?? ''}`);
    const single = byFile.get(oneLine.span.file);
    expect(single?.properties).toEqual({
      file: oneLine.span.file,
      line: String(oneLine.span.line),
      endLine: String(oneLine.span.line),
      col: String(oneLine.span.column),
      endColumn: String(oneLine.span.endColumn),
      title: `iamlint ${oneLine.ruleId} (${oneLine.severity})`,
    });
    expect(single?.message).toBe(oneLine.message);
  });

  it('never writes a line below 1, nor an end before its start', () => {
    const [first] = examples.findings;
    if (!first) throw new Error('no findings in the examples');
    const atZero: Finding = { ...first, span: { ...first.span, line: 0, endLine: 0, column: 5, endColumn: 2 } };
    const [annotation] = commands(formatGithub(subset(examples, [atZero]), { color: false }));
    expect(annotation?.properties).toMatchObject({ line: '1', endLine: '1', col: '5', endColumn: '5' });
  });

  it('is never colored, and the same report always gives the same text', () => {
    const plain = formatGithub(examples, { color: false });
    expect(formatGithub(examples, { color: true })).toBe(plain);
    expect(plain.includes('\u001b')).toBe(false);
    const before = [...examples.findings];
    expect(formatGithub(examples, { color: false })).toBe(plain);
    expect(examples.findings).toEqual(before);
  });

  it('prints nothing for a report with no findings', () => {
    const clean = treeReport({ 'read.json': policy({ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }) });
    expect(clean.findings).toEqual([]);
    expect(formatGithub(clean, { color: false })).toBe('');
  });
});

describe("GitHub's limits", () => {
  it('annotates at most 10 findings per command: 9 and a line saying how many more when there are more', () => {
    const parsed = commands(formatGithub(examples, { color: false }));
    for (const command of ['error', 'warning', 'notice']) {
      const findings = withCommand(examples, command);
      const lines = parsed.filter((c) => c.command === command);
      expect(lines.length).toBe(Math.min(findings.length, annotationsPerCommand));
      if (findings.length > annotationsPerCommand) {
        expect(lines.at(-1)).toEqual({
          command,
          properties: {},
          message: `iamlint: ${findings.length - 9} more ${command} findings not annotated (GitHub shows 10 per step); see the job summary or the SARIF report`,
        });
      } else {
        expect(lines.every((l) => l.properties.file !== undefined)).toBe(true);
      }
    }
    // The examples overflow errors (critical + high) and warnings, not notices.
    expect(withCommand(examples, 'error').length).toBeGreaterThan(annotationsPerCommand);
    expect(withCommand(examples, 'warning').length).toBeGreaterThan(annotationsPerCommand);
    expect(withCommand(examples, 'notice').length).toBeLessThanOrEqual(annotationsPerCommand);
    expect(parsed.length).toBeLessThanOrEqual(50);
  });

  it('shows the worst first within a command, then the order of the report', () => {
    const errors = commands(formatGithub(examples, { color: false })).filter((c) => c.command === 'error' && c.properties.file !== undefined);
    const critical = examples.findings.filter((f) => f.severity === 'critical');
    expect(critical.length).toBeGreaterThanOrEqual(9);
    expect(errors.map((c) => [c.properties.file, c.properties.line, c.properties.title])).toEqual(critical.slice(0, 9).map((f) => [f.span.file, String(f.span.line), `iamlint ${f.ruleId} (critical)`]));
  });

  // One info finding (a redundant action, in the first statement) and 12 low ones (invalid Sids).
  const statements = [{ Sid: 'Redundant', Effect: 'Allow', Action: ['s3:GetObject', 's3:Get*'], Resource: 'arn:aws:s3:::bucket/*' }];
  for (let i = 1; i <= 12; i++) statements.push({ Sid: `bad-${i}`, Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::bucket/*' });
  const notices = treeReport({ 'notices.json': policy(...statements) });

  it('puts low before info among notices, even when the info finding comes first in the report', () => {
    expect(notices.findings.map((f) => `${f.severity} ${f.ruleId}`)).toEqual(['info redundant-action', ...Array<string>(12).fill('low invalid-sid')]);
    const lines = commands(formatGithub(notices, { color: false }));
    expect(lines.length).toBe(10);
    expect(lines.slice(0, 9).map((c) => c.properties.title)).toEqual(Array<string>(9).fill('iamlint invalid-sid (low)'));
    expect(lines.slice(0, 9).map((c) => c.message)).toEqual(notices.findings.slice(1, 10).map((f) => f.message));
    expect(lines[9]?.message).toBe('iamlint: 4 more notice findings not annotated (GitHub shows 10 per step); see the job summary or the SARIF report');
  });

  it('annotates all of exactly 10, and 9 and the count line from 11', () => {
    const ten = commands(formatGithub(subset(notices, notices.findings.slice(0, 10)), { color: false }));
    expect(ten.length).toBe(10);
    expect(ten.every((c) => c.properties.file === 'notices.json')).toBe(true);
    const eleven = commands(formatGithub(subset(notices, notices.findings.slice(0, 11)), { color: false }));
    expect(eleven.length).toBe(10);
    expect(eleven[9]?.message).toMatch(/^iamlint: 2 more notice findings not annotated/);
  });
});

describe('iamlint check --format github (dist/cli.js)', () => {
  it('prints valid annotation lines for the examples and exits 1', () => {
    const run = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'check', 'examples', '--format', 'github'], { cwd: root, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '1' } });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const parsed = commands(run.stdout);
    expect(run.stdout).toBe(formatGithub(examples, { color: false }));
    expect(parsed.filter((c) => c.command === 'error').length).toBe(10);
    expect(parsed.filter((c) => c.command === 'warning').length).toBe(10);
    expect(parsed.filter((c) => c.command === 'notice').length).toBe(withCommand(examples, 'notice').length);
  });
});
