import type { Level, RuleSetting } from '../config/config.js';
import { ConfigError } from '../config/config.js';
import { parseIsoDate } from '../config/dates.js';
import { isSeverity, type FailOn } from '../engine/severity.js';

/** commander collector for repeatable options. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export interface OutputTarget {
  readonly format: string;
  /** undefined: standard output (or --output). */
  readonly file: string | undefined;
}

/** `--format json`, `--format sarif=out.sarif`: where each format goes. */
export function parseFormats(values: readonly string[], known: readonly string[], output: string | undefined): OutputTarget[] {
  const targets = (values.length === 0 ? ['stylish'] : values).map((value): OutputTarget => {
    const eq = value.indexOf('=');
    const format = eq < 0 ? value : value.slice(0, eq);
    const file = eq < 0 ? output : value.slice(eq + 1);
    if (!known.includes(format)) throw new ConfigError(`unknown format '${format}'; available: ${known.join(', ')}`);
    if (file === '') throw new ConfigError(`--format ${format}= needs a file name after '='`);
    return { format, file };
  });
  const toStdout = targets.filter((t) => t.file === undefined);
  if (toStdout.length > 1) throw new ConfigError('only one format can go to standard output; give the others a file (--format json=report.json)');
  return targets;
}

const levels: readonly string[] = ['critical', 'high', 'medium', 'low', 'info', 'off'];

/** `--rule full-admin=off` → a rule setting with no config span. */
export function parseRuleFlags(values: readonly string[]): Map<string, RuleSetting> {
  const settings = new Map<string, RuleSetting>();
  for (const value of values) {
    const eq = value.indexOf('=');
    const id = value.slice(0, eq).trim();
    const level = value.slice(eq + 1).trim();
    if (eq < 1 || !levels.includes(level)) throw new ConfigError(`--rule takes ID=LEVEL with LEVEL one of ${levels.join(', ')}; got '${value}'`);
    settings.set(id, { level: level as Level, options: undefined, span: undefined });
  }
  return settings;
}

export function parseFailOn(value: string): FailOn {
  if (value === 'none' || isSeverity(value)) return value;
  throw new ConfigError(`--fail-on takes critical, high, medium, low, info or none; got '${value}'`);
}

export function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) throw new ConfigError(`--max-warnings takes a whole number; got '${value}'`);
  const n = Number(value);
  return n < 0 ? undefined : n;
}

/** An ISO 8601 date for `--now` / config `now`. */
export function parseDate(value: string, origin: string): Date {
  const date = parseIsoDate(value);
  if (!date) throw new ConfigError(`${origin} takes an ISO 8601 date such as 2026-01-31 or 2026-01-31T12:00:00Z; got '${value}'`);
  return date;
}

export function parseAccounts(values: readonly string[]): string[] {
  for (const value of values) if (!/^\d{12}$/.test(value)) throw new ConfigError(`--trusted-account takes a 12-digit AWS account id; got '${value}'`);
  return [...values];
}
