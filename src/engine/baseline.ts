import { ConfigError } from '../config/config.js';
import { SourceFile } from '../model/source.js';
import { formatJsonPath, type Span } from '../model/span.js';
import { parseJson, propertyValue, type JsonNode } from '../sources/json.js';
import { compareFindings, type Finding } from './finding.js';

/**
 * Baselines: the findings a team has accepted for now, so that `check --baseline FILE` reports only
 * new ones. The file is written by `iamlint baseline` and read back here; entries match findings by
 * fingerprint, which does not change when a finding moves to another line.
 */

export const baselineVersion = 1;

/** Where `iamlint baseline` writes without `-o`. */
export const defaultBaselineFile = 'iamlint-baseline.json';

export interface BaselineEntry {
  readonly ruleId: string;
  /** The finding's file, relative to the working directory the baseline was written from. */
  readonly file: string;
  /** As written, with the `:2`, `:3` … that tell identical findings apart. */
  readonly fingerprint: string;
  /** The entry's object in the baseline file: where a stale entry is reported. */
  readonly span: Span;
}

export interface Baseline {
  /** The baseline file's display path. */
  readonly path: string;
  /** In the order of the file. */
  readonly entries: readonly BaselineEntry[];
}

/**
 * The baseline file of `findings`: versioned, with keys in a fixed order, sorted as the report is,
 * and without line numbers or dates, so that rewriting it after lines merely moved changes nothing
 * and a review shows exactly the findings accepted or fixed. `jsonPath` is there for people: it is
 * part of the fingerprint, so it changes only when the fingerprint does.
 */
export function formatBaseline(findings: readonly Finding[]): string {
  const entries = [...findings].sort(compareFindings).map((f) => ({
    ruleId: f.ruleId,
    file: f.span.file,
    jsonPath: formatJsonPath(f.span.path),
    ...(f.subject === undefined ? {} : { subject: f.subject }),
    message: f.message,
    fingerprint: f.fingerprint,
  }));
  return `${JSON.stringify({ version: baselineVersion, tool: 'iamlint', findings: entries }, null, 2)}\n`;
}

/**
 * Reads a baseline file's text. Anything but a baseline of this version is a ConfigError naming
 * the place: a check against a baseline it cannot read would report every accepted finding anew.
 * Of each entry only `ruleId`, `file` and `fingerprint` are read; `jsonPath`, `subject` and
 * `message` are for people, and other keys are let be.
 */
export function parseBaseline(path: string, text: string): Baseline {
  const source = new SourceFile(path, text);
  const at = (node: { readonly offset: number }): string => {
    const position = source.position(node.offset);
    return `${path}:${position.line}:${position.column}`;
  };
  const parsed = parseJson(text, false);
  const problem = parsed.problems[0];
  if (problem) throw new ConfigError(`${at(problem)}: ${problem.message}; the baseline is not valid JSON (rewrite it with iamlint baseline)`);
  const root = parsed.root;
  // propertyValue is undefined for anything but an object.
  const version = root && propertyValue(root, 'version');
  const tool = root && propertyValue(root, 'tool');
  const findings = root && propertyValue(root, 'findings');
  if (version === undefined || tool?.type !== 'string' || tool.value !== 'iamlint' || findings?.type !== 'array') {
    throw new ConfigError(`${path}: not an iamlint baseline: expected {"version": ${baselineVersion}, "tool": "iamlint", "findings": [...]}, as iamlint baseline writes`);
  }
  if (version.type !== 'number' || version.value !== baselineVersion) {
    throw new ConfigError(`${at(version)}: baseline version ${text.slice(version.offset, version.offset + version.length)} is not supported: this iamlint reads version ${baselineVersion} (rewrite it with iamlint baseline)`);
  }
  return { path, entries: findings.items.map((node, index) => readEntry(node, index, source, at)) };
}

function readEntry(node: JsonNode, index: number, source: SourceFile, at: (node: JsonNode) => string): BaselineEntry {
  const name = `findings[${index}]`;
  if (node.type !== 'object') throw new ConfigError(`${at(node)}: ${name} must be an object`);
  const required = (key: string): string => {
    const value = propertyValue(node, key);
    if (value === undefined) throw new ConfigError(`${at(node)}: ${name} has no "${key}"`);
    if (value.type !== 'string' || value.value === '') throw new ConfigError(`${at(value)}: ${name}.${key} must be a non-empty string`);
    return value.value;
  };
  return {
    ruleId: required('ruleId'),
    file: required('file'),
    fingerprint: required('fingerprint'),
    span: source.span(node.offset, node.length, ['findings', index]),
  };
}

/** The fingerprint without the `:2`, `:3` … of repeats: identical findings share it. */
function baseFingerprint(fingerprint: string): string {
  return fingerprint.replace(/:\d+$/, '');
}

export interface BaselineResult {
  /** Findings the baseline does not hold: the ones to report. */
  readonly kept: Finding[];
  /** Findings the baseline holds: counted as suppressed. */
  readonly baselined: Finding[];
  /** Entries that matched no finding, where that can be judged, in the order of the file. */
  readonly stale: BaselineEntry[];
}

/**
 * Matches findings against the baseline by fingerprint, as a multiset: an entry accepts one
 * finding, so two identical entries accept at most two identical findings and a third is new.
 * `judged` says whether an entry that matched nothing is stale — not when its file was not checked
 * on this run, or its rule did not run there: those findings could not have been seen.
 */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline, judged: (entry: BaselineEntry) => boolean): BaselineResult {
  const open = new Map<string, BaselineEntry[]>();
  for (const entry of baseline.entries) {
    const key = baseFingerprint(entry.fingerprint);
    const list = open.get(key);
    if (list) list.push(entry);
    else open.set(key, [entry]);
  }
  const matched = new Set<BaselineEntry>();
  const kept: Finding[] = [];
  const baselined: Finding[] = [];
  // In report order, so which of several identical findings is the new one does not depend on rule order.
  for (const finding of [...findings].sort(compareFindings)) {
    const entry = open.get(baseFingerprint(finding.fingerprint))?.shift();
    if (entry) {
      matched.add(entry);
      baselined.push(finding);
    } else kept.push(finding);
  }
  const stale = baseline.entries.filter((entry) => !matched.has(entry) && judged(entry));
  return { kept, baselined, stale };
}
