import { resolve } from 'node:path';
import { registry } from '../../rules/index.js';
import type { Config } from '../config/config.js';
import { emptyConfig, findConfig, loadConfig } from '../config/load.js';
import type { CheckOptions } from '../engine/check.js';
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
  return { paths: inputs.paths.length === 0 ? ['.'] : inputs.paths, cwd: inputs.cwd, config, rules: registry.map((r) => r.rule), cliRules, now };
}
