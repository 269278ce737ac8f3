import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registry } from '../../rules/index.js';
import { ConfigError } from '../../src/config/config.js';
import { parseIsoDate } from '../../src/config/dates.js';
import { findConfig, loadConfig } from '../../src/config/load.js';
import { planRules } from '../../src/engine/configure.js';
import { tempTree } from '../helpers/tmp.js';

const rules = registry.map((r) => r.rule);

function configError(text: string): string {
  const root = tempTree({ '.iamlint.json': text });
  try {
    const config = loadConfig(join(root, '.iamlint.json'), root);
    planRules(rules, config, new Map());
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  return 'no error';
}

describe('config', () => {
  it('reads JSONC with comments and trailing commas', () => {
    const root = tempTree({
      '.iamlint.json': '{\n  // ours\n  "extends": "all",\n  "rules": {"full-admin": "high", "allow-not-action": "off",},\n  "trust": {"accounts": ["111122223333"]},\n  "now": "2026-01-31",\n}',
    });
    const config = loadConfig(join(root, '.iamlint.json'), root);
    expect(config.extends).toBe('all');
    expect(config.rules.get('full-admin')?.level).toBe('high');
    expect(config.trust.accounts).toEqual(['111122223333']);
    expect(config.now).toBe('2026-01-31');
  });

  it('is found in the working directory or an ancestor', () => {
    const root = tempTree({ '.iamlint.json': '{}', 'a/b/p.json': '{}' });
    expect(findConfig(join(root, 'a', 'b'))).toBe(join(root, '.iamlint.json'));
  });

  it('names the file, line and column of schema errors', () => {
    expect(configError('{\n  "rules": {\n    "full-admin": "severe"\n  }\n}')).toMatch(/\.iamlint\.json:3:5: rules\.full-admin: /);
    expect(configError('{\n  "extend": "all"\n}')).toMatch(/\.iamlint\.json:2:3: config: unknown property 'extend'/);
    expect(configError('{"suppress": [{"rule": "full-admin", "file": "a.json"}]}')).toMatch(/suppress\[0\]: missing required property 'reason'/);
    expect(configError('{"trust": {"accounts": ["123"]}}')).toMatch(/trust\.accounts\[0\]: must match pattern/);
  });

  it('rejects invalid JSON with its position, in words', () => {
    expect(configError('{\n  "rules": {,}\n}')).toMatch(/\.iamlint\.json:2:\d+: invalid JSON in config file \(expected a value\)/);
  });

  it('explains a malformed rule setting by its shape', () => {
    expect(configError('{"rules": {"full-admin": ["high", {}, 3]}}')).toMatch(/rules\.full-admin: must NOT have more than 2 items/);
  });

  it('accepts only calendar dates', () => {
    expect(parseIsoDate('2026-02-28')?.toISOString()).toBe('2026-02-28T00:00:00.000Z');
    expect(parseIsoDate('2024-02-29T12:30:00Z')?.toISOString()).toBe('2024-02-29T12:30:00.000Z');
    expect(parseIsoDate('2026-02-30')).toBeUndefined();
    expect(parseIsoDate('2026-13-01')).toBeUndefined();
    expect(parseIsoDate('2026-01-01T24:00:00Z')).toBeUndefined();
    expect(parseIsoDate('yesterday')).toBeUndefined();
  });

  it('rejects unknown rule ids with a suggestion, and options for rules that take none', () => {
    expect(configError('{\n  "rules": {"full-admn": "off"}\n}')).toMatch(/\.iamlint\.json:2:13: unknown rule 'full-admn'; did you mean 'full-admin'\?/);
    expect(configError('{"rules": {"full-admin": ["high", {"x": 1}]}}')).toMatch(/rule 'full-admin' takes no options/);
    expect(configError('{"now": "2026-13-45"}')).toMatch(/now: '2026-13-45' is not a valid date/);
  });

  it('resolves the preset, config rules, overrides and command-line rules in that order', () => {
    const root = tempTree({
      '.iamlint.json': JSON.stringify({
        rules: { 'full-admin': 'high', 'duplicate-sid': 'off' },
        overrides: [{ files: ['legacy/**'], rules: { 'full-admin': 'off', 'duplicate-sid': 'low' } }],
      }),
    });
    const config = loadConfig(join(root, '.iamlint.json'), root);
    const plan = planRules(rules, config, new Map([['policy-version', { level: 'info', options: undefined, span: undefined }]]));
    const levels = (path: string) => Object.fromEntries(plan.forPath(path).map((a) => [a.rule.id, a.severity]));
    expect(levels('p.json')).toMatchObject({ 'full-admin': 'high', 'policy-version': 'info' });
    expect(levels('p.json')['duplicate-sid']).toBeUndefined();
    expect(levels('legacy/p.json')).toMatchObject({ 'duplicate-sid': 'low' });
    expect(levels('legacy/p.json')['full-admin']).toBeUndefined();
    expect(plan.everActive.has('duplicate-sid')).toBe(true);
  });
});
