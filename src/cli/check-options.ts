import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { registry } from '../../rules/index.js';
import { ConfigError, type Config } from '../config/config.js';
import { emptyConfig, findConfig, loadConfig } from '../config/load.js';
import { parseBaseline, type Baseline } from '../engine/baseline.js';
import type { CheckOptions } from '../engine/check.js';
import { decode } from '../sources/decode.js';
import { displayPath } from '../sources/discover.js';
import { parseAccounts, parseDate, parseRuleFlags } from './options.js';

/** What `iamlint check` was asked: paths, and the flags that decide the settings. */
export interface CheckInputs {
  readonly cwd: string;
  readonly paths: readonly string[];
  readonly config: string | undefined;
  readonly rules: readonly string[];
  readonly trustedAccounts: readonly string[];
  /** `--now`; when absent, the config's `now`, else each account's credential report's `GeneratedTime`, else the clock. */
  readonly now: string | undefined;
  /** `--baseline FILE`: report only findings it does not hold. */
  readonly baseline?: string | undefined;
}

function readConfig(inputs: CheckInputs): Config {
  const path = inputs.config === undefined ? findConfig(inputs.cwd) : resolve(inputs.cwd, inputs.config);
  return path === undefined ? emptyConfig(inputs.cwd) : loadConfig(path, inputs.cwd);
}

/** Loads the config and reads the flags. Throws ConfigError for anything invalid. */
export function checkOptions(inputs: CheckInputs): CheckOptions {
  const cliRules = parseRuleFlags(inputs.rules);
  const loaded = readConfig(inputs);
  const config: Config = { ...loaded, trust: { ...loaded.trust, accounts: [...loaded.trust.accounts, ...parseAccounts(inputs.trustedAccounts)] } };
  const now = inputs.now !== undefined ? parseDate(inputs.now, '--now') : config.now !== undefined ? parseDate(config.now, 'config now') : undefined;
  const baseline = inputs.baseline === undefined ? undefined : readBaseline(inputs.cwd, inputs.baseline);
  return { paths: inputs.paths.length === 0 ? ['.'] : inputs.paths, cwd: inputs.cwd, config, rules: registry.map((r) => r.rule), cliRules, now, baseline };
}

/** Reads `--baseline FILE`. A baseline that is missing or unreadable is a ConfigError, as a config file would be. */
export function readBaseline(cwd: string, file: string): Baseline {
  const absolutePath = resolve(cwd, file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(absolutePath);
  } catch (error) {
    throw new ConfigError(`cannot read the baseline ${file}: ${(error as Error).message}`);
  }
  const path = displayPath(cwd, absolutePath);
  const decoded = decode(bytes);
  if (!decoded.ok) throw new ConfigError(`${path}: ${decoded.detail}`);
  return parseBaseline(path, decoded.text);
}
