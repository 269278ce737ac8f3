import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesAction, matchesResource } from '../../src/iam/wildcard.js';

/** The obvious, backtracking definition, fine for short strings: the reference to compare against. */
function reference(pattern: string, text: string, ignoreCase: boolean): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^]*').replace(/\?/g, '[^]');
  return new RegExp(`^${source}$`, ignoreCase ? 'i' : '').test(text);
}

describe('wildcard matching', () => {
  it.each([
    ['s3:Get*', 's3:GetObject', true],
    ['s3:get*', 'S3:GETOBJECT', true],
    ['s3:*Object', 's3:GetObject', true],
    ['s3:*Object', 's3:GetObjectAcl', false],
    ['s*:Get*', 'ssm:GetParameter', true],
    ['iam:Pass?ole', 'iam:PassRole', true],
    ['iam:Pass?ole', 'iam:PassRRole', false],
    ['*', '', true],
    ['', '', true],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'acb', false],
    ['*a*a*', 'aa', true],
  ])('action %s ~ %s is %s', (pattern, action, expected) => {
    expect(matchesAction(pattern, action)).toBe(expected);
  });

  it('matches resources case-sensitively, across : and /', () => {
    expect(matchesResource('arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a/b:c')).toBe(true);
    expect(matchesResource('arn:aws:s3:::Bucket/*', 'arn:aws:s3:::bucket/a')).toBe(false);
    expect(matchesResource('arn:aws:iam::*:role/team-*', 'arn:aws:iam::111122223333:role/team-a')).toBe(true);
  });

  // A small alphabet makes overlapping pieces and near-misses likely.
  const text = fc.string({ unit: fc.constantFrom('a', 'b', 'A', ':', '/'), maxLength: 14 });
  const pattern = fc.string({ unit: fc.constantFrom('a', 'b', 'A', ':', '*', '?'), maxLength: 8 });

  it('agrees with the regular-expression definition (resources)', () => {
    fc.assert(fc.property(pattern, text, (p, t) => matchesResource(p, t) === reference(p, t, false)), { numRuns: 3000 });
  });

  it('agrees with the regular-expression definition (actions, any case)', () => {
    fc.assert(fc.property(pattern, text, (p, t) => matchesAction(p, t) === reference(p, t, true)), { numRuns: 3000 });
  });

  it('handles many stars against a long text without backtracking', () => {
    const long = `${'a'.repeat(10_000)}b`;
    expect(matchesResource(`${'*a'.repeat(40)}*c`, long)).toBe(false);
    expect(matchesResource(`${'*a'.repeat(40)}*b`, long)).toBe(true);
  });
});
