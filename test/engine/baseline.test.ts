import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registry } from '../../rules/index.js';
import { ConfigError } from '../../src/config/config.js';
import { applyBaseline, formatBaseline, parseBaseline, type Baseline } from '../../src/engine/baseline.js';
import type { CheckResult } from '../../src/engine/check.js';
import type { Finding } from '../../src/engine/finding.js';
import { checkWith } from '../helpers/run.js';
import { tempTree } from '../helpers/tmp.js';

/** A finding of `ruleId` at `line` of `file`, with the fingerprint given. */
function finding(fingerprint: string, line: number, file = 'p.json', ruleId = 'full-admin'): Finding {
  return {
    ruleId,
    messageId: 'm',
    message: `Finding at line ${line}.`,
    severity: 'high',
    category: 'least-privilege',
    span: { file, line, column: 5, endLine: line, endColumn: 9, offset: 0, length: 4, path: ['Statement', line] },
    subject: undefined,
    sid: undefined,
    data: {},
    fingerprint,
  };
}

/** A baseline of entries `[fingerprint, file?, ruleId?]`, as a file would hold them. */
function baselineOf(entries: readonly (readonly [string, string?, string?])[]): Baseline {
  const findings = entries.map(([fp, file = 'p.json', ruleId = 'full-admin']) => ({ ruleId, file, message: 'x', fingerprint: fp }));
  return parseBaseline('iamlint-baseline.json', JSON.stringify({ version: 1, tool: 'iamlint', findings }, null, 2));
}

const always = (): boolean => true;

