/**
 * The SARIF formatter: the SARIF of the demo (examples/) and of every rule's invalid fixtures passes
 * the SARIF 2.1.0 schema and GitHub's own upload rules; graph findings carry their path as a code
 * flow; the rules table follows the registry; GitHub's limits hold; the output is byte-identical run
 * to run. The validator is tested too: it must reject what GitHub rejects.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { registry, type RegisteredRule } from '../../rules/index.js';
import { checkOptions } from '../../src/cli/check-options.js';
import { emptyConfig } from '../../src/config/load.js';
import { check, type CheckResult } from '../../src/engine/check.js';
import type { Finding, FlowStep } from '../../src/engine/finding.js';
import { severities, type Severity } from '../../src/engine/severity.js';
import type { Span } from '../../src/model/span.js';
import { docsUrl, type Report } from '../../src/report/report.js';
import { formatSarif, sarifLog } from '../../src/report/sarif.js';
import { checkWith, ruleById } from '../helpers/run.js';
import { githubErrors, schemaErrors, schemaFile } from '../helpers/sarif-validate.js';
import { adminPolicy, tempTree } from '../helpers/tmp.js';

const root = resolve(import.meta.dirname, '../..');

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

function folder(files: Record<string, string>): string {
  const dir = tempTree(files);
  temporary.push(dir);
  return dir;
}

/** The report `iamlint check` gives formatters. */
function reportOf(result: CheckResult): Report {
  return { findings: result.findings, files: result.files.filter((f) => f.kind !== 'unrecognized').length, suppressed: result.suppressed.length };
}

/** `iamlint check examples`, run from the repository root, as its report. */
function examplesReport(): Report {
  return reportOf(check(checkOptions({ cwd: root, paths: ['examples'], config: undefined, rules: [], trustedAccounts: [], now: undefined })));
}

// The parts of the SARIF the tests read.
interface PhysicalLocation {
  readonly artifactLocation: { readonly uri: string; readonly uriBaseId?: string };
  readonly region: { readonly startLine: number; readonly startColumn: number; readonly endLine: number; readonly endColumn: number };
}
interface Location {
  readonly id?: number;
  readonly physicalLocation: PhysicalLocation;
  readonly message?: { readonly text: string };
  readonly logicalLocations?: readonly { readonly fullyQualifiedName: string; readonly kind: string }[];
}
interface Result {
  readonly ruleId: string;
  readonly ruleIndex: number;
  readonly level: string;
  readonly message: { readonly text: string };
  readonly locations: readonly Location[];
  readonly partialFingerprints: Readonly<Record<string, string>>;
  readonly relatedLocations?: readonly Location[];
  readonly codeFlows?: readonly { readonly threadFlows: readonly { readonly locations: readonly { readonly location: Location }[] }[] }[];
  readonly properties: { readonly severity: string; readonly jsonPath: string };
}
interface Rule {
  readonly id: string;
  readonly name: string;
  readonly shortDescription: { readonly text: string };
  readonly fullDescription: { readonly text: string };
  readonly defaultConfiguration: { readonly level: string };
  readonly help: { readonly text: string; readonly markdown: string };
  readonly helpUri: string;
  readonly properties: { readonly tags: readonly string[]; readonly precision: string; readonly 'security-severity': string };
}
interface Run {
  readonly tool: { readonly driver: { readonly name: string; readonly version: string; readonly semanticVersion: string; readonly informationUri: string; readonly rules: readonly Rule[] } };
  readonly invocations?: readonly { readonly executionSuccessful: boolean; readonly toolExecutionNotifications: readonly { readonly level: string; readonly message: { readonly text: string } }[] }[];
  readonly originalUriBaseIds: Readonly<Record<string, unknown>>;
  readonly columnKind: string;
  readonly results: readonly Result[];
  readonly properties: Readonly<Record<string, number>>;
  readonly automationDetails?: unknown;
}
interface Log {
  readonly $schema: string;
  readonly version: string;
  readonly runs: readonly Run[];
}

function parse(text: string): Log {
  return JSON.parse(text) as Log;
}

