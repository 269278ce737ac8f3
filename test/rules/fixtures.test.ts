/**
 * The one fixture runner for every rule (style: Biome and Checkov). For test/rules/<id>/:
 *  - valid/*: the rule reports nothing;
 *  - invalid/*: the rule reports at least once, and the findings match <fixture>.snap beside it;
 *  - a fixture is a file, or a folder checked as a whole (an account export of several files);
 *  - <fixture>.config.json beside a fixture is read as its .iamlint.json (options, kind overrides,
 *    suppressions, other rules to enable), and <fixture>.baseline.json as its --baseline;
 *  - every fixture is a file iamlint recognizes, and parses cleanly unless the rule is invalid-json;
 *  - every message of the rule is produced by some invalid fixture.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SourceFile } from '../../src/model/source.js';
import { decode } from '../../src/sources/decode.js';
import { frames } from '../helpers/frame.js';
import { checkWith, ruleById } from '../helpers/run.js';

const root = import.meta.dirname;
const ruleDirs = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const isFixture = (name: string): boolean => !name.endsWith('.snap') && !name.endsWith('.config.json') && !name.endsWith('.baseline.json');

/** The fixture's text as iamlint decodes it (empty when it cannot: binary, not UTF-8). */
function decodeForFrames(bytes: Buffer): string {
  const decoded = decode(bytes);
  return decoded.ok ? decoded.text : '';
}

function fixtures(ruleDir: string, kind: 'valid' | 'invalid'): string[] {
  try {
    return readdirSync(join(root, ruleDir, kind)).filter(isFixture).sort();
  } catch {
    return [];
  }
}

for (const id of ruleDirs) {
  describe(id, () => {
    const rule = ruleById(id);
    const dir = join(root, id);
    const run = (kind: 'valid' | 'invalid', name: string) => {
      const result = checkWith([id], [`${kind}/${name}`], dir, join(dir, kind, `${name}.config.json`), join(dir, kind, `${name}.baseline.json`));
      expect(result.files.length, 'the fixture was read').toBeGreaterThan(0);
      for (const file of result.files) {
        if (id !== 'invalid-json') {
          expect(file.problems.map((p) => p.detail), `${file.path} parses`).toEqual([]);
        }
        expect(file.kind, `iamlint recognizes ${file.path}`).not.toBe('unrecognized');
      }
      return { result, own: result.findings.filter((f) => f.ruleId === id) };
    };

    it.each(fixtures(id, 'valid'))('valid/%s', (name) => {
      expect(run('valid', name).own.map((f) => `${f.span.line}:${f.span.column} ${f.message}`)).toEqual([]);
    });

    const seen = new Set<string>();
    it.each(fixtures(id, 'invalid'))('invalid/%s', async (name) => {
      const { result, own } = run('invalid', name);
      expect(own.length, 'the rule reports').toBeGreaterThan(0);
      for (const f of own) seen.add(f.messageId);
      const unread = new Set(result.files.filter((f) => f.problems.some((p) => p.kind === 'tooLarge' || p.kind === 'unreadable')).map((f) => f.path));
      const sourceOf = (file: string): SourceFile => new SourceFile(file, unread.has(file) ? '' : decodeForFrames(readFileSync(join(dir, file))));
      await expect(frames(own, sourceOf)).toMatchFileSnapshot(join(dir, 'invalid', `${name}.snap`));
    });

    it('has fixtures both ways, and every message is produced by one', () => {
      expect(fixtures(id, 'valid').length).toBeGreaterThan(0);
      expect(fixtures(id, 'invalid').length).toBeGreaterThan(0);
      expect([...seen].sort()).toEqual(Object.keys(rule.messages).sort());
    });
  });
}
