/**
 * End to end: `iamlint baseline` and `iamlint check --baseline` with the bundled CLI (dist/cli.js,
 * built before vitest runs) as a child process, on the demo and on copies of its files in a
 * temporary folder, which the tests then edit as a team would.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempTree } from '../helpers/tmp.js';

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'dist', 'cli.js');

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(args: readonly string[], cwd = root): Run {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonFinding {
  readonly ruleId: string;
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly jsonPath: string;
  readonly fingerprint: string;
}

function findingsOf(stdout: string): JsonFinding[] {
  return (JSON.parse(stdout) as { findings: JsonFinding[] }).findings;
}

interface BaselineFile {
  readonly version: number;
  readonly tool: string;
  readonly findings: readonly { readonly ruleId: string; readonly file: string; readonly jsonPath: string; readonly fingerprint: string }[];
}

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

function folder(files: Readonly<Record<string, string>> = {}): string {
  const dir = tempTree({ ...files });
  temporary.push(dir);
  return dir;
}

describe('a baseline of the demo', () => {
  const out = folder();
  const baselinePath = join(out, 'baseline.json');
  const written = run(['baseline', 'examples', '-o', baselinePath]);
  const plain = run(['check', 'examples', '--format', 'json']);

  it('holds every finding of check, and says so', () => {
    expect(written.stderr).toBe('');
    expect(written.status).toBe(0);
    const baseline = JSON.parse(readFileSync(baselinePath, 'utf8')) as BaselineFile;
    expect(baseline.version).toBe(1);
    expect(baseline.tool).toBe('iamlint');
    const findings = findingsOf(plain.stdout);
    expect(findings.length).toBeGreaterThan(50);
    expect(baseline.findings.map((f) => `${f.file} ${f.ruleId} ${f.jsonPath} ${f.fingerprint}`)).toEqual(findings.map((f) => `${f.file} ${f.ruleId} ${f.jsonPath} ${f.fingerprint}`));
    expect(written.stdout).toBe(`Wrote ${findings.length} findings to ${baselinePath}.\n`);
  });

  it('is the same when written again', () => {
    const again = join(out, 'again.json');
    expect(run(['baseline', 'examples', '--output', again]).status).toBe(0);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(baselinePath, 'utf8'));
  });

  it('lets check pass with no findings, counting them as suppressed', () => {
    const json = run(['check', 'examples', '--baseline', baselinePath, '--format', 'json']);
    expect(json.stderr).toBe('');
    expect(json.status).toBe(0);
    expect(findingsOf(json.stdout)).toEqual([]);
    const stylish = run(['check', 'examples', '--baseline', baselinePath]);
    expect(stylish.status).toBe(0);
    // One more than the baseline holds: developer-sandbox.jsonc suppresses a finding inline.
    expect(stylish.stdout).toMatch(new RegExp(`^✔ No problems in \\d+ files, ${findingsOf(plain.stdout).length + 1} suppressed\\.\\n$`));
  });

  it('goes to standard output with -o -', () => {
    const stdout = run(['baseline', 'examples', '-o', '-']);
    expect(stdout.status).toBe(0);
    expect(stdout.stdout).toBe(readFileSync(baselinePath, 'utf8'));
  });
});

describe('a baseline in a repository that changes', () => {
  const withAdmin = readFileSync(join(root, 'examples/policies/admin.json'), 'utf8');

  /** A repository with two of the demo's policies and its baseline (written to the default file). */
  function repository(): string {
    const dir = folder();
    copyFileSync(join(root, 'examples/policies/admin.json'), join(dir, 'admin.json'));
    copyFileSync(join(root, 'examples/policies/s3-except-audit.json'), join(dir, 's3-except-audit.json'));
    const written = run(['baseline'], dir);
    expect(written.status).toBe(0);
    expect(written.stdout).toMatch(/^Wrote \d+ findings to iamlint-baseline\.json\.\n$/);
    expect(existsSync(join(dir, 'iamlint-baseline.json'))).toBe(true);
    return dir;
  }

  it('reports only a new problem, even when the file is re-indented and moved down', () => {
    const dir = repository();
    const policy = JSON.parse(withAdmin) as { Version: string; Statement: object[] };
    const wider = { ...policy, Statement: [...policy.Statement, { Sid: 'Uploads', Effect: 'Allow', Action: 's3:PutObject', NotResource: 'arn:aws:s3:::example-audit/*' }] };
    writeFileSync(join(dir, 'admin.json'), `\n\n\n${JSON.stringify(wider, null, 4)}\n`);
    const all = findingsOf(run(['check', '--format', 'json'], dir).stdout);
    const checked = run(['check', '--baseline', 'iamlint-baseline.json', '--format', 'json'], dir);
    expect(checked.status).toBe(1);
    const reported = findingsOf(checked.stdout);
    expect(reported.length).toBeGreaterThan(0);
    expect(reported).toEqual(all.filter((f) => f.file === 'admin.json' && f.jsonPath.startsWith('Statement[1]')));
  });

  it('reports an entry whose problem was fixed as stale, at the entry in the baseline', () => {
    const dir = repository();
    writeFileSync(join(dir, 'admin.json'), `${JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::example-reports/*' }] }, null, 2)}\n`);
    const checked = run(['check', '--baseline', 'iamlint-baseline.json', '--format', 'json'], dir);
    expect(checked.stderr).toBe('');
    expect(checked.status).toBe(1);
    const reported = findingsOf(checked.stdout);
    expect(reported.map((f) => `${f.file} ${f.ruleId} ${f.jsonPath} ${f.message}`)).toEqual([
      'iamlint-baseline.json unused-suppression findings[0] Baseline entry for full-admin at admin.json matches no finding any more; remove it, or rewrite the baseline (iamlint baseline … -o iamlint-baseline.json).',
    ]);
    const [stale] = reported;
    const lines = readFileSync(join(dir, 'iamlint-baseline.json'), 'utf8').split('\n');
    expect(lines[(stale?.line ?? 0) - 1]?.slice((stale?.column ?? 0) - 1)).toBe('{');
    expect(lines[stale?.line ?? 0]).toBe('      "ruleId": "full-admin",');
    // Rewriting the baseline clears it.
    expect(run(['baseline'], dir).status).toBe(0);
    expect(run(['check', '--baseline', 'iamlint-baseline.json'], dir).status).toBe(0);
  });

  it('does not judge entries of files left out of the run', () => {
    const dir = repository();
    writeFileSync(join(dir, 'admin.json'), '{"Version": "2012-10-17", "Statement": []}\n');
    const checked = run(['check', 's3-except-audit.json', '--baseline', 'iamlint-baseline.json'], dir);
    expect(checked.status).toBe(0);
  });
});

