/**
 * The access graph's correctness cases (issue 5, item 5). test/graph/cases/<case>/ is an export folder
 * — GAADs, SCP exports, a manifest, as `iamlint` reads them — and its expected.json says what the
 * queries must answer, exactly (no more, no fewer principals or paths):
 *
 * ```jsonc
 * { "why": "what the case tests, and why this is the answer",
 *   "checks": [
 *     // paths FROM → "admin" | ARN: every path the query returns, in its order (unconditional first);
 *     // `[]` when there must be none. `technique` only on escalates-to steps.
 *     { "query": "paths", "from": "arn:…:user/x", "to": "admin",
 *       "paths": [{ "decision": "allowed", "steps": [{ "from": "…", "to": "…", "kind": "escalates-to", "technique": "…", "status": "unconditional" }] }] },
 *     // who-can ACTION RESOURCE: the exact set of principals (sorted by key), each with its decision.
 *     { "query": "who-can", "action": "sts:AssumeRole", "resource": "arn:…:role/r", "principals": [{ "principal": "…", "decision": "allowed" }] },
 *     // what-can PRINCIPAL: whether it is administrator-equivalent, and optionally the exact principals it reaches.
 *     { "query": "what-can", "principal": "arn:…", "admin": "no", "principals": [{ "principal": "…", "decision": "allowed" }] }
 *   ] }
 * ```
 * Any check may carry its own "why". The graph is built at 2026-01-01 with no trusted accounts; the
 * folder must load without a single input problem (a fixture that AWS could not have written tests nothing).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyConfig } from '../../src/config/load.js';
import { check } from '../../src/engine/check.js';
import { buildGraph } from '../../src/graph/build.js';
import { paths, whatCan, whoCan } from '../../src/graph/queries.js';
import type { EdgeKind, EdgeStatus, Reach } from '../../src/graph/types.js';
import { testNow } from '../helpers/run.js';

type ReachDecision = Reach['decision'];

interface ExpectedStep {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  readonly technique?: string;
  readonly status: EdgeStatus;
}

interface ExpectedPath {
  readonly decision: ReachDecision;
  readonly steps: readonly ExpectedStep[];
}

interface ExpectedPrincipal {
  readonly principal: string;
  readonly decision: ReachDecision;
}

type Check =
  | { readonly query: 'paths'; readonly why?: string; readonly from: string; readonly to: string; readonly paths: readonly ExpectedPath[] }
  | { readonly query: 'who-can'; readonly why?: string; readonly action: string; readonly resource: string; readonly principals: readonly ExpectedPrincipal[] }
  | { readonly query: 'what-can'; readonly why?: string; readonly principal: string; readonly admin: EdgeStatus | 'no'; readonly principals?: readonly ExpectedPrincipal[] };

interface Expected {
  readonly why: string;
  readonly checks: readonly Check[];
}

// --- expected.json is read strictly: a misspelt key must fail the case, not quietly check less ---

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function fail(where: string, detail: string): never {
  throw new Error(`${where}: ${detail}`);
}

function object(value: Json | undefined, where: string, required: readonly string[], optional: readonly string[] = []): Record<string, Json> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(where, 'should be an object');
  for (const key of Object.keys(value)) if (!required.includes(key) && !optional.includes(key)) fail(where, `unknown key "${key}"`);
  for (const key of required) if (!(key in value)) fail(where, `missing "${key}"`);
  return value;
}

function string(value: Json | undefined, where: string): string {
  if (typeof value !== 'string' || value === '') fail(where, 'should be a non-empty string');
  return value;
}

function array(value: Json | undefined, where: string): Json[] {
  if (!Array.isArray(value)) fail(where, 'should be an array');
  return value;
}

function oneOf<T extends string>(value: Json | undefined, where: string, allowed: readonly T[]): T {
  const found = allowed.find((a) => a === value);
  if (found === undefined) fail(where, `should be one of ${allowed.join(', ')}`);
  return found;
}

const decisions = ['allowed', 'conditional'] as const;
const statuses = ['unconditional', 'conditional'] as const;
const edgeKinds = ['member-of', 'can-assume', 'escalates-to', 'can-access'] as const;

function readPrincipals(value: Json | undefined, where: string): ExpectedPrincipal[] {
  return array(value, where).map((item, i) => {
    const o = object(item, `${where}[${i}]`, ['principal', 'decision']);
    return { principal: string(o.principal, `${where}[${i}].principal`), decision: oneOf(o.decision, `${where}[${i}].decision`, decisions) };
  });
}

function readStep(value: Json, where: string): ExpectedStep {
  const o = object(value, where, ['from', 'to', 'kind', 'status'], ['technique']);
  const kind = oneOf(o.kind, `${where}.kind`, edgeKinds);
  const step = { from: string(o.from, `${where}.from`), to: string(o.to, `${where}.to`), kind, status: oneOf(o.status, `${where}.status`, statuses) };
  if (kind === 'escalates-to') return { ...step, technique: string(o.technique, `${where}.technique`) };
  if (o.technique !== undefined) fail(where, 'only escalates-to steps have a technique');
  return step;
}

function readCheck(value: Json, where: string): Check {
  const head = object(value, where, ['query'], ['why', 'from', 'to', 'paths', 'action', 'resource', 'principals', 'principal', 'admin']);
  const why = head.why === undefined ? {} : { why: string(head.why, `${where}.why`) };
  switch (oneOf(head.query, `${where}.query`, ['paths', 'who-can', 'what-can'])) {
    case 'paths': {
      const o = object(value, where, ['query', 'from', 'to', 'paths'], ['why']);
      const expectedPaths = array(o.paths, `${where}.paths`).map((p, i) => {
        const path = object(p, `${where}.paths[${i}]`, ['decision', 'steps']);
        const steps = array(path.steps, `${where}.paths[${i}].steps`).map((s, j) => readStep(s, `${where}.paths[${i}].steps[${j}]`));
        return { decision: oneOf(path.decision, `${where}.paths[${i}].decision`, decisions), steps };
      });
      return { query: 'paths', ...why, from: string(o.from, `${where}.from`), to: string(o.to, `${where}.to`), paths: expectedPaths };
    }
    case 'who-can': {
      const o = object(value, where, ['query', 'action', 'resource', 'principals'], ['why']);
      return { query: 'who-can', ...why, action: string(o.action, `${where}.action`), resource: string(o.resource, `${where}.resource`), principals: readPrincipals(o.principals, `${where}.principals`) };
    }
    case 'what-can': {
      const o = object(value, where, ['query', 'principal', 'admin'], ['why', 'principals']);
      const principals = o.principals === undefined ? {} : { principals: readPrincipals(o.principals, `${where}.principals`) };
      return { query: 'what-can', ...why, principal: string(o.principal, `${where}.principal`), admin: oneOf(o.admin, `${where}.admin`, [...statuses, 'no']), ...principals };
    }
  }
}

function readExpected(file: string): Expected {
  const o = object(JSON.parse(readFileSync(file, 'utf8')) as Json, file, ['why', 'checks']);
  const checks = array(o.checks, `${file}: checks`).map((c, i) => readCheck(c, `${file}: checks[${i}]`));
  if (checks.length === 0) fail(file, 'has no checks');
  return { why: string(o.why, `${file}: why`), checks };
}

// --- the runner ---

const casesDir = join(import.meta.dirname, 'cases');
const caseNames = readdirSync(casesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

/** What a check is called in the test report. */
function title(c: Check): string {
  if (c.query === 'paths') return `paths ${c.from} → ${c.to}`;
  if (c.query === 'who-can') return `who-can ${c.action} ${c.resource}`;
  return `what-can ${c.principal}`;
}