describe('the baseline file', () => {
  it('is versioned JSON with one entry per finding, in report order, without lines', () => {
    const text = formatBaseline([finding('bbb', 9, 'b.json'), { ...finding('aaa', 3, 'a.json'), subject: 'arn:aws:iam::111122223333:role/r' }]);
    expect(text).toBe(
      [
        '{',
        '  "version": 1,',
        '  "tool": "iamlint",',
        '  "findings": [',
        '    {',
        '      "ruleId": "full-admin",',
        '      "file": "a.json",',
        '      "jsonPath": "Statement[3]",',
        '      "subject": "arn:aws:iam::111122223333:role/r",',
        '      "message": "Finding at line 3.",',
        '      "fingerprint": "aaa"',
        '    },',
        '    {',
        '      "ruleId": "full-admin",',
        '      "file": "b.json",',
        '      "jsonPath": "Statement[9]",',
        '      "message": "Finding at line 9.",',
        '      "fingerprint": "bbb"',
        '    }',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('reads back, each entry located at its object', () => {
    const baseline = parseBaseline('base.json', formatBaseline([finding('aaa', 3, 'a.json'), finding('bbb', 9, 'b.json')]));
    expect(baseline.path).toBe('base.json');
    expect(baseline.entries.map((e) => `${e.ruleId} ${e.file} ${e.fingerprint} ${e.span.file}:${e.span.line}:${e.span.column}-${e.span.endLine}:${e.span.endColumn}`)).toEqual([
      'full-admin a.json aaa base.json:5:5-11:6',
      'full-admin b.json bbb base.json:12:5-18:6',
    ]);
  });

  it('with no findings is an empty list', () => {
    expect(parseBaseline('b.json', formatBaseline([])).entries).toEqual([]);
  });

  const rejects: readonly (readonly [string, string, RegExp])[] = [
    ['malformed JSON', '{"version": 1,\n  "tool": "iamlint" "findings": []}', /^b\.json:2:21: expected ',' between values; the baseline is not valid JSON/],
    ['a comment', '{"version": 1, // why\n"tool": "iamlint", "findings": []}', /^b\.json:1:16: comments are not allowed in JSON/],
    ['an empty file', '', /^b\.json:1:1: the file is empty/],
    ['a policy', '{"Version": "2012-10-17", "Statement": []}', /^b\.json: not an iamlint baseline: expected \{"version": 1, "tool": "iamlint", "findings": \[\.\.\.\]\}/],
    ['a JSON report', '{"version": 1, "tool": {"name": "iamlint", "version": "0.1.0"}, "findings": []}', /^b\.json: not an iamlint baseline/],
    ['an array', '[]', /^b\.json: not an iamlint baseline/],
    ['another version', '{\n  "version": 2,\n  "tool": "iamlint",\n  "findings": []\n}', /^b\.json:2:14: baseline version 2 is not supported: this iamlint reads version 1/],
    ['a version string', '{"version": "1", "tool": "iamlint", "findings": []}', /^b\.json:1:13: baseline version "1" is not supported/],
    ['an entry that is not an object', '{"version": 1, "tool": "iamlint", "findings": [\n  "abc"\n]}', /^b\.json:2:3: findings\[0\] must be an object$/],
    ['an entry without fingerprint', '{"version": 1, "tool": "iamlint", "findings": [\n  {"ruleId": "full-admin", "file": "p.json"}\n]}', /^b\.json:2:3: findings\[0\] has no "fingerprint"$/],
    ['an entry with an empty file', '{"version": 1, "tool": "iamlint", "findings": [{"ruleId": "full-admin", "file": "", "fingerprint": "a"}]}', /^b\.json:1:81: findings\[0\]\.file must be a non-empty string$/],
  ];
  it.each(rejects)('rejects %s with a ConfigError naming the place', (_, text, message) => {
    expect(() => parseBaseline('b.json', text)).toThrow(ConfigError);
    expect(() => parseBaseline('b.json', text)).toThrow(message);
  });

  it('reads only ruleId, file and fingerprint of an entry: the rest is for people', () => {
    const baseline = parseBaseline('b.json', '{"version": 1, "tool": "iamlint", "findings": [{"ruleId": "r", "file": "p.json", "fingerprint": "a", "line": 4, "note": "SEC-1"}]}');
    expect(baseline.entries.map((e) => `${e.ruleId} ${e.file} ${e.fingerprint}`)).toEqual(['r p.json a']);
  });
});

describe('matching', () => {
  it('accepts the findings the baseline holds, by fingerprint alone, and keeps the others', () => {
    const result = applyBaseline([finding('new', 1), finding('old', 40)], baselineOf([['old']]), always);
    expect(result.kept.map((f) => f.fingerprint)).toEqual(['new']);
    expect(result.baselined.map((f) => f.fingerprint)).toEqual(['old']);
    expect(result.stale).toEqual([]);
  });

  it('is a multiset: two identical entries accept at most two identical findings', () => {
    // A report numbers repeats `abc:2`, `abc:3` …; the baseline file keeps those numbers.
    const two = baselineOf([['abc'], ['abc:2']]);
    const three = applyBaseline([finding('abc', 1), finding('abc', 2), finding('abc', 3)], two, always);
    expect(three.baselined.map((f) => f.span.line)).toEqual([1, 2]);
    expect(three.kept.map((f) => f.span.line)).toEqual([3]);
    expect(three.stale).toEqual([]);

    const one = applyBaseline([finding('abc', 7)], two, always);
    expect(one.kept).toEqual([]);
    expect(one.stale.map((e) => e.fingerprint)).toEqual(['abc:2']);
  });

  it('takes the findings in report order, whatever order they come in', () => {
    const result = applyBaseline([finding('abc', 9), finding('abc', 2)], baselineOf([['abc']]), always);
    expect(result.baselined.map((f) => f.span.line)).toEqual([2]);
    expect(result.kept.map((f) => f.span.line)).toEqual([9]);
  });

  it('reports as stale only the unmatched entries that can be judged, in the order of the file', () => {
    const baseline = baselineOf([['c', 'c.json'], ['a', 'a.json'], ['b', 'b.json']]);
    const result = applyBaseline([], baseline, (entry) => entry.file !== 'b.json');
    expect(result.stale.map((e) => e.file)).toEqual(['c.json', 'a.json']);
  });
});

/** `check` in `cwd` with only the named rules on, against the baseline file there when it is named. */
function run(cwd: string, paths: readonly string[], on: readonly string[], baselineFile?: string): CheckResult {
  return checkWith(on, paths, cwd, undefined, baselineFile === undefined ? undefined : join(cwd, baselineFile));
}

/** Writes the baseline of the findings `run` gives now. */
function writeBaseline(cwd: string, paths: readonly string[], on: readonly string[], file = 'iamlint-baseline.json'): void {
  writeFileSync(join(cwd, file), formatBaseline(run(cwd, paths, on).findings));
}

const rules = ['full-admin', 'policy-version', 'allow-not-resource', 'unused-suppression'];

function policy(statements: readonly object[], indent = 2): string {
  return `${JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, indent)}\n`;
}
/** A policy without Version: a policy-version finding on the whole document. */
function unversioned(statements: readonly object[]): string {
  return `${JSON.stringify({ Statement: statements }, null, 2)}\n`;
}
const admin = { Sid: 'Admin', Effect: 'Allow', Action: '*', Resource: '*' };
const notResource = { Sid: 'AllButAudit', Effect: 'Allow', Action: 's3:PutObject', NotResource: 'arn:aws:s3:::example-audit/*' };
const read = { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::example-reports/*' };

function where(result: CheckResult): string[] {
  return result.findings.map((f) => `${f.span.file}:${f.span.line}:${f.span.column} ${f.ruleId} ${f.messageId}`);
}

describe('check with a baseline', () => {
  it('reports nothing on the files it was written from, and counts the findings as suppressed', () => {
    const root = tempTree({ 'a.json': policy([admin, notResource]), 'b.json': unversioned([read]) });
    writeBaseline(root, ['.'], rules);
    expect(run(root, ['.'], rules).findings).toHaveLength(3);
    const result = run(root, ['.'], rules, 'iamlint-baseline.json');
    expect(result.findings).toEqual([]);
    expect(result.suppressed.map((f) => `${f.span.file} ${f.ruleId}`).sort()).toEqual(['a.json allow-not-resource', 'a.json full-admin', 'b.json policy-version']);
  });

  it('still matches when the policy is re-indented and moved down by lines', () => {
    const root = tempTree({ 'a.json': policy([admin, notResource]) });
    writeBaseline(root, ['a.json'], rules);
    const before = run(root, ['a.json'], rules).findings.map((f) => f.span.line);
    writeFileSync(join(root, 'a.json'), `\n\n\n\n\n${policy([admin, notResource], 6)}`);
    const moved = run(root, ['a.json'], rules);
    expect(moved.findings.map((f) => f.span.line)).not.toEqual(before);
    expect(moved.findings).toHaveLength(2);
    const result = run(root, ['a.json'], rules, 'iamlint-baseline.json');
    expect(result.findings).toEqual([]);
    expect(result.suppressed).toHaveLength(2);
  });

  it('reports a new problem, and only that', () => {
    const root = tempTree({ 'a.json': policy([admin]) });
    writeBaseline(root, ['a.json'], rules);
    writeFileSync(join(root, 'a.json'), policy([admin, notResource]));
    expect(where(run(root, ['a.json'], rules, 'iamlint-baseline.json'))).toEqual(['a.json:14:7 allow-not-resource allowNotResource']);
  });

  it('reports an entry whose problem is gone as stale, at the entry in the baseline file', () => {
    const root = tempTree({ 'a.json': policy([admin, notResource]) });
    writeBaseline(root, ['a.json'], rules);
    writeFileSync(join(root, 'a.json'), policy([admin]));
    const result = run(root, ['a.json'], rules, 'iamlint-baseline.json');
    // The second entry: full-admin's comes first, as its finding does in the report.
    expect(where(result)).toEqual(['iamlint-baseline.json:12:5 unused-suppression staleBaseline']);
    const [stale] = result.findings;
    expect(stale?.message).toBe(
      'Baseline entry for allow-not-resource at a.json matches no finding any more; remove it, or rewrite the baseline (iamlint baseline … -o iamlint-baseline.json).',
    );
    expect(stale?.span.path).toEqual(['findings', 1]);
    expect(stale?.severity).toBe('low');
    const text = readFileSync(join(root, 'iamlint-baseline.json'), 'utf8').split('\n');
    expect(text[11]).toBe('    {');
    expect(text[12]).toBe('      "ruleId": "allow-not-resource",');
  });

  it('does not judge entries of files not checked on this run, or of rules that did not run', () => {
    const root = tempTree({ 'a.json': policy([admin, notResource]), 'b.json': policy([admin]) });
    writeBaseline(root, ['.'], rules);
    writeFileSync(join(root, 'a.json'), policy([read]));
    // b.json alone: a.json's entries cannot be judged.
    expect(where(run(root, ['b.json'], rules, 'iamlint-baseline.json'))).toEqual([]);
    // allow-not-resource off: its entry is not judged, full-admin's is stale.
    const withoutRule = run(root, ['.'], rules.filter((r) => r !== 'allow-not-resource'), 'iamlint-baseline.json');
    expect(withoutRule.findings.map((f) => f.message)).toEqual([expect.stringMatching(/^Baseline entry for full-admin at a\.json /)]);
  });

  it('does not judge entries of a rule that an override turns off for their file', () => {
    const root = tempTree({ 'legacy/a.json': policy([admin]), 'b.json': policy([admin]) });
    writeBaseline(root, ['.'], rules);
    writeFileSync(join(root, '.iamlint.json'), JSON.stringify({ overrides: [{ files: ['legacy/**'], rules: { 'full-admin': 'off' } }] }));
    writeFileSync(join(root, 'legacy/a.json'), policy([read]));
    writeFileSync(join(root, 'b.json'), policy([read]));
    const result = checkWith(rules, ['.'], root, join(root, '.iamlint.json'), join(root, 'iamlint-baseline.json'));
    expect(result.findings.map((f) => f.message)).toEqual([expect.stringMatching(/^Baseline entry for full-admin at b\.json /)]);
  });

  it('reports an entry of a rule iamlint does not have as stale: it can never match', () => {
    const root = tempTree({
      'a.json': policy([read]),
      'base.json': JSON.stringify({ version: 1, tool: 'iamlint', findings: [{ ruleId: 'no-such-rule', file: 'a.json', message: 'x', fingerprint: 'abc' }] }),
    });
    expect(where(run(root, ['a.json'], rules, 'base.json'))).toEqual(['base.json:1:43 unused-suppression staleBaseline']);
  });

  it('reports no stale entries when unused-suppression is off', () => {
    const root = tempTree({ 'a.json': policy([admin]) });
    writeBaseline(root, ['a.json'], rules);
    writeFileSync(join(root, 'a.json'), policy([read]));
    expect(run(root, ['a.json'], rules.filter((r) => r !== 'unused-suppression'), 'iamlint-baseline.json').findings).toEqual([]);
  });

  it('accepts unused suppressions it holds, as the baseline was written from them', () => {
    const root = tempTree({ 'a.jsonc': `{\n  "Version": "2012-10-17",\n  "Statement": [\n    // iamlint-disable-next-line full-admin -- gone\n${JSON.stringify(read)}\n  ]\n}\n` });
    writeBaseline(root, ['.'], rules);
    expect(run(root, ['.'], rules).findings.map((f) => f.messageId)).toEqual(['unusedDirective']);
    expect(run(root, ['.'], rules, 'iamlint-baseline.json').findings).toEqual([]);
  });

  it('lets a baseline file lie among the checked files: it is not an input', () => {
    const root = tempTree({ 'a.json': policy([admin, notResource]) });
    const every = registry.map((r) => r.rule.id);
    writeBaseline(root, ['.'], every);
    const first = readFileSync(join(root, 'iamlint-baseline.json'), 'utf8');
    // Written again with the first one among the inputs: the same.
    writeBaseline(root, ['.'], every);
    expect(readFileSync(join(root, 'iamlint-baseline.json'), 'utf8')).toBe(first);
    const result = run(root, ['.'], every, 'iamlint-baseline.json');
    expect(result.files.map((f) => `${f.path} ${f.kind}`)).toEqual(['a.json policy', 'iamlint-baseline.json unrecognized']);
    expect(result.findings).toEqual([]);
    expect(result.suppressed).toHaveLength(parseBaseline('b', first).entries.length);
  });
});
