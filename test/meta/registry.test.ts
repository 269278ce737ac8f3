import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registry } from '../../rules/index.js';
import { categories } from '../../src/engine/rule.js';
// @ts-expect-error the generator is plain JavaScript
import { renderIndex } from '../../tools/gen-rule-index.mjs';

const repo = join(import.meta.dirname, '..', '..');

describe('the rule registry', () => {
  it('is up to date with the rule files (run `npm run gen` if not)', () => {
    expect(readFileSync(join(repo, 'rules', 'index.ts'), 'utf8')).toBe((renderIndex as () => string)());
  });

  it.each(registry.map((r) => [r.rule.id, r] as const))('%s: id, file, category and messages are consistent', (id, { rule, docPath }) => {
    expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
    expect(docPath).toBe(`rules/${rule.meta.category}/${id}.md`);
    expect(existsSync(join(repo, 'rules', rule.meta.category, `${id}.ts`))).toBe(true);
    expect(categories).toContain(rule.meta.category);
    expect(rule.meta.description).toMatch(/^[A-Za-z].*\.$/);
    expect(Object.keys(rule.messages).length).toBeGreaterThan(0);
    for (const [messageId, text] of Object.entries(rule.messages)) {
      expect(messageId).toMatch(/^[a-z][a-zA-Z0-9]*$/);
      expect(text, `${messageId} reads as a sentence`).toMatch(/^[A-Z"'{].*[.?}]$/);
    }
  });

  it('has unique ids', () => {
    const ids = registry.map((r) => r.rule.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('rule tests', () => {
  const testRoot = join(repo, 'test', 'rules');
  const ids = new Set(registry.map((r) => r.rule.id));

  it.each([...ids])('%s has valid and invalid fixtures', (id) => {
    for (const kind of ['valid', 'invalid']) {
      const dir = join(testRoot, id, kind);
      expect(existsSync(dir) && readdirSync(dir).some((name) => !name.endsWith('.snap') && !name.endsWith('.config.json')), `${id}/${kind}`).toBe(true);
    }
  });

  it('has no folder for a rule that does not exist', () => {
    const dirs = readdirSync(testRoot, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(dirs.filter((d) => !ids.has(d))).toEqual([]);
  });

  it('has no obsolete snapshot or sidecar (each belongs to a fixture)', () => {
    const orphans: string[] = [];
    for (const id of ids) {
      for (const kind of ['valid', 'invalid']) {
        const dir = join(testRoot, id, kind);
        if (!existsSync(dir)) continue;
        const names = new Set(readdirSync(dir));
        for (const name of names) {
          const base = name.replace(/\.snap$|\.config\.json$/, '');
          if (base !== name && !names.has(base)) orphans.push(`${id}/${kind}/${name}`);
          if (kind === 'valid' && name.endsWith('.snap')) orphans.push(`${id}/${kind}/${name}`);
        }
      }
    }
    expect(orphans).toEqual([]);
  });
});
