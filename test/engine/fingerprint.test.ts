import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/engine/fingerprint.js';
import { SourceFile } from '../../src/model/source.js';

function at(text: string, needle: string, file = 'p.json'): { source: SourceFile; span: ReturnType<SourceFile['span']> } {
  const source = new SourceFile(file, text);
  return { source, span: source.span(text.indexOf(needle), needle.length, ['Statement', 0]) };
}

describe('fingerprint', () => {
  const short = '{ "Action": "*" }';
  const long = `{ "Content": "${'QUJD'.repeat(600)}" }`;

  it('survives re-indentation and line moves, short or long offending text', () => {
    for (const value of [short, long]) {
      const a = at(`{\n  "Statement": [${value}]\n}`, value);
      const moved = `{\n\n\n  "Statement": [${value.replace(/ /g, '   ')}]\n}`;
      const b = at(moved, value.replace(/ /g, '   '));
      expect(fingerprint('r', 'm', undefined, b.span, b.source)).toBe(fingerprint('r', 'm', undefined, a.span, a.source));
    }
  });

  it('tells different offending texts apart, short or long', () => {
    const a = at(long, long);
    const b = at(long.replace('QUJD"', 'QUJE"'), long.replace('QUJD"', 'QUJE"'));
    expect(fingerprint('r', 'm', undefined, a.span, a.source)).not.toBe(fingerprint('r', 'm', undefined, b.span, b.source));
    const c = at(short, short);
    const d = at(short.replace('*', 's3:*'), short.replace('*', 's3:*'));
    expect(fingerprint('r', 'm', undefined, c.span, c.source)).not.toBe(fingerprint('r', 'm', undefined, d.span, d.source));
  });

  it('depends on the rule, message, subject and path', () => {
    const { source, span } = at(short, short);
    const base = fingerprint('r', 'm', 'arn:aws:iam::111122223333:user/a', span, source);
    expect(fingerprint('r2', 'm', 'arn:aws:iam::111122223333:user/a', span, source)).not.toBe(base);
    expect(fingerprint('r', 'm2', 'arn:aws:iam::111122223333:user/a', span, source)).not.toBe(base);
    expect(fingerprint('r', 'm', 'arn:aws:iam::111122223333:user/b', span, source)).not.toBe(base);
    expect(fingerprint('r', 'm', 'arn:aws:iam::111122223333:user/a', { ...span, path: ['Statement', 1] }, source)).not.toBe(base);
  });
});
