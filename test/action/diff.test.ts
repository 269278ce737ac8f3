import { execFileSync } from 'node:child_process';
import { chmodSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffArguments } from '../../src/action/change.js';
import { parseUnifiedDiff, unquoteCPath, type FileChange } from '../../src/action/diff.js';
import { tempTree } from '../helpers/tmp.js';

/** A file's lines as sorted arrays, which read better in failures than sets. */
function lines(change: FileChange | undefined): { added: number[]; context: number[] } | undefined {
  if (change === undefined) return undefined;
  return { added: [...change.added].sort((a, b) => a - b), context: [...change.context].sort((a, b) => a - b) };
}

describe('unquoteCPath', () => {
  it('reads git\'s C-style escapes and octal UTF-8 bytes', () => {
    const quoted = '"caf\\303\\251 \\"q\\".json" "b/…"';
    expect(unquoteCPath(quoted)).toEqual({ path: 'café "q".json', end: quoted.indexOf(' "b/') });
    expect(unquoteCPath('"a\\tb\\nc\\\\d"').path).toBe('a\tb\nc\\d');
  });

  it('keeps characters git left unescaped (core.quotePath off)', () => {
    expect(unquoteCPath('"日本\\t.json"').path).toBe('日本\t.json');
  });

  it('refuses what is not a complete quoted path', () => {
    expect(() => unquoteCPath('plain')).toThrow(/not a quoted path/);
    expect(() => unquoteCPath('"open')).toThrow(/unterminated/);
    expect(() => unquoteCPath('"bad\\q"')).toThrow(/unknown escape/);
  });
});

describe('parseUnifiedDiff', () => {
  it('numbers added and context lines as in the new file, across hunks', () => {
    const diff = [
      'diff --git a/p.json b/p.json',
      'index 1111111..2222222 100644',
      '--- a/p.json',
      '+++ b/p.json',
      '@@ -1,4 +1,5 @@',
      ' {',
      '-  "a": 1,',
      '+  "a": 2,',
      '+  "b": 3,',
      '   "c": 4',
      ' }',
      '@@ -20,3 +21,2 @@ context text',
      ' x',
      '-y',
      ' z',
      '',
    ].join('\n');
    expect(lines(parseUnifiedDiff(diff).get('p.json'))).toEqual({ added: [2, 3], context: [1, 4, 5, 21, 22] });
  });

  it('reads hunk bodies by their counts: a removed "-- a/x" line is not a header', () => {
    // One removed line ("-- a/x"), two added ("++ b/y", "new"), one unchanged.
    const counted = ['diff --git a/f b/f', '--- a/f', '+++ b/f', '@@ -1,2 +1,3 @@', '--- a/x', '+++ b/y', '+new', ' kept', ''].join('\n');
    expect(lines(parseUnifiedDiff(counted).get('f'))).toEqual({ added: [1, 2], context: [3] });
  });

  it('takes one-line hunks without counts, and passes over "\\ No newline at end of file"', () => {
    const diff = ['diff --git a/f b/f', '--- a/f', '+++ b/f', '@@ -1 +1 @@', '-old', '\\ No newline at end of file', '+new', '\\ No newline at end of file', ''].join('\n');
    expect(lines(parseUnifiedDiff(diff).get('f'))).toEqual({ added: [1], context: [] });
  });

  it('counts an empty line in a hunk as context (diff.suppressBlankEmpty)', () => {
    const diff = ['diff --git a/f b/f', '--- a/f', '+++ b/f', '@@ -1,2 +1,3 @@', '', '+x', ' y', ''].join('\n');
    expect(lines(parseUnifiedDiff(diff).get('f'))).toEqual({ added: [2], context: [1, 3] });
  });

  it('leaves deleted files out, keeps binary files, renames without changes and mode changes with no lines', () => {
    const diff = [
      'diff --git a/gone.json b/gone.json',
      'deleted file mode 100644',
      '--- a/gone.json',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-x',
      'diff --git a/img.png b/img.png',
      'index 1..2 100644',
      'Binary files a/img.png and b/img.png differ',
      'diff --git a/old name.json b/new name.json',
      'similarity index 100%',
      'rename from old name.json',
      'rename to new name.json',
      'diff --git a/run.sh b/run.sh',
      'old mode 100644',
      'new mode 100755',
      '',
    ].join('\n');
    const change = parseUnifiedDiff(diff);
    expect([...change.keys()].sort()).toEqual(['img.png', 'new name.json', 'run.sh']);
    expect(lines(change.get('img.png'))).toEqual({ added: [], context: [] });
  });

  it('reads a path whose header is ambiguous from its +++ line, without the tab git adds after a space', () => {
    const diff = ['diff --git a/x b/y b/x b/y', '--- a/x b/y\t', '+++ b/x b/y\t', '@@ -0,0 +1 @@', '+z', ''].join('\n');
    expect([...parseUnifiedDiff(diff).keys()]).toEqual(['x b/y']);
  });

  it('is empty for an empty diff', () => {
    expect(parseUnifiedDiff('').size).toBe(0);
  });
});

describe('parseUnifiedDiff on what git prints', () => {
  function git(cwd: string, ...args: string[]): string {
    return execFileSync('git', ['-C', cwd, ...args], { encoding: 'utf8' });
  }

  it('reads renames, deletions, binary files, missing final newlines and unusual file names', () => {
    const odd = ['café "q".json', 'tab\there.json', 'new\nline.json', 'back\\slash.json', 'sp ace.json'];
    const repo = tempTree({
      'keep.txt': 'a\nb\nc\n',
      'old.json': 'r1\nr2\nr3\nr4\nr5\nr6\nr7\nr8\n',
      'del.json': 'gone\n',
      'bin.dat': Buffer.from([0, 1, 2, 3]),
      ...Object.fromEntries(odd.map((name) => [name, 'one\n'])),
    });
    git(repo, 'init', '-q');
    git(repo, 'config', 'user.name', 'Test');
    git(repo, 'config', 'user.email', 'test@example.com');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'base');
    const base = git(repo, 'rev-parse', 'HEAD').trim();

    writeFileSync(join(repo, 'keep.txt'), 'a\nB\nc');
    chmodSync(join(repo, 'keep.txt'), 0o755);
    renameSync(join(repo, 'old.json'), join(repo, 'new.json'));
    writeFileSync(join(repo, 'new.json'), 'r1\nr2\nr3\nr4\nr5\nr6\nr7\nR8\n');
    rmSync(join(repo, 'del.json'));
    writeFileSync(join(repo, 'bin.dat'), Buffer.from([0, 1, 2, 4]));
    for (const name of odd) writeFileSync(join(repo, name), 'one\ntwo\n');
    writeFileSync(join(repo, 'empty.json'), '');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'head');

    const change = parseUnifiedDiff(git(repo, ...diffArguments(base, 'HEAD')));
    expect([...change.keys()].sort()).toEqual(['bin.dat', 'empty.json', 'keep.txt', 'new.json', ...odd].sort());
    expect(lines(change.get('keep.txt'))).toEqual({ added: [2, 3], context: [1] });
    expect(lines(change.get('new.json'))).toEqual({ added: [8], context: [5, 6, 7] });
    for (const name of odd) expect(lines(change.get(name)), name).toEqual({ added: [2], context: [1] });
    expect(lines(change.get('bin.dat'))).toEqual({ added: [], context: [] });
    rmSync(repo, { recursive: true, force: true });
  });
});
