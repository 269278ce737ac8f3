import { existsSync, readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { registry } from '../../rules/index.js';
import type { Config, RuleSetting } from '../../src/config/config.js';
import { emptyConfig, loadConfig } from '../../src/config/load.js';
import { parseBaseline } from '../../src/engine/baseline.js';
import { check, type CheckResult } from '../../src/engine/check.js';
import type { AnyRule } from '../../src/engine/rule.js';

/** The fixed date tests run at, so date-based results never depend on the clock. */
export const testNow = new Date('2026-01-01T00:00:00Z');

export function ruleById(id: string): AnyRule {
  const found = registry.find((r) => r.rule.id === id);
  if (!found) throw new Error(`no rule '${id}'`);
  return found.rule;
}

/**
 * Checks `paths` (relative to `cwd`) with only the named rules available, as if by `iamlint check`.
 * `configPath`, when it exists, is read as an .iamlint.json (rule options, overrides, suppressions);
 * `baselinePath`, when it exists, as `--baseline`.
 */
export function checkWith(ruleIds: readonly string[], paths: readonly string[], cwd: string, configPath?: string, baselinePath?: string): CheckResult {
  const base: Config = configPath && existsSync(configPath) ? loadConfig(configPath, cwd) : emptyConfig(cwd);
  const ids = new Set([...ruleIds, ...base.rules.keys()]);
  // Every rule is known (as with the CLI), only the named ones are on.
  const off = new Map(registry.filter((r) => !ids.has(r.rule.id)).map((r): [string, RuleSetting] => [r.rule.id, { level: 'off', options: undefined, span: undefined }]));
  const baseline = baselinePath && existsSync(baselinePath) ? parseBaseline(relative(cwd, baselinePath).split(sep).join('/'), readFileSync(baselinePath, 'utf8')) : undefined;
  return check({ paths, cwd, config: { ...base, extends: 'all' }, rules: registry.map((r) => r.rule), cliRules: off, now: testNow, baseline });
}