describe('a baseline that cannot be used', () => {
  const dir = folder({
    'admin.json': readFileSync(join(root, 'examples/policies/admin.json'), 'utf8'),
    'malformed.json': '{"version": 1, "tool": "iamlint", "findings": [\n  {"ruleId": "full-admin",}\n]}\n',
    'version-2.json': '{"version": 2, "tool": "iamlint", "findings": []}\n',
    'report.json': '{"version": 1, "tool": {"name": "iamlint", "version": "0.1.0"}, "findings": []}\n',
  });
  const cases: readonly (readonly [string, string, RegExp])[] = [
    ['missing', 'nowhere.json', /^iamlint: cannot read the baseline nowhere\.json: ENOENT: no such file or directory, open '.*nowhere\.json'\n$/],
    ['malformed', 'malformed.json', /^iamlint: malformed\.json:2:26: trailing commas are not allowed in JSON; the baseline is not valid JSON \(rewrite it with iamlint baseline\)\n$/],
    ['of another version', 'version-2.json', /^iamlint: version-2\.json:1:13: baseline version 2 is not supported: this iamlint reads version 1 \(rewrite it with iamlint baseline\)\n$/],
    ['a JSON report', 'report.json', /^iamlint: report\.json: not an iamlint baseline: expected \{"version": 1, "tool": "iamlint", "findings": \[\.\.\.\]\}, as iamlint baseline writes\n$/],
  ];
  it.each(cases)('exits 2 when it is %s, with one line saying why', (_, file, message) => {
    const checked = run(['check', 'admin.json', '--baseline', file], dir);
    expect(checked.status).toBe(2);
    expect(checked.stdout).toBe('');
    expect(checked.stderr).toMatch(message);
  });
});