function principalsOf(reaches: readonly Reach[]): ExpectedPrincipal[] {
  return reaches.map((r) => ({ principal: r.principal, decision: r.decision }));
}

function pathsOf(reaches: readonly Reach[]): ExpectedPath[] {
  return reaches.map((r) => ({
    decision: r.decision,
    steps: r.steps.map((s) => ({ from: s.from, to: s.to, kind: s.kind, ...(s.technique === undefined ? {} : { technique: s.technique }), status: s.status })),
  }));
}

it('every case folder has an expected.json', () => {
  expect(caseNames.length).toBeGreaterThan(0);
  expect(caseNames.filter((name) => !existsSync(join(casesDir, name, 'expected.json')))).toEqual([]);
});

for (const name of caseNames) {
  describe(name, () => {
    const dir = join(casesDir, name);
    const expectedFile = join(dir, 'expected.json');
    if (!existsSync(expectedFile)) return;
    const expected = readExpected(expectedFile);
    // expected.json is not an export: check() reads it as an unrecognized file, which is left out here.
    const loaded = () => {
      const config = emptyConfig(dir);
      const result = check({ paths: ['.'], cwd: dir, config, rules: [], cliRules: new Map(), now: testNow });
      const files = result.files.filter((f) => f.path !== 'expected.json');
      return { files, graph: buildGraph(result.inventory, { now: testNow, trust: config.trust }) };
    };
    let memo: ReturnType<typeof loaded> | undefined;
    const load = (): ReturnType<typeof loaded> => (memo ??= loaded());

    it('loads without input problems', () => {
      const { files } = load();
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        expect(file.kind, `iamlint recognizes ${file.path}`).not.toBe('unrecognized');
        expect(file.problems.map((p) => p.detail), `${file.path} loads cleanly`).toEqual([]);
      }
    });

    for (const [i, c] of expected.checks.entries()) {
      it(`${i + 1}. ${title(c)}`, () => {
        const { graph } = load();
        const why = c.why ?? expected.why;
        switch (c.query) {
          case 'paths': {
            const result = paths(graph, c.from, c.to);
            expect(pathsOf(result.paths), why).toEqual(c.paths);
            break;
          }
          case 'who-can': {
            const result = whoCan(graph, c.action, c.resource);
            expect(principalsOf(result.principals), why).toEqual(c.principals);
            break;
          }
          case 'what-can': {
            const result = whatCan(graph, c.principal);
            expect(result.admin, why).toBe(c.admin);
            if (c.principals) expect(principalsOf(result.principals), why).toEqual(c.principals);
            break;
          }
        }
      });
    }
  });
}