function runOf(log: Log): Run {
  const [run] = log.runs;
  if (!run) throw new Error('no run');
  return run;
}

/** Schema and GitHub errors together, so one assertion shows both. */
function allErrors(document: unknown): string[] {
  return [...schemaErrors(document).map((e) => `schema ${e}`), ...githubErrors(document).map((e) => `github ${e}`)];
}

const examples = examplesReport();
const examplesSarif = formatSarif(examples, { color: false });
const examplesLog = parse(examplesSarif);

describe('SARIF of examples/', () => {
  it('validates against the SARIF 2.1.0 schema and GitHub upload rules', () => {
    expect(examples.findings.length).toBeGreaterThan(50);
    expect(allErrors(examplesLog)).toEqual([]);
  });

  it('has one run of iamlint, one result per finding, in the report order, no automationDetails', () => {
    expect(examplesLog.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(examplesLog.version).toBe('2.1.0');
    expect(examplesLog.runs).toHaveLength(1);
    const run = runOf(examplesLog);
    expect(run.tool.driver.name).toBe('iamlint');
    expect(run.automationDetails).toBeUndefined();
    expect(run.invocations).toBeUndefined();
    expect(run.columnKind).toBe('utf16CodeUnits');
    expect(run.properties).toEqual({ files: examples.files, findings: examples.findings.length, suppressed: examples.suppressed, omittedResults: 0 });
    expect(run.results.map((r) => `${r.ruleId} ${r.message.text}`)).toEqual(examples.findings.map((f) => `${f.ruleId} ${f.message}`));
  });

  it('locates every result in a file relative to %SRCROOT%, at the finding, with its fingerprint, severity and subject', () => {
    const run = runOf(examplesLog);
    run.results.forEach((result, i) => {
      const finding = examples.findings[i];
      if (!finding) throw new Error(`no finding ${i}`);
      const [location] = result.locations;
      expect(result.locations).toHaveLength(1);
      expect(location?.physicalLocation).toEqual({
        artifactLocation: { uri: finding.span.file, uriBaseId: '%SRCROOT%' },
        region: { startLine: finding.span.line, startColumn: finding.span.column, endLine: finding.span.endLine, endColumn: finding.span.endColumn },
      });
      expect(existsSync(join(root, finding.span.file))).toBe(true);
      expect(result.partialFingerprints).toEqual({ 'iamlint/v1': finding.fingerprint });
      expect(result.level).toBe({ critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' }[finding.severity]);
      expect(result.properties.severity).toBe(finding.severity);
      expect(location?.logicalLocations).toEqual(finding.subject === undefined ? undefined : [{ fullyQualifiedName: finding.subject, kind: 'resource' }]);
    });
    // The URI base is named, not an absolute path of this machine.
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { description: { text: expect.any(String) as string } } });
    expect(examplesSarif).not.toContain(root);
  });

  it('gives privilege-escalation chains of examples/account as code flows, every step in a file with a region', () => {
    const run = runOf(examplesLog);
    const graph = run.results.filter((r) => r.ruleId === 'privesc-path');
    expect(graph.length).toBeGreaterThan(3);
    const lines = readFileSync(join(root, 'examples/account/authorization-details.json'), 'utf8').split('\n');
    for (const result of graph) {
      const finding = examples.findings.find((f) => f.fingerprint === result.partialFingerprints['iamlint/v1']);
      const flow = finding?.flow ?? [];
      expect(flow.length, result.message.text).toBeGreaterThan(0);
      const steps = result.codeFlows?.[0]?.threadFlows[0]?.locations ?? [];
      expect(result.codeFlows).toHaveLength(1);
      expect(steps.map((s) => s.location.message?.text)).toEqual(flow.map((s) => s.message));
      expect(result.relatedLocations?.map((l) => [l.id, l.message?.text])).toEqual(flow.map((s, i) => [i + 1, s.message]));
      for (const { location } of steps) {
        const { artifactLocation, region } = location.physicalLocation;
        expect(artifactLocation.uri).toMatch(/^examples\/account\/[\w.-]+\.json$/);
        expect(region.startLine).toBeGreaterThanOrEqual(1);
        expect(region.startColumn).toBeGreaterThanOrEqual(1);
        if (artifactLocation.uri === 'examples/account/authorization-details.json') expect(region.endLine).toBeLessThanOrEqual(lines.length);
      }
    }
    // The demo's three-step chain: release-pipeline assumes legacy-migration, which passes ops-automation to a function.
    const pipeline = graph.find((r) => r.locations[0]?.logicalLocations?.[0]?.fullyQualifiedName.endsWith(':role/release-pipeline'));
    const messages = pipeline?.codeFlows?.[0]?.threadFlows[0]?.locations.map((s) => s.location.message?.text) ?? [];
    expect(messages[0]).toBe('role/release-pipeline assumes role/legacy-migration (sts:AssumeRole)');
    expect(messages[1]).toMatch(/^role\/legacy-migration: iam:PassRole \+ lambda:CreateFunction.* → role\/ops-automation \(administrator\)$/);
  });

  it('is byte-identical on a second run', () => {
    expect(formatSarif(examplesReport(), { color: false })).toBe(examplesSarif);
    expect(examplesSarif.endsWith('}\n')).toBe(true);
    expect(examplesSarif).toBe(`${JSON.stringify(JSON.parse(examplesSarif), null, 2)}\n`);
  });

  it('is what `iamlint check --format sarif=FILE` writes (dist/cli.js), which tools/validate-sarif.mjs accepts', () => {
    const out = folder({});
    const file = join(out, 'iamlint.sarif');
    const cli = spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'check', 'examples', '--format', `sarif=${file}`], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe(examplesSarif);
    const validated = spawnSync(process.execPath, [join(root, 'tools/validate-sarif.mjs'), schemaFile, file], { encoding: 'utf8' });
    expect(validated.stderr).toBe('');
    expect(validated.status).toBe(0);
  });
});

