import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConditionKeyType } from '../../src/iam/catalogue.js';
import { conditionOperator, fitsKey, isIpOrCidr, suggestedOperator, valueFits, type OperatorFamily } from '../../src/iam/condition-types.js';

describe('condition operators', () => {
  it('parses qualifiers, IfExists and the base operator in any case', () => {
    expect(conditionOperator('ForAnyValue:StringLikeIfExists')).toMatchObject({ set: 'ForAnyValue', ifExists: true, operator: { name: 'StringLike', family: 'String' } });
    expect(conditionOperator('numericlessthan')?.operator.name).toBe('NumericLessThan');
    expect(conditionOperator('Null')?.operator.family).toBe('Null');
    expect(conditionOperator('StringContains')).toBeUndefined();
  });
});

describe('which operator families fit which keys', () => {
  it.each<[OperatorFamily, ConditionKeyType, string, boolean]>([
    ['String', 'String', 'aws:PrincipalOrgID', true],
    ['String', 'ArrayOfString', 'aws:TagKeys', true],
    ['String', 'ARN', 'aws:PrincipalArn', true],
    ['Arn', 'ARN', 'aws:SourceArn', true],
    ['Arn', 'String', 'aws:SourceVpcArn', true],
    ['Arn', 'String', 'aws:SourceAccount', false],
    ['Numeric', 'Numeric', 'aws:MultiFactorAuthAge', true],
    ['Numeric', 'Date', 'aws:EpochTime', true],
    ['Numeric', 'Date', 'aws:CurrentTime', false],
    ['Date', 'Date', 'aws:CurrentTime', true],
    ['Bool', 'Bool', 'aws:SecureTransport', true],
    ['Bool', 'ArrayOfBool', 'apigateway:Request/ApiKeyRequired', true],
    ['String', 'Bool', 'aws:SecureTransport', false],
    ['IpAddress', 'IPAddress', 'aws:SourceIp', true],
    ['String', 'IPAddress', 'aws:SourceIp', false],
    ['Null', 'Numeric', 'aws:MultiFactorAuthAge', true],
    ['Binary', 'String', 'aws:UserAgent', false],
  ])('%s on %s (%s): %s', (family, type, key, fits) => {
    expect(fitsKey(family, type, key)).toBe(fits);
  });

  it.each<[string, ConditionKeyType, string]>([
    ['StringEquals', 'Bool', 'Bool'],
    ['StringNotEquals', 'IPAddress', 'NotIpAddress'],
    ['ForAnyValue:StringNotEqualsIfExists', 'IPAddress', 'ForAnyValue:NotIpAddressIfExists'],
    ['NumericLessThan', 'Date', 'DateLessThan'],
    ['ArnEquals', 'String', 'StringEquals'],
    ['StringLike', 'Numeric', 'a Numeric operator (NumericEquals, NumericNotEquals, NumericLessThan, NumericLessThanEquals, NumericGreaterThan, NumericGreaterThanEquals)'],
    ['DateGreaterThan', 'String', 'a String operator (StringEquals, StringNotEquals, StringLike, StringNotLike)'],
  ])('instead of %s on a %s key: %s', (written, type, suggestion) => {
    const operator = conditionOperator(written);
    expect(operator && suggestedOperator(operator, type)).toBe(suggestion);
  });
});

