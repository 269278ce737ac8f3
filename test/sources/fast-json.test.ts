import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseStrictJson } from '../../src/sources/fast-json.js';
import { parseJson } from '../../src/sources/json.js';

/** The tree jsonc-parser builds for the text (parseJson's JSONC path), converted to iamlint's shape. */
function reference(text: string): unknown {
  return parseJson(text, true).root;
}

const indent = fc.constantFrom(undefined, 2, 4, '\t');

describe('parseStrictJson', () => {
  it('builds the same tree as jsonc-parser for any JSON value, however it is indented', () => {
    fc.assert(
      fc.property(fc.jsonValue(), indent, (value, space) => {
        const text = JSON.stringify(value, null, space);
        const fast = parseStrictJson(text);
        expect(fast).toBeDefined();
        expect(fast).toEqual(reference(text));
      }),
      { numRuns: 500 },
    );
  });

  it('never accepts text that JSON.parse rejects', () => {
    const mutated = fc.tuple(fc.jsonValue(), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', '\\', ':', 'x', '\n', '/', '0', '-', '.', 'e')).map(([value, at, insert]) => {
      const text = JSON.stringify(value);
      const position = text.length === 0 ? 0 : at % text.length;
      return text.slice(0, position) + insert + text.slice(position + (insert === '' ? 1 : 0));
    });
    fc.assert(
      fc.property(mutated, (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        if (!valid) expect(parseStrictJson(text)).toBeUndefined();
      }),
      { numRuns: 3000 },
    );
  });

  it('handles escapes, unicode and numbers like JSON.parse', () => {
    const text = '{"a\\"b": "x\\u00e9\\n", "n": [-0, 1.5e3, 0.25], "t": true, "f": false, "z": null, "é": "✓"}';
    expect(parseStrictJson(text)).toEqual(reference(text));
  });

  it('gives up on comments, trailing commas, control characters and absurd depth', () => {
    for (const text of ['{"a": 1 /* c */}', '{"a": [1,],}', '{"a": "x\ty"}', `${'['.repeat(2000)}${']'.repeat(2000)}`, '{"a": 01}', '', '{} x']) {
      expect(parseStrictJson(text), text.slice(0, 20)).toBeUndefined();
    }
  });
});