describe('SARIF of every rule fixture', () => {
  const rulesRoot = join(root, 'test', 'rules');
  const fixtures = readdirSync(rulesRoot, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => {
      const dir = join(rulesRoot, d.name, 'invalid');
      return existsSync(dir) ? readdirSync(dir).filter((n) => !/\.(snap|config\.json|baseline\.json)$/.test(n)).map((name) => [d.name, name] as const) : [];
    })
    .sort();

  it('covers every rule', () => {
    expect(new Set(fixtures.map(([id]) => id))).toEqual(new Set(registry.map((r) => r.rule.id)));
  });

  const reported = new Set<string>();
  it.each(fixtures)('%s: invalid/%s validates', (id, name) => {
    const dir = join(rulesRoot, id);
    const report = reportOf(checkWith([id], [`invalid/${name}`], dir, join(dir, 'invalid', `${name}.config.json`)));
    const log = parse(formatSarif(report, { color: false }));
    expect(allErrors(log)).toEqual([]);
    const run = runOf(log);
    expect(run.results).toHaveLength(report.findings.length);
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
      reported.add(result.ruleId);
    }
  });

  it("gave results of every rule (the fixture runner checks each fixture's own)", () => {
    expect([...reported].sort()).toEqual(registry.map((r) => r.rule.id).sort());
  });
});

