import { ConfigError } from '../config/config.js';
import { isSeverity, type FailOn } from '../engine/severity.js';
import { filterModes, type FilterMode } from './filter.js';

/** The Action's inputs (action.yml), read and checked. */
export interface ActionInputs {
  /** Files and folders to check, relative to the workspace. */
  readonly paths: readonly string[];
  /** The config file; undefined: `.iamlint.json` in the workspace or a parent folder. */
  readonly config: string | undefined;
  readonly failOn: FailOn;
  /** Where the SARIF report is written, relative to the workspace. */
  readonly sarifFile: string;
  /** A baseline file written by `iamlint baseline`. */
  readonly baseline: string | undefined;
  readonly trustedAccounts: readonly string[];
  readonly filterMode: FilterMode;
}

/** What the inputs are when the workflow leaves them out: the same defaults as action.yml. */
export const inputDefaults = {
  paths: '.',
  'fail-on': 'low',
  'sarif-file': 'iamlint.sarif',
  'filter-mode': 'added',
} as const;

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * An input's value as the runner passes it: `INPUT_` and the name uppercased with spaces turned
 * into `_` and hyphens kept (`fail-on` → `INPUT_FAIL-ON`), trimmed, as @actions/core's getInput
 * reads it. Empty and absent are the same: the runner sets every declared input, empty when the
 * workflow gives none and action.yml has no default.
 */
export function readInput(env: Env, name: string): string | undefined {
  const value = env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** Items separated by white space (newlines included), as a YAML block scalar lists them. */
function words(value: string): string[] {
  return value.split(/\s+/).filter((word) => word !== '');
}

function parseFailOn(value: string): FailOn {
  if (value === 'none' || isSeverity(value)) return value;
  throw new ConfigError(`input fail-on takes critical, high, medium, low, info or none; got '${value}'`);
}

function parseFilterMode(value: string): FilterMode {
  const mode = filterModes.find((m) => m === value);
  if (mode === undefined) throw new ConfigError(`input filter-mode takes ${filterModes.join(', ')}; got '${value}'`);
  return mode;
}

/** Account ids separated by commas, spaces or newlines. */
function parseTrustedAccounts(value: string | undefined): string[] {
  const ids = value === undefined ? [] : value.split(/[\s,]+/).filter((id) => id !== '');
  const bad = ids.find((id) => !/^\d{12}$/.test(id));
  if (bad !== undefined) throw new ConfigError(`input trusted-accounts takes 12-digit AWS account ids separated by commas, spaces or newlines; got '${bad}'`);
  return ids;
}

/** Reads and checks the inputs. Throws ConfigError, naming the input, for a value it cannot use. */
export function readInputs(env: Env): ActionInputs {
  const input = (name: string): string | undefined => readInput(env, name);
  return {
    paths: words(input('paths') ?? inputDefaults.paths),
    config: input('config'),
    failOn: parseFailOn(input('fail-on') ?? inputDefaults['fail-on']),
    sarifFile: input('sarif-file') ?? inputDefaults['sarif-file'],
    baseline: input('baseline'),
    trustedAccounts: parseTrustedAccounts(input('trusted-accounts')),
    filterMode: parseFilterMode(input('filter-mode') ?? inputDefaults['filter-mode']),
  };
}
