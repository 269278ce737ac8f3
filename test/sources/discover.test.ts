import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileGlobs } from '../../src/config/glob.js';
import { discover } from '../../src/sources/discover.js';
import { checkWith } from '../helpers/run.js';
import { adminPolicy, readPolicy, tempTree } from '../helpers/tmp.js';

const extensions = ['.json', '.jsonc'];

describe('discover', () => {
  it('walks folders in sorted order, picking files by ending, skipping node_modules and .git', () => {
    const root = tempTree({
      'b/two.json': readPolicy,
      'a/one.jsonc': readPolicy,
      'a/notes.txt': 'x',
      'node_modules/pkg/p.json': readPolicy,
      '.git/config.json': '{}',
    });
    const found = discover(['.'], { cwd: root, extensions, isIgnored: () => false });
    expect(found.files.map((f) => f.path)).toEqual(['a/one.jsonc', 'b/two.json']);
    expect(found.notes).toContainEqual(expect.objectContaining({ path: 'a/notes.txt', level: 'debug' }));
  });

  it('always reads files named explicitly, whatever their ending', () => {
    const root = tempTree({ 'policy.txt': readPolicy });
    expect(discover(['policy.txt'], { cwd: root, extensions, isIgnored: () => false }).files.map((f) => f.path)).toEqual(['policy.txt']);
  });

  it('reports paths that do not exist', () => {
    const root = tempTree({});
    expect(discover(['nope'], { cwd: root, extensions, isIgnored: () => false }).missing).toEqual(['nope']);
  });

  it('applies ignore globs', () => {
    const root = tempTree({ 'keep/p.json': readPolicy, 'fixtures/p.json': readPolicy, 'x/tmp.json': readPolicy });
    const ignored = compileGlobs(['fixtures/', 'tmp.json']);
    const found = discover(['.'], { cwd: root, extensions, isIgnored: (abs) => ignored(abs.slice(root.length + 1)) });
    expect(found.files.map((f) => f.path)).toEqual(['keep/p.json']);
  });

  it('follows symbolic links, survives loops and notes dangling links', () => {
    const root = tempTree({ 'real/p.json': readPolicy });
    symlinkSync(join(root, 'real'), join(root, 'real', 'loop'));
    symlinkSync(join(root, 'real', 'p.json'), join(root, 'alias.json'));
    symlinkSync(join(root, 'missing.json'), join(root, 'dangling.json'));
    const found = discover(['.'], { cwd: root, extensions, isIgnored: () => false });
    expect(found.files.map((f) => f.path)).toEqual(['alias.json', 'real/p.json']);
    expect(found.notes).toContainEqual(expect.objectContaining({ path: 'dangling.json', level: 'warning' }));
    expect(found.notes).toContainEqual(expect.objectContaining({ path: 'real/loop', level: 'debug' }));
  });

  it('checks a file reached twice through links once', () => {
    const root = tempTree({ 'real/admin.json': adminPolicy });
    symlinkSync(join(root, 'real', 'admin.json'), join(root, 'alias.json'));
    const result = checkWith(['full-admin'], ['.'], root);
    expect(result.files.map((f) => f.path)).toEqual(['alias.json']);
    expect(result.findings).toHaveLength(1);
  });
});

describe('globs', () => {
  it.each([
    ['*.json', 'a/b/c.json', true],
    ['fixtures/', 'fixtures/a/b.json', true],
    ['fixtures/', 'src/fixtures/a.json', true],
    ['/fixtures/', 'src/fixtures/a.json', false],
    ['policies/*.json', 'policies/a.json', true],
    ['policies/*.json', 'policies/x/a.json', false],
    ['policies/**/*.json', 'policies/x/y/a.json', true],
    ['policies/**/*.json', 'policies/a.json', true],
    ['trust/**', 'trust/a/b.json', true],
    ['a?.json', 'ab.json', true],
    ['a.json', 'aXjson', false],
  ])('%s matches %s: %s', (pattern, path, expected) => {
    expect(compileGlobs([pattern])(path)).toBe(expected);
  });
});