describe('the rules table', () => {
  const rules = runOf(examplesLog).tool.driver.rules;

  it('is every registered rule, sorted by id', () => {
    const ids = registry.map((r) => r.rule.id).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(rules.map((r) => r.id)).toEqual(ids);
  });

  it.each(registry.map((r) => [r.rule.id, r] as const))('%s: describes the rule from its metadata and doc page', (id, { rule, doc, docPath }) => {
    const found = rules.find((r) => r.id === id);
    const body = doc.replace(/^---\n[^]*?\n---\n/, '').trim();
    expect(found?.name).toBe(id.replace(/(^|-)(\w)/g, (_m, _dash, c: string) => c.toUpperCase()));
    expect(found?.shortDescription.text).toBe(rule.meta.description);
    expect(found?.help).toEqual({ text: body, markdown: body });
    expect(found?.helpUri).toBe(docsUrl(docPath));
    expect(found?.defaultConfiguration.level).toBe({ critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' }[rule.meta.severity]);
    expect(found?.properties['security-severity']).toBe({ critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0' }[rule.meta.severity]);
    expect(found?.properties.tags.slice(0, 2)).toEqual(['security', rule.meta.category]);
    expect(found?.properties.precision).toBe(rule.meta.category === 'correctness' ? 'very-high' : 'high');
    // The full description is the page's first paragraph, as text: no Markdown markup left, and words of the page.
    const full = found?.fullDescription.text ?? '';
    expect(full.length).toBeGreaterThan(20);
    expect(full.length).toBeLessThanOrEqual(1024);
    expect(full).not.toMatch(/^#|`|\]\(/);
    expect(body.replace(/[`*]/g, '').replace(/\s+/g, ' ')).toContain(full.replace(/…$/, '').slice(0, 40));
  });

  it('gives privesc-path the first paragraph of "What it flags"', () => {
    expect(rules.find((r) => r.id === 'privesc-path')?.fullDescription.text).toMatch(/^A user or role of an account export \(get-account-authorization-details\) that is not administrator-equivalent itself, but can become an administrator .* through a chain of steps on the account's access graph:$/);
  });
});

// Reports made by hand, to reach GitHub's limits without checking thousands of files.

function span(file: string, line: number, column = 1): Span {
  return { file, line, column, endLine: line, endColumn: column + 1, offset: 0, length: 1, path: ['Statement', 0] };
}

function finding(severity: Severity, n: number, extra: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'full-admin',
    messageId: 'everyAction',
    message: `Finding ${n}.`,
    severity,
    category: 'least-privilege',
    span: span('policies/admin.json', n + 1),
    subject: undefined,
    sid: undefined,
    data: {},
    fingerprint: `fp${n}`,
    ...extra,
  };
}

function reportWith(findings: readonly Finding[]): Report {
  return { findings, files: 1, suppressed: 0 };
}

describe('GitHub limits', () => {
  it('keeps the 25,000 most severe results, in report order, and says how many were left out', () => {
    const findings = Array.from({ length: 25_002 }, (_, n) => finding(n === 7 || n === 9 ? 'info' : n === 8 ? 'low' : 'high', n));
    const log = sarifLog(reportWith(findings));
    const run = log.runs[0] as unknown as Run;
    expect(run.results).toHaveLength(25_000);
    const kept = new Set(run.results.map((r) => r.message.text));
    // Of the three least severe (7 and 9 info, 8 low), the two info ones go; the low one stays.
    expect(['Finding 7.', 'Finding 8.', 'Finding 9.'].map((m) => kept.has(m))).toEqual([false, true, false]);
    expect(run.results.slice(6, 9).map((r) => r.message.text)).toEqual(['Finding 6.', 'Finding 8.', 'Finding 10.']);
    expect(run.properties.omittedResults).toBe(2);
    expect(run.invocations?.[0]?.toolExecutionNotifications[0]?.message.text).toBe(
      '2 of 25002 findings, the least severe, were left out: GitHub code scanning accepts at most 25000 results per run.',
    );
    expect(githubErrors(log)).toEqual([]);
  });

  it('cuts a path to 1,000 related locations and 10,000 thread-flow steps', () => {
    const flow: FlowStep[] = Array.from({ length: 10_005 }, (_, n) => ({ span: span('account/gaad.json', n + 1), message: `step ${n + 1}` }));
    const log = sarifLog(reportWith([finding('critical', 0, { ruleId: 'privesc-path', category: 'privilege-escalation', flow })]));
    const [result] = (log.runs[0] as unknown as Run).results;
    expect(result?.relatedLocations).toHaveLength(1_000);
    expect(result?.relatedLocations?.at(-1)?.message?.text).toBe('step 1000');
    expect(result?.codeFlows?.[0]?.threadFlows[0]?.locations).toHaveLength(10_000);
    expect(allErrors(log)).toEqual([]);
  });

  it('cuts names and descriptions, and an unregistered rule still gets a descriptor its results point at', () => {
    const [first] = registry;
    if (!first) throw new Error('no rule');
    const { rule, docPath } = first;
    const long: RegisteredRule = {
      rule: { ...rule, id: `x${'-long'.repeat(70)}`, meta: { ...rule.meta, description: 'Very long. '.repeat(200) } },
      doc: `---\ndescription: x\n---\n\n## What it flags\n\n${'word '.repeat(400)}\n`,
      docPath,
    };
    const log = sarifLog(reportWith([finding('medium', 1, { ruleId: 'made-up', category: 'exposure' })]), [long]);
    const run = log.runs[0] as unknown as Run;
    const cut = run.tool.driver.rules.find((r) => r.id === long.rule.id);
    const madeUp = run.tool.driver.rules.find((r) => r.id === 'made-up');
    expect(cut?.name.length).toBe(255);
    expect(cut?.shortDescription.text).toHaveLength(1024);
    expect(cut?.fullDescription.text).toHaveLength(1024);
    expect(cut?.fullDescription.text.endsWith('…')).toBe(true);
    expect(madeUp?.id).toBe('made-up');
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(['made-up', long.rule.id]);
    expect(run.results[0]?.ruleIndex).toBe(0);
    expect(allErrors(log)).toEqual([]);
  });
});

describe('locations', () => {
  it('clamp a region to start at line and column 1 and not end before it starts', () => {
    const odd: Span = { file: 'a.json', line: 0, column: 0, endLine: 0, endColumn: 0, offset: 0, length: 0, path: [] };
    const [result] = (sarifLog(reportWith([finding('high', 1, { span: odd })])).runs[0] as unknown as Run).results;
    expect(result?.locations[0]?.physicalLocation.region).toEqual({ startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 });
  });

  it('percent-encode file names into URI references, still relative to %SRCROOT%', () => {
    const files = ['my policies/admin #1.json', 'a:b.json', '../outside/50%.json', 'ünïcode.json'];
    const log = sarifLog(reportWith(files.map((file, n) => finding('high', n, { span: span(file, 1) }))));
    const uris = (log.runs[0] as unknown as Run).results.map((r) => r.locations[0]?.physicalLocation.artifactLocation);
    expect(uris).toEqual([
      { uri: 'my%20policies/admin%20%231.json', uriBaseId: '%SRCROOT%' },
      { uri: 'a%3Ab.json', uriBaseId: '%SRCROOT%' },
      { uri: '../outside/50%25.json', uriBaseId: '%SRCROOT%' },
      { uri: '%C3%BCn%C3%AFcode.json', uriBaseId: '%SRCROOT%' },
    ]);
    expect(files.map((f) => decodeURIComponent(f.split('/').map(encodeURIComponent).join('/')))).toEqual(files);
    expect(allErrors(log)).toEqual([]);
  });

  it('of a real file with a space in its name: the result points at it', () => {
    const cwd = folder({ 'my policies/admin.json': adminPolicy });
    const report = reportOf(check({ paths: ['.'], cwd, config: emptyConfig(cwd), rules: [ruleById('full-admin')], cliRules: new Map(), now: undefined }));
    const log = parse(formatSarif(report, { color: false }));
    expect(runOf(log).results.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri)).toEqual(['my%20policies/admin.json']);
    expect(allErrors(log)).toEqual([]);
  });
});

describe('the validators', () => {
  /** The examples' SARIF, changed by `edit` on a copy. */
  function edited(edit: (log: { runs: { results: Record<string, unknown>[]; tool: { driver: { rules: Record<string, unknown>[] } } }[] }) => void): unknown {
    const copy = JSON.parse(examplesSarif) as Parameters<typeof edit>[0];
    edit(copy);
    return copy;
  }
  const firstResult = (log: Parameters<Parameters<typeof edited>[0]>[0]): Record<string, unknown> => log.runs[0]?.results[0] ?? {};
  const firstRule = (log: Parameters<Parameters<typeof edited>[0]>[0]): Record<string, unknown> => log.runs[0]?.tool.driver.rules[0] ?? {};

  it('a result with no location: the schema accepts it, GitHub rejects it (and so the validator)', () => {
    const log = edited((l) => {
      firstResult(l).locations = [];
    });
    expect(schemaErrors(log)).toEqual([]);
    expect(githubErrors(log)).toEqual(['/runs/0/results/0/locations: at least one location is required (locationFromSarifResult: expected at least one location)']);
  });

  it('rejects an empty file URI, a line 0, a ruleIndex of another rule, a numeric security-severity, 21 tags and two runs', () => {
    const location = (l: Parameters<Parameters<typeof edited>[0]>[0]): { physicalLocation: PhysicalLocation & { artifactLocation: { uri: string }; region: { startLine: number } } } =>
      (firstResult(l).locations as { physicalLocation: PhysicalLocation & { artifactLocation: { uri: string }; region: { startLine: number } } }[])[0] as never;
    const cases: [string, (l: Parameters<Parameters<typeof edited>[0]>[0]) => void, string][] = [
      ['empty uri', (l) => (location(l).physicalLocation.artifactLocation.uri = ''), '/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri: must be a non-empty string'],
      ['line 0', (l) => (location(l).physicalLocation.region.startLine = 0), '/runs/0/results/0/locations/0/physicalLocation/region/startLine: must be an integer of at least 1'],
      ['ruleIndex', (l) => (firstResult(l).ruleIndex = Number(firstResult(l).ruleIndex) + 1), '/runs/0/results/0/ruleIndex'],
      ['security-severity', (l) => ((firstRule(l).properties as Record<string, unknown>)['security-severity'] = 9.5), '/runs/0/tool/driver/rules/0/properties/security-severity'],
      ['tags', (l) => ((firstRule(l).properties as Record<string, unknown>).tags = Array.from({ length: 21 }, (_, i) => `t${i}`)), '/runs/0/tool/driver/rules/0/properties/tags: has 21 tags, more than 20'],
      ['empty message', (l) => (firstResult(l).message = { text: '' }), '/runs/0/results/0/message/text: must be a non-empty string'],
      ['two runs', (l) => l.runs.push(l.runs[0] as never), '/runs: must hold exactly 1 run'],
    ];
    for (const [name, edit, error] of cases) {
      const errors = githubErrors(edited(edit));
      expect(errors.length, name).toBe(1);
      expect(errors[0], name).toContain(error);
    }
  });

  it('the schema rejects what SARIF forbids: another version, a string line', () => {
    expect(schemaErrors({ ...examplesLog, version: '2.0.0' }).length).toBeGreaterThan(0);
    const log = edited((l) => {
      ((firstResult(l).locations as { physicalLocation: { region: Record<string, unknown> } }[])[0] as { physicalLocation: { region: Record<string, unknown> } }).physicalLocation.region.startLine = '3';
    });
    expect(schemaErrors(log).join('\n')).toContain('/runs/0/results/0/locations/0/physicalLocation/region/startLine: must be integer');
  });

  it('tools/validate-sarif.mjs: exit 0 for valid, 1 with the errors for invalid, 2 for unreadable input', () => {
    const dir = folder({ 'bad.sarif': JSON.stringify({ ...examplesLog, version: '2.0.0' }), 'good.sarif': examplesSarif });
    const run = (...args: string[]) => spawnSync(process.execPath, [join(root, 'tools/validate-sarif.mjs'), ...args], { encoding: 'utf8' });
    expect(run(schemaFile, join(dir, 'good.sarif')).status).toBe(0);
    const bad = run(schemaFile, join(dir, 'bad.sarif'));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('/version: must be equal to one of the allowed values');
    expect(run(schemaFile, join(dir, 'missing.sarif')).status).toBe(2);
    expect(run(schemaFile).status).toBe(2);
  });
});

describe('severities', () => {
  it('map to SARIF levels and security severities as DESIGN.md says', () => {
    const log = sarifLog(reportWith(severities.map((s, n) => finding(s, n))));
    expect((log.runs[0] as unknown as Run).results.map((r) => r.level)).toEqual(['error', 'error', 'warning', 'note', 'note']);
  });
});
