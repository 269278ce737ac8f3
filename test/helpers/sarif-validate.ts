import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
// @ts-expect-error the validator is plain JavaScript (the same one CI runs on the examples' SARIF)
import { sarifValidator } from '../../tools/validate-sarif.mjs';

// The two checks a SARIF file of iamlint must pass (reference: github.md §1):
// - the SARIF 2.1.0 JSON schema (draft-04), from an npm package, with ajv-draft-04 + ajv-formats;
// - what GitHub code scanning requires on upload that the schema does not say: one run, every result
//   located in a file at a line, the limits on results, rules, locations and tags, `ruleIndex`
//   agreeing with `ruleId`, `security-severity` a number in a string, and no empty required string.

/**
 * The schema @microsoft/jest-sarif ships (OASIS 2.1.0-rtm.5, draft-04, MIT). No npm package ships the
 * errata01 text itself; rtm.5 differs from it only in descriptions, in enums without `type: string`,
 * in a `language` pattern (errata01 fixed its regular expression), in `region` not requiring one of
 * `startLine`/`charOffset`/`byteOffset` (githubErrors requires `startLine`) and in `runs` being
 * nullable. CI also validates the examples' SARIF against errata01 (.ci/run).
 */
const schemaPath = createRequire(import.meta.url).resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

let validateSchema: ((document: unknown) => string[]) | undefined;

/** The errors of `document` against the SARIF 2.1.0 schema, `instancePath: message`; empty when valid. */
export function schemaErrors(document: unknown): string[] {
  validateSchema ??= (sarifValidator as (schema: unknown) => (document: unknown) => string[])(JSON.parse(readFileSync(schemaPath, 'utf8')));
  return validateSchema(document);
}

export const schemaFile = schemaPath;

/** GitHub's limits (github.md §1.2). */
export const githubLimits = {
  runs: 1,
  results: 25_000,
  rules: 25_000,
  locationsPerResult: 1_000,
  threadFlowLocations: 10_000,
  tags: 20,
  name: 255,
  description: 1_024,
} as const;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function array(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? (value as unknown[]) : undefined;
}

function at(value: unknown, ...path: readonly (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof key === 'number') current = array(current)?.[key];
    else current = isObject(current) ? current[key] : undefined;
  }
  return current;
}

/** Collects the errors of one document. */
class Checker {
  readonly errors: string[] = [];

  error(path: string, message: string): void {
    this.errors.push(`${path}: ${message}`);
  }

  /** A required string: present and not empty (GitHub does not support the empty string there). */
  text(value: unknown, path: string, max?: number): void {
    if (typeof value !== 'string' || value === '') this.error(path, 'must be a non-empty string');
    else if (max !== undefined && value.length > max) this.error(path, `is ${value.length} characters, more than ${max}`);
  }

  /** A physical location GitHub can show: a file URI and, when there is a region, a start line of at least 1. */
  location(location: unknown, path: string, regionRequired: boolean): void {
    const physical = at(location, 'physicalLocation');
    if (!isObject(physical)) {
      this.error(`${path}/physicalLocation`, 'a physical location is required');
      return;
    }
    this.text(at(physical, 'artifactLocation', 'uri'), `${path}/physicalLocation/artifactLocation/uri`);
    const region = physical.region;
    if (region === undefined && !regionRequired) return;
    const startLine = at(region, 'startLine');
    if (typeof startLine !== 'number' || !Number.isInteger(startLine) || startLine < 1) this.error(`${path}/physicalLocation/region/startLine`, 'must be an integer of at least 1');
  }

  rule(rule: unknown, path: string): void {
    this.text(at(rule, 'id'), `${path}/id`);
    const name = at(rule, 'name');
    if (name !== undefined) this.text(name, `${path}/name`, githubLimits.name);
    this.text(at(rule, 'shortDescription', 'text'), `${path}/shortDescription/text`, githubLimits.description);
    this.text(at(rule, 'fullDescription', 'text'), `${path}/fullDescription/text`, githubLimits.description);
    this.text(at(rule, 'help', 'text'), `${path}/help/text`);
    const tags = at(rule, 'properties', 'tags');
    if (tags !== undefined) {
      const list = array(tags);
      if (!list || list.some((t) => typeof t !== 'string' || t === '')) this.error(`${path}/properties/tags`, 'must be an array of non-empty strings');
      else if (list.length > githubLimits.tags) this.error(`${path}/properties/tags`, `has ${list.length} tags, more than ${githubLimits.tags}`);
    }
    const severity = at(rule, 'properties', 'security-severity');
    if (severity !== undefined) {
      const valid = typeof severity === 'string' && /^\d+(\.\d+)?$/.test(severity) && Number(severity) >= 0.1 && Number(severity) <= 10;
      if (!valid) this.error(`${path}/properties/security-severity`, `must be a number from 0.1 to 10.0 written as a string, not ${JSON.stringify(severity)}`);
    }
  }

