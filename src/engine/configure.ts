import { Ajv } from 'ajv';
import { compileGlobs } from '../config/glob.js';
import { ConfigError, type Config, type RuleSetting } from '../config/config.js';
import type { ActiveRule } from './runner.js';
import type { AnyRule } from './rule.js';
import { nearest } from '../iam/suggest.js';

/** Decides, per file, which rules run with which severity and options. */
export interface RulePlan {
  /** Rules for a file given by its path relative to the config's folder (any path when there are no overrides). */
  forPath(relativePath: string): readonly ActiveRule[];
  /** Every rule that is on for at least one file. */
  readonly everActive: ReadonlySet<string>;
}

const ajv = new Ajv({ allErrors: true, strict: false });

function where(setting: RuleSetting, config: Config): string {
  if (!setting.span || !config.source) return 'command line';
  return `${config.source.path}:${setting.span.line}:${setting.span.column}`;
}

function checkIds(settings: ReadonlyMap<string, RuleSetting>, byId: ReadonlyMap<string, AnyRule>, config: Config): void {
  for (const [id, setting] of settings) {
    if (byId.has(id)) continue;
    const suggestion = nearest(id, [...byId.keys()]);
    throw new ConfigError(`${where(setting, config)}: unknown rule '${id}'${suggestion ? `; did you mean '${suggestion}'?` : ''}`);
  }
}

function activate(rule: AnyRule, setting: RuleSetting | undefined, config: Config): ActiveRule | undefined {
  if (setting?.level === 'off') return undefined;
  const options = { ...(rule.defaultOptions ?? {}), ...(setting?.options ?? {}) };
  if (setting?.options && rule.meta.optionsSchema) {
    const validate = ajv.compile(rule.meta.optionsSchema);
    if (!validate(options)) {
      const detail = (validate.errors ?? []).map((e) => `${e.instancePath || 'options'} ${e.message ?? ''}`).join('; ');
      throw new ConfigError(`${where(setting, config)}: invalid options for rule '${rule.id}': ${detail}`);
    }
  } else if (setting?.options && Object.keys(setting.options).length > 0) {
    throw new ConfigError(`${where(setting, config)}: rule '${rule.id}' takes no options`);
  }
  return { rule, severity: setting?.level ?? rule.meta.severity, severityConfigured: setting !== undefined, options };
}

/**
 * Resolves the preset, the config's `rules`, its `overrides` and the command line's `--rule`
 * (in that order, later wins) into a plan. Unknown rule ids and invalid options are ConfigErrors.
 */
export function planRules(rules: readonly AnyRule[], config: Config, cliRules: ReadonlyMap<string, RuleSetting>): RulePlan {
  const byId = new Map(rules.map((r) => [r.id, r]));
  checkIds(config.rules, byId, config);
  for (const override of config.overrides) checkIds(override.rules, byId, config);
  checkIds(cliRules, byId, config);
  for (const entry of config.suppress) {
    if (byId.has(entry.rule)) continue;
    const suggestion = nearest(entry.rule, [...byId.keys()]);
    const at = config.source ? `${config.source.path}:${entry.span.line}:${entry.span.column}` : 'config';
    throw new ConfigError(`${at}: suppress entry names unknown rule '${entry.rule}'${suggestion ? `; did you mean '${suggestion}'?` : ''}`);
  }

  const resolve = (layers: readonly ReadonlyMap<string, RuleSetting>[]): readonly ActiveRule[] => {
    const active: ActiveRule[] = [];
    for (const rule of rules) {
      let setting: RuleSetting | undefined;
      for (const layer of layers) {
        const next = layer.get(rule.id);
        // `--rule id=high` keeps the options given in the config.
        if (next) setting = { ...next, options: next.options ?? setting?.options };
      }
      const inPreset = config.extends === 'all' || rule.meta.recommended;
      if (!setting && !inPreset) continue;
      const entry = activate(rule, setting, config);
      if (entry) active.push(entry);
    }
    return active;
  };

  const matchers = config.overrides.map((o) => compileGlobs(o.files));
  const plans = new Map<string, readonly ActiveRule[]>();
  const planFor = (indices: number[]): readonly ActiveRule[] => {
    const key = indices.join(',');
    let plan = plans.get(key);
    if (!plan) {
      plan = resolve([config.rules, ...indices.map((i) => config.overrides[i]?.rules ?? new Map<string, RuleSetting>()), cliRules]);
      plans.set(key, plan);
    }
    return plan;
  };

  const everActive = new Set<string>(planFor([]).map((a) => a.rule.id));
  config.overrides.forEach((_, i) => {
    for (const a of planFor([i])) everActive.add(a.rule.id);
  });

  return {
    forPath(relativePath) {
      if (matchers.length === 0) return planFor([]);
      const indices: number[] = [];
      matchers.forEach((match, i) => {
        if (match(relativePath)) indices.push(i);
      });
      return planFor(indices);
    },
    everActive,
  };
}
