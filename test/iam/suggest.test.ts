import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance, nearest } from '../../src/iam/suggest.js';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours as one each', () => {
    expect(editDistance('kms', 'kms')).toBe(0);
    expect(editDistance('ksm', 'kms')).toBe(1);
    expect(editDistance('s3', 's3x')).toBe(1);
    expect(editDistance('GetObjet', 'GetObject')).toBe(1);
    expect(editDistance('', 'sts')).toBe(3);
  });

  it('is zero exactly for equal strings, symmetric, and at most the longer length', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const d = editDistance(a, b);
        expect(d === 0).toBe(a === b);
        expect(editDistance(b, a)).toBe(d);
        expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
        expect(d).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
      }),
    );
  });

  it('is one for any single swap of neighbouring, different characters', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 2, maxLength: 12 }), fc.nat(), (text, at) => {
        const i = at % (text.length - 1);
        fc.pre(text[i] !== text[i + 1]);
        const swapped = `${text.slice(0, i)}${text[i + 1] ?? ''}${text[i] ?? ''}${text.slice(i + 2)}`;
        expect(editDistance(text, swapped)).toBe(1);
      }),
    );
  });
});

describe('nearest', () => {
  it('prefers, among equally close names, the one that starts like the name', () => {
    expect(nearest('st', ['s3', 'sts'])).toBe('sts');
    expect(nearest('lamda', ['lambda', 'glue'])).toBe('lambda');
    expect(nearest('completely-different', ['s3', 'sts'])).toBeUndefined();
  });

  it('returns a candidate equal to the name in any case, and never one much farther than a third of its length', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][a-z0-9-]{0,14}$/), fc.array(fc.stringMatching(/^[a-z][a-z0-9-]{0,14}$/), { maxLength: 8 }), (name, others) => {
        expect(nearest(name.toUpperCase(), [...others, name])?.toLowerCase()).toBe(name);
        const found = nearest(name, others);
        if (found !== undefined) expect(editDistance(name, found.toLowerCase())).toBeLessThanOrEqual(Math.max(2, Math.ceil(name.length / 3)));
      }),
    );
  });
});