  result(result: unknown, path: string, ruleIds: readonly string[]): void {
    const ruleId = at(result, 'ruleId');
    this.text(ruleId, `${path}/ruleId`);
    const ruleIndex = at(result, 'ruleIndex');
    if (ruleIndex !== undefined && (typeof ruleIndex !== 'number' || ruleIds[ruleIndex] !== ruleId)) {
      this.error(`${path}/ruleIndex`, `${JSON.stringify(ruleIndex)} is rule ${JSON.stringify(typeof ruleIndex === 'number' ? ruleIds[ruleIndex] : undefined)}, not ${JSON.stringify(ruleId)}`);
    }
    if (ruleIndex === undefined && typeof ruleId === 'string' && !ruleIds.includes(ruleId)) this.error(`${path}/ruleId`, `no rule ${JSON.stringify(ruleId)} in the rules table`);
    this.text(at(result, 'message', 'text'), `${path}/message/text`);
    const locations = array(at(result, 'locations'));
    if (!locations || locations.length === 0) this.error(`${path}/locations`, 'at least one location is required (locationFromSarifResult: expected at least one location)');
    else if (locations.length > githubLimits.locationsPerResult) this.error(`${path}/locations`, `has ${locations.length} locations, more than ${githubLimits.locationsPerResult}`);
    locations?.forEach((location, i) => {
      this.location(location, `${path}/locations/${i}`, i === 0);
    });
    const related = array(at(result, 'relatedLocations')) ?? [];
    if (related.length > githubLimits.locationsPerResult) this.error(`${path}/relatedLocations`, `has ${related.length} locations, more than ${githubLimits.locationsPerResult}`);
    related.forEach((location, i) => {
      this.location(location, `${path}/relatedLocations/${i}`, false);
    });
    array(at(result, 'codeFlows'))?.forEach((flow, f) => {
      array(at(flow, 'threadFlows'))?.forEach((thread, t) => {
        const steps = array(at(thread, 'locations')) ?? [];
        const where = `${path}/codeFlows/${f}/threadFlows/${t}/locations`;
        if (steps.length > githubLimits.threadFlowLocations) this.error(where, `has ${steps.length} thread-flow locations, more than ${githubLimits.threadFlowLocations}`);
        steps.forEach((step, i) => {
          this.location(at(step, 'location'), `${where}/${i}/location`, false);
        });
      });
    });
  }

  log(log: unknown): void {
    if (at(log, 'version') !== '2.1.0') this.error('/version', 'must be "2.1.0"');
    const runs = array(at(log, 'runs'));
    if (runs?.length !== githubLimits.runs) {
      this.error('/runs', `must hold exactly ${githubLimits.runs} run (GitHub no longer combines runs of one tool)`);
      return;
    }
    const run = runs[0];
    this.text(at(run, 'tool', 'driver', 'name'), '/runs/0/tool/driver/name');
    const rules = array(at(run, 'tool', 'driver', 'rules')) ?? [];
    if (rules.length > githubLimits.rules) this.error('/runs/0/tool/driver/rules', `has ${rules.length} rules, more than ${githubLimits.rules}`);
    rules.forEach((rule, i) => {
      this.rule(rule, `/runs/0/tool/driver/rules/${i}`);
    });
    const ruleIds = rules.map((rule) => at(rule, 'id')).map((id) => (typeof id === 'string' ? id : ''));
    if (new Set(ruleIds).size !== ruleIds.length) this.error('/runs/0/tool/driver/rules', 'rule ids must be unique');
    const results = array(at(run, 'results'));
    if (!results) {
      this.error('/runs/0/results', 'is required');
      return;
    }
    if (results.length > githubLimits.results) this.error('/runs/0/results', `has ${results.length} results, more than ${githubLimits.results}`);
    results.forEach((result, i) => {
      this.result(result, `/runs/0/results/${i}`, ruleIds);
    });
  }
}

/** What GitHub code scanning would reject in `document` that the schema accepts; empty when it would take it. */
export function githubErrors(document: unknown): string[] {
  const checker = new Checker();
  checker.log(document);
  return checker.errors;
}
