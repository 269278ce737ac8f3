import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { policyVariables, substitutesVariables, variableKey } from '../../src/iam/policy-variables.js';
import { subSpan } from '../../src/iam/sub-span.js';
import { SourceFile } from '../../src/model/source.js';
import { loadPolicyText } from '../helpers/policy.js';

const one = (text: string) => {
  const found = policyVariables(text);
  expect(found).toHaveLength(1);
  const [first] = found;
  if (!first) throw new Error('no variable');
  return first;
};

describe('policy variable scanner', () => {
  it('finds nothing in strings without ${', () => {
    expect(policyVariables('arn:aws:s3:::bucket/*')).toEqual([]);
    expect(policyVariables('cost: $5 {x}')).toEqual([]);
  });

  it('reads variables with their offsets', () => {
    const text = 'arn:aws:s3:::home/${aws:username}/${aws:PrincipalTag/team}/*';
    const found = policyVariables(text);
    expect(found.map((v) => [v.start, v.end, v.text, v.name, v.problem])).toEqual([
      [18, 33, '${aws:username}', 'aws:username', undefined],
      [34, 58, '${aws:PrincipalTag/team}', 'aws:PrincipalTag/team', undefined],
    ]);
  });

  it('reads default values, with doubled quotes and braces inside the quotes', () => {
    expect(one("${aws:PrincipalTag/team, 'company-wide'}")).toMatchObject({ name: 'aws:PrincipalTag/team', defaultValue: 'company-wide', problem: undefined });
    expect(one("${aws:username, 'it''s'}")).toMatchObject({ defaultValue: "it's", problem: undefined });
    expect(one("${aws:username, 'a}b'}x")).toMatchObject({ text: "${aws:username, 'a}b'}", defaultValue: 'a}b', problem: undefined });
    expect(one("${aws:username,'x' }")).toMatchObject({ defaultValue: 'x', problem: undefined });
  });

  it('knows the special variables', () => {
    expect(policyVariables('a${*}b${?}c${$}').map((v) => [v.text, v.special, v.problem])).toEqual([
      ['${*}', true, undefined],
      ['${?}', true, undefined],
      ['${$}', true, undefined],
    ]);
  });

  it('tells each malformed form apart', () => {
    expect(one('arn:aws:sqs:*:*:${aws:username-queue').problem).toEqual({ kind: 'unclosed' });
    expect(one('arn:aws:sqs:*:*:${aws:username-queue').end).toBe(36);
    expect(one('a${}b').problem).toEqual({ kind: 'empty' });
    expect(one('a${ }b').problem).toEqual({ kind: 'empty' });
    expect(one('${ aws:username}').problem).toEqual({ kind: 'space' });
    expect(one('${aws:PrincipalTag/cost center}').problem).toEqual({ kind: 'space' });
    expect(one("${aws:username , 'x'}").problem).toEqual({ kind: 'space' });
    expect(one('${aws:PrincipalTag/*}').problem).toEqual({ kind: 'symbol', symbol: '*' });
    expect(one('${{aws:username}}').problem).toEqual({ kind: 'symbol', symbol: '{' });
    expect(one('${aws:PrincipalTag/${aws:username}}/x')).toMatchObject({ text: '${aws:PrincipalTag/${aws:username}}', problem: { kind: 'nested' } });
    expect(one('${aws:username, anonymous}').problem).toEqual({ kind: 'quote' });
    expect(one("${aws:username, 'anonymous}").problem).toEqual({ kind: 'quote' });
    expect(one("${aws:username, 'a' b}").problem).toEqual({ kind: 'quote' });
    expect(one('${aws:username, anonymous').problem).toEqual({ kind: 'unclosed' });
  });

  it('stops at an unclosed variable, which runs to the end', () => {
    const found = policyVariables('${aws:username/${aws:userid}');
    expect(found.map((v) => v.problem?.kind)).toEqual(['unclosed']);
  });

  it('reads $${…} (a Terraform escape left in) as a literal $ and a variable', () => {
    expect(one('$${transfer:HomeFolder}/*')).toMatchObject({ start: 1, name: 'transfer:HomeFolder', problem: undefined });
  });

  // Strings made of the characters that matter to the scanner.
  const tricky = fc.string({ unit: fc.constantFrom('$', '{', '}', ',', "'", ' ', 'a', ':', '/', '*'), maxLength: 40 });

  it('never throws; every variable starts at ${, in order, without overlap, inside the string', () => {
    fc.assert(
      fc.property(tricky, (text) => {
        let last = 0;
        for (const v of policyVariables(text)) {
          expect(text.startsWith('${', v.start)).toBe(true);
          expect(v.start).toBeGreaterThanOrEqual(last);
          expect(v.end).toBeGreaterThan(v.start + 1);
          expect(v.end).toBeLessThanOrEqual(text.length);
          expect(v.text).toBe(text.slice(v.start, v.end));
          last = v.end;
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('finds every ${ that is not inside an earlier variable', () => {
    fc.assert(
      fc.property(tricky, (text) => {
        const found = policyVariables(text);
        const covered = (i: number) => found.some((v) => i >= v.start && i < v.end);
        for (let i = text.indexOf('${'); i >= 0; i = text.indexOf('${', i + 1)) expect(covered(i)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  const key = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'X', 'Y', 'Z', '0', '1', '9', '+', '-', '=', '.', '_', ':', '/', '@'), minLength: 1, maxLength: 20 });
  const filler = fc.string({ unit: fc.constantFrom('a', '/', ':', '*', '-', '$', '{'), maxLength: 10 }).filter((s) => !s.endsWith('$'));

  it('reads any well-formed ${key} between other text exactly', () => {
    fc.assert(
      fc.property(filler, key, fc.string({ unit: fc.constantFrom('a', '/', '*', '}'), maxLength: 10 }), (before, name, after) => {
        // `{` and `$` in the text before cannot open a variable unless they form `${`.
        fc.pre(!before.includes('${'));
        const text = `${before}\${${name}}${after}`;
        const found = policyVariables(text);
        expect(found[0]).toMatchObject({ start: before.length, end: before.length + name.length + 3, name, problem: undefined });
      }),
      { numRuns: 2000 },
    );
  });
});

describe('variable keys', () => {
  it.each(['aws:username', 'AWS:UserName', 'aws:userid', 'aws:PrincipalTag/team', 'aws:SourceIdentity', 's3:prefix', 'cognito-identity.amazonaws.com:sub', 'saml:sub', 'ec2:SourceInstanceARN', 'token.actions.githubusercontent.com:sub', 'oidc.eks.us-east-1.amazonaws.com/id/ABC:sub', 'transfer:HomeDirectory', 'iot:Connection.Thing.ThingName'])('%s is known', (name) => {
    expect(variableKey(name)).toEqual({ status: 'known' });
  });

  it.each([
    ['aws:TagKeys', 'aws:TagKeys'],
    ['aws:calledvia', 'aws:CalledVia'],
    ['aws:PrincipalOrgPaths', 'aws:PrincipalOrgPaths'],
  ])('%s is multivalued', (name, spelled) => {
    expect(variableKey(name)).toEqual({ status: 'multivalued', key: spelled });
  });

  it('suggests the keys a name starts, or the nearest one', () => {
    expect(variableKey('aws:user')).toEqual({ status: 'unknown', suggestions: ['aws:userid', 'aws:username', 'aws:UserAgent'] });
    expect(variableKey('aws:PrincipalTag')).toEqual({ status: 'unknown', suggestions: ['aws:PrincipalTag/<tag-key>'] });
    expect(variableKey('aws:usrname')).toEqual({ status: 'unknown', suggestions: ['aws:username'] });
    expect(variableKey('aws:PrincipleTag/team')).toEqual({ status: 'unknown', suggestions: ['aws:PrincipalTag/team'] });
    expect(variableKey('s3:prefixx')).toEqual({ status: 'unknown', suggestions: ['s3:prefix'] });
    expect(variableKey('nothing:atall')).toEqual({ status: 'unknown', suggestions: [] });
  });
});

describe('operators', () => {
  it.each([
    ['StringEquals', true],
    ['StringLikeIfExists', true],
    ['ForAnyValue:StringEquals', true],
    ['ArnLike', true],
    ['ArnNotEqualsIfExists', true],
    ['NumericLessThan', false],
    ['DateGreaterThan', false],
    ['Bool', false],
    ['IpAddress', false],
    ['Null', false],
    ['StringEqualz', undefined],
  ])('%s substitutes: %s', (operator, expected) => {
    expect(substitutesVariables(operator)).toBe(expected);
  });
});

describe('sub-spans', () => {
  it('narrows a plain JSON string to the variable', () => {
    const text = '{"Resource": "arn:aws:s3:::b/${aws:username}/*"}';
    const source = new SourceFile('p.json', text);
    const whole = source.span(13, 34, ['Resource']);
    const value = 'arn:aws:s3:::b/${aws:username}/*';
    const narrow = subSpan(source, whole, value, 15, 15);
    expect(text.slice(narrow.offset, narrow.offset + narrow.length)).toBe('${aws:username}');
    expect(narrow).toMatchObject({ line: 1, column: 30, endColumn: 45, path: ['Resource'] });
  });

  it('keeps the whole span when the string has escapes', () => {
    const text = '{"Resource": "arn:aws:s3:::b/\\u0024{aws:username}"}';
    const source = new SourceFile('p.json', text);
    const whole = source.span(13, 37, ['Resource']);
    expect(subSpan(source, whole, 'arn:aws:s3:::b/${aws:username}', 15, 15)).toBe(whole);
  });

  it('narrows inside a policy held in a JSON string', () => {
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${aws:username}/*' }] });
    const text = JSON.stringify({ Policy: policy });
    const document = loadPolicyText(text, 'bucket-policy.json');
    const item = document.statements[0]?.resource?.items[0];
    if (!item) throw new Error('no resource');
    const narrow = subSpan(document.source, item.span, item.value, 15, 15);
    expect(text.slice(narrow.offset, narrow.offset + narrow.length)).toBe('${aws:username}');
  });
});