describe('condition values', () => {
  it.each<[OperatorFamily, string | number | boolean]>([
    ['Date', '2025'],
    ['Date', '2025-01'],
    ['Date', '2025-01-31'],
    ['Date', '2025-01-31T12:00Z'],
    ['Date', '2025-01-31T12:00:00Z'],
    ['Date', '2025-01-31T12:00:00.123+01:00'],
    ['Date', '2025-01-31T12:00:00-0500'],
    ['Date', '2025-01-31T12:00:00'],
    ['Date', '1738324800'],
    ['Date', 1738324800],
    ['Numeric', '3600'],
    ['Numeric', '-1.5'],
    ['Numeric', '.5'],
    ['Numeric', 2.0],
    ['Bool', 'true'],
    ['Bool', 'FALSE'],
    ['Bool', false],
    ['Null', 'true'],
    ['Null', true],
    ['IpAddress', '203.0.113.0/24'],
    ['IpAddress', '198.51.100.7'],
    ['IpAddress', '2001:db8::/32'],
    ['IpAddress', '::'],
    ['IpAddress', '::ffff:192.0.2.1'],
    ['IpAddress', '2001:0db8:0000:0000:0000:ff00:0042:8329'],
    ['Arn', 'arn:aws:iam::111122223333:role/admin'],
    ['Arn', 'arn:aws:s3:::bucket/*'],
    ['Arn', 'arn:*:sns:*:*:*'],
    ['Arn', '*'],
    ['Arn', 'arn:aws:iam::${aws:PrincipalAccount}:role/x'],
    ['Binary', 'QmluYXJ5VmFsdWVJbkJhc2U2NA=='],
    ['String', 'anything at all'],
    ['String', 42],
    ['Date', '${aws:TokenIssueTime}'],
  ])('%s reads %j', (family, value) => {
    expect(valueFits(family, value)).toBe(true);
  });

  it.each<[OperatorFamily, string | number | boolean]>([
    ['Date', '31/12/2025'],
    ['Date', '2025-13-01'],
    ['Date', '2025-01-32'],
    ['Date', '2025-01-31T25:00:00Z'],
    ['Date', '2025-01-31 12:00:00Z'],
    ['Date', 'tomorrow'],
    ['Date', true],
    ['Date', -5],
    ['Numeric', '1 hour'],
    ['Numeric', '1e3'],
    ['Numeric', ''],
    ['Numeric', true],
    ['Bool', 'yes'],
    ['Bool', 1],
    ['Bool', 'true '],
    ['Null', 'maybe'],
    ['IpAddress', '203.0.113.0/33'],
    ['IpAddress', '300.1.1.1'],
    ['IpAddress', '10.0.0'],
    ['IpAddress', '2001:db8::gg'],
    ['IpAddress', '1::2::3'],
    ['IpAddress', '2001:db8::/129'],
    ['IpAddress', 10],
    ['Arn', 'deploy-role'],
    ['Arn', 'arn:aws:iam::role'],
    ['Binary', 'not base64!'],
  ])('%s does not read %j', (family, value) => {
    expect(valueFits(family, value)).toBe(false);
  });

  it('tells IP addresses and ranges', () => {
    expect(isIpOrCidr('0.0.0.0/0')).toBe(true);
    expect(isIpOrCidr('::/0')).toBe(true);
    expect(isIpOrCidr('1:2:3:4:5:6:7:8:9')).toBe(false);
    expect(isIpOrCidr('1:2:3:4:5:6:7')).toBe(false);
  });
});

describe('properties', () => {
  const bases = ['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringLike', 'NumericLessThan', 'DateGreaterThanEquals', 'Bool', 'IpAddress', 'NotIpAddress', 'ArnLike', 'BinaryEquals'];

  it('reads back every qualifier, base and IfExists it is given, in any case', () => {
    fc.assert(
      fc.property(fc.constantFrom(undefined, 'ForAllValues', 'ForAnyValue'), fc.constantFrom(...bases), fc.boolean(), fc.boolean(), (set, base, ifExists, lower) => {
        const written = `${set === undefined ? '' : `${set}:`}${base}${ifExists ? 'IfExists' : ''}`;
        const parsed = conditionOperator(lower ? written.toLowerCase() : written);
        expect(parsed?.operator.name).toBe(base);
        expect(parsed?.ifExists).toBe(ifExists);
      }),
    );
  });

  it('accepts every date AWS writes (ISO 8601 in UTC, or epoch seconds) for Date operators', () => {
    const dates = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2999-12-31T23:59:59Z'), noInvalidDate: true });
    fc.assert(
      fc.property(dates, (date) => {
        expect(valueFits('Date', date.toISOString())).toBe(true);
        expect(valueFits('Date', String(Math.floor(date.getTime() / 1000)))).toBe(true);
      }),
    );
  });

  it('accepts every integer and decimal for Numeric operators, as numbers or strings', () => {
    fc.assert(
      fc.property(fc.integer(), fc.nat(999), (whole, fraction) => {
        expect(valueFits('Numeric', whole)).toBe(true);
        expect(valueFits('Numeric', `${String(whole)}.${String(fraction)}`)).toBe(true);
      }),
    );
  });

  it('accepts every IPv4 and IPv6 address, and CIDR range, for IpAddress', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.integer({ min: 0, max: 32 }), fc.ipV6(), fc.integer({ min: 0, max: 128 }), (v4, bits4, v6, bits6) => {
        expect(isIpOrCidr(v4)).toBe(true);
        expect(isIpOrCidr(`${v4}/${String(bits4)}`)).toBe(true);
        expect(isIpOrCidr(v6)).toBe(true);
        expect(isIpOrCidr(`${v6}/${String(bits6)}`)).toBe(true);
      }),
    );
  });

  it('rejects, for IpAddress, text with no digit at all', () => {
    fc.assert(fc.property(fc.stringMatching(/^[a-z ]{1,20}$/), (text) => { expect(isIpOrCidr(text)).toBe(false); }));
  });
});
