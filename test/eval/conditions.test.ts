import { describe, expect, it } from 'vitest';
import { evaluateClause, evaluateCondition, type Truth } from '../../src/eval/conditions.js';
import type { Request } from '../../src/eval/types.js';
import { anonymous, clause, NOW, policy, request, role, root, service, user, type RequestOptions } from './build.js';

const alice = user('alice', { tags: { Team: 'blue' } });
const deployer = role('deploy', { tags: { team: 'red' } });

/** The answer of one clause `{ operator: { key: values } }` for alice's request with the given context. */
function truth(operator: string, key: string, values: unknown, options: RequestOptions = {}, on: Request = request(alice, 's3:GetObject', '*', options)): Truth {
  return evaluateClause(clause(operator, key, values), on);
}

describe('string operators', () => {
  it.each([
    ['StringEquals', 'prod', 'prod', 'true'],
    ['StringEquals', 'Prod', 'prod', 'false'],
    ['StringEquals', ['dev', 'prod'], 'prod', 'true'],
    ['StringEquals', 'pr*', 'prod', 'false'],
    ['StringNotEquals', 'prod', 'dev', 'true'],
    ['StringNotEquals', ['dev', 'prod'], 'prod', 'false'],
    ['StringNotEquals', ['dev', 'test'], 'prod', 'true'],
    ['StringEqualsIgnoreCase', 'PROD', 'prod', 'true'],
    ['StringNotEqualsIgnoreCase', 'PROD', 'prod', 'false'],
    ['StringLike', 'pr*', 'prod', 'true'],
    ['StringLike', 'p?od', 'prod', 'true'],
    ['StringLike', 'p?d', 'prod', 'false'],
    ['StringLike', ['x*', '*d'], 'prod', 'true'],
    ['StringNotLike', ['x*', '*d'], 'prod', 'false'],
    ['StringNotLike', 'x*', 'prod', 'true'],
  ])('%s %j on %s is %s', (operator, values, value, expected) => {
    expect(truth(operator, 'aws:RequestTag/env', values, { values: { 'aws:requesttag/env': value } })).toBe(expected);
  });

  it('is unknown when the context does not know the key', () => {
    expect(truth('StringEquals', 'aws:RequestTag/env', 'prod')).toBe('unknown');
    expect(truth('StringNotEquals', 'aws:RequestTag/env', 'prod')).toBe('unknown');
  });

  it('matches condition keys case-insensitively, values case-sensitively', () => {
    expect(truth('StringEquals', 'AWS:RequestTag/Env', 'prod', { values: { 'aws:requesttag/env': 'prod' } })).toBe('true');
  });
});

describe('absent keys', () => {
  const absent = { absent: ['aws:RequestTag/env'] };
  it.each([
    ['StringEquals', 'false'],
    ['StringLike', 'false'],
    ['StringNotEquals', 'true'],
    ['StringNotLike', 'true'],
    ['StringEqualsIfExists', 'true'],
    ['StringNotEqualsIfExists', 'true'],
    ['NumericLessThan', 'false'],
    ['NumericNotEquals', 'true'],
    ['DateGreaterThan', 'false'],
    ['Bool', 'false'],
    ['BoolIfExists', 'true'],
    ['IpAddress', 'false'],
    ['NotIpAddress', 'true'],
    ['ArnLike', 'false'],
    ['ArnNotLike', 'true'],
    ['ArnNotEquals', 'true'],
    ['BinaryEquals', 'false'],
    ['ForAllValues:StringEquals', 'true'],
    ['ForAllValues:StringNotEquals', 'true'],
    ['ForAnyValue:StringEquals', 'false'],
    ['ForAnyValue:StringNotEquals', 'false'],
    // No value of an absent key can match, IfExists or not (observed by AWS users; iam-simulate agrees).
    ['ForAnyValue:StringEqualsIfExists', 'false'],
    ['ForAllValues:StringEqualsIfExists', 'true'],
  ])('%s on an absent key is %s', (operator, expected) => {
    expect(truth(operator, 'aws:RequestTag/env', 'x', absent)).toBe(expected);
  });

  it('IfExists still compares a present key', () => {
    expect(truth('StringEqualsIfExists', 'aws:RequestTag/env', 'prod', { values: { 'aws:requesttag/env': 'dev' } })).toBe('false');
    expect(truth('NumericLessThanIfExists', 's3:max-keys', '10', { values: { 's3:max-keys': '5' } })).toBe('true');
  });
});

describe('Null', () => {
  it.each([
    [true, { absent: ['aws:TokenIssueTime'] }, 'true'],
    ['true', { values: { 'aws:tokenissuetime': NOW.toISOString() } }, 'false'],
    ['false', { values: { 'aws:tokenissuetime': NOW.toISOString() } }, 'true'],
    [false, { absent: ['aws:TokenIssueTime'] }, 'false'],
  ])('Null %s is %s', (value, context, expected) => {
    expect(truth('Null', 'aws:TokenIssueTime', value, context)).toBe(expected);
  });

  it('is unknown when presence is unknown', () => {
    expect(truth('Null', 'aws:SourceVpce', 'true')).toBe('unknown');
  });
});

describe('numeric operators', () => {
  it.each([
    ['NumericEquals', '10', '10', 'true'],
    ['NumericEquals', '10', '10.0', 'true'],
    ['NumericNotEquals', '10', '11', 'true'],
    ['NumericNotEquals', ['10', '11'], '11', 'false'],
    ['NumericLessThan', '10', '9', 'true'],
    ['NumericLessThan', '10', '10', 'false'],
    ['NumericLessThanEquals', '10', '10', 'true'],
    ['NumericGreaterThan', '10', '10.5', 'true'],
    ['NumericGreaterThanEquals', '10', '9', 'false'],
    ['NumericEquals', 10, '10', 'true'],
    ['NumericEquals', 'ten', '10', 'false'],
    ['NumericNotEquals', 'ten', '10', 'false'],
    ['NumericEquals', '10', 'many', 'false'],
  ])('%s %j on %s is %s', (operator, values, value, expected) => {
    expect(truth(operator, 's3:max-keys', values, { values: { 's3:max-keys': value } })).toBe(expected);
  });
});

describe('date operators', () => {
  it.each([
    ['DateLessThan', '2026-01-01T00:00:00Z', 'true'],
    ['DateLessThan', '2024-01-01', 'false'],
    ['DateGreaterThan', '2024-01-01', 'true'],
    ['DateGreaterThanEquals', NOW.toISOString(), 'true'],
    ['DateLessThanEquals', NOW.toISOString(), 'true'],
    ['DateEquals', NOW.toISOString(), 'true'],
    ['DateNotEquals', NOW.toISOString(), 'false'],
    ['DateEquals', '2025-06-01T14:00:00+02:00', 'true'],
    ['DateLessThan', String(NOW.getTime() / 1000 + 1), 'true'],
    ['DateLessThan', NOW.getTime() / 1000, 'false'],
    ['DateLessThan', 'soon', 'false'],
  ])('aws:CurrentTime (now) %s %j is %s', (operator, value, expected) => {
    expect(truth(operator, 'aws:CurrentTime', value)).toBe(expected);
  });

  it('aws:EpochTime is now in epoch seconds, for date and numeric operators', () => {
    const seconds = NOW.getTime() / 1000;
    expect(truth('DateGreaterThan', 'aws:EpochTime', String(seconds - 60))).toBe('true');
    expect(truth('NumericLessThan', 'aws:EpochTime', seconds + 60)).toBe('true');
    expect(truth('NumericEquals', 'aws:EpochTime', seconds)).toBe('true');
  });

  it('reads a date without a zone as UTC', () => {
    expect(truth('DateEquals', 'aws:CurrentTime', '2025-06-01T12:00:00')).toBe('true');
  });

  it('uses the request time given by the context', () => {
    expect(truth('DateLessThan', 'aws:CurrentTime', '2025-01-01', { now: new Date('2024-12-31T00:00:00Z') })).toBe('true');
  });
});

describe('aws:TokenIssueTime', () => {
  const onRole = request(deployer, 's3:GetObject');
  const onUser = request(alice, 's3:GetObject');
  const hoursAgo = (hours: number): string => new Date(NOW.getTime() - hours * 3_600_000).toISOString();

  it('DateLessThan a date long past is impossible: a token in use was issued at most 36 hours ago', () => {
    expect(truth('DateLessThan', 'aws:TokenIssueTime', '2020-01-01T00:00:00Z', {}, onRole)).toBe('false');
    expect(truth('DateLessThan', 'aws:TokenIssueTime', '2020-01-01T00:00:00Z', {}, onUser)).toBe('false');
  });

  it('DateGreaterThan a date long past holds with temporary credentials, which roles always have', () => {
    expect(truth('DateGreaterThan', 'aws:TokenIssueTime', '2020-01-01T00:00:00Z', {}, onRole)).toBe('true');
    // A user may call with access keys (no token) or with a session token.
    expect(truth('DateGreaterThan', 'aws:TokenIssueTime', '2020-01-01T00:00:00Z', {}, onUser)).toBe('unknown');
  });

  it('is unknown for a date within the last 36 hours, and false for a date in the future', () => {
    expect(truth('DateGreaterThan', 'aws:TokenIssueTime', hoursAgo(1), {}, onRole)).toBe('unknown');
    expect(truth('DateLessThan', 'aws:TokenIssueTime', hoursAgo(1), {}, onRole)).toBe('unknown');
    expect(truth('DateEquals', 'aws:TokenIssueTime', hoursAgo(1), {}, onRole)).toBe('unknown');
    expect(truth('DateNotEquals', 'aws:TokenIssueTime', hoursAgo(100), {}, onRole)).toBe('true');
    expect(truth('DateGreaterThan', 'aws:TokenIssueTime', '2030-01-01', {}, onRole)).toBe('false');
  });

  it('is absent for services and anonymous callers, present for roles, either for users', () => {
    expect(truth('Null', 'aws:TokenIssueTime', 'true', {}, request(service('ec2.amazonaws.com'), 's3:GetObject'))).toBe('true');
    expect(truth('Null', 'aws:TokenIssueTime', 'true', {}, request(anonymous, 's3:GetObject'))).toBe('true');
    expect(truth('Null', 'aws:TokenIssueTime', 'true', {}, onRole)).toBe('false');
    expect(truth('Null', 'aws:TokenIssueTime', 'true', {}, onUser)).toBe('unknown');
  });

  it('a value given by the context wins', () => {
    expect(truth('DateLessThan', 'aws:TokenIssueTime', '2020-01-01', { values: { 'aws:tokenissuetime': '2019-06-01T00:00:00Z' } })).toBe('true');
  });
});

describe('Bool and BinaryEquals', () => {
  it.each([
    ['true', 'true', 'true'],
    [true, 'true', 'true'],
    ['TRUE', 'true', 'true'],
    ['false', 'true', 'false'],
    ['yes', 'true', 'false'],
  ])('Bool %j on %s is %s', (value, actual, expected) => {
    expect(truth('Bool', 'aws:SecureTransport', value, { values: { 'aws:securetransport': actual } })).toBe(expected);
  });

  it('BinaryEquals compares the base64 text', () => {
    expect(truth('BinaryEquals', 'kms:RecipientAttestation:ImageSha384', 'QmluYXJ5', { values: { 'kms:recipientattestation:imagesha384': 'QmluYXJ5' } })).toBe('true');
    expect(truth('BinaryEquals', 'kms:RecipientAttestation:ImageSha384', 'QmluYXJ5', { values: { 'kms:recipientattestation:imagesha384': 'T3RoZXI=' } })).toBe('false');
  });
});

describe('IP address operators', () => {
  it.each([
    ['IpAddress', '203.0.113.0/24', '203.0.113.7', 'true'],
    ['IpAddress', '203.0.113.0/24', '203.0.114.7', 'false'],
    ['IpAddress', '203.0.113.7', '203.0.113.7', 'true'],
    ['IpAddress', '0.0.0.0/0', '198.51.100.1', 'true'],
    ['IpAddress', ['10.0.0.0/8', '203.0.113.0/24'], '10.1.2.3', 'true'],
    ['NotIpAddress', ['10.0.0.0/8', '203.0.113.0/24'], '10.1.2.3', 'false'],
    ['NotIpAddress', '10.0.0.0/8', '192.0.2.1', 'true'],
    ['IpAddress', '2001:db8::/32', '2001:db8:1234::1', 'true'],
    ['IpAddress', '2001:db8::/32', '2001:db9::1', 'false'],
    ['IpAddress', '2001:db8::/127', '2001:db8::1', 'true'],
    ['IpAddress', '::ffff:192.0.2.0/120', '::ffff:192.0.2.9', 'true'],
    ['IpAddress', '203.0.113.0/24', '2001:db8::1', 'false'],
    ['IpAddress', 'not-an-ip', '203.0.113.7', 'false'],
    ['NotIpAddress', 'not-an-ip', '203.0.113.7', 'false'],
  ])('%s %j on %s is %s', (operator, values, address, expected) => {
    expect(truth(operator, 'aws:SourceIp', values, { values: { 'aws:sourceip': address } })).toBe(expected);
  });
});

describe('ARN operators', () => {
  const source = { values: { 'aws:sourcearn': 'arn:aws:sns:us-east-1:111122223333:alerts' } };
  it.each([
    ['ArnEquals', 'arn:aws:sns:us-east-1:111122223333:alerts', 'true'],
    ['ArnEquals', 'arn:aws:sns:us-east-1:111122223333:*', 'true'],
    ['ArnLike', 'arn:aws:sns:*:111122223333:*', 'true'],
    ['ArnLike', 'arn:aws:sns:us-east-?:111122223333:alerts', 'true'],
    ['ArnLike', 'arn:aws:sns:*:444455556666:*', 'false'],
    // A wildcard matches within one of the six parts, never across their colons.
    ['ArnLike', 'arn:aws:sns:*:alerts', 'false'],
    ['ArnLike', 'arn:aws:*', 'false'],
    ['ArnLike', '*', 'true'],
    ['ArnNotLike', 'arn:aws:sns:*:444455556666:*', 'true'],
    ['ArnNotEquals', 'arn:aws:sns:us-east-1:111122223333:alerts', 'false'],
    ['ArnNotLike', 'not-an-arn', 'false'],
  ])('%s %s is %s', (operator, value, expected) => {
    expect(truth(operator, 'aws:SourceArn', value, source)).toBe(expected);
  });
});

describe('set operators on multivalued keys', () => {
  const tags = (values: string[]): RequestOptions => ({ values: { 'aws:tagkeys': values } });
  it.each([
    ['ForAllValues:StringEquals', ['env', 'team'], ['env'], 'true'],
    ['ForAllValues:StringEquals', ['env', 'team'], ['env', 'owner'], 'false'],
    ['ForAllValues:StringEquals', ['env', 'team'], [], 'true'],
    ['ForAllValues:StringLike', ['e*'], ['env', 'eta'], 'true'],
    ['ForAllValues:StringNotEquals', ['secret'], ['env', 'team'], 'true'],
    ['ForAllValues:StringNotEquals', ['secret'], ['env', 'secret'], 'false'],
    ['ForAnyValue:StringEquals', ['env', 'team'], ['owner', 'team'], 'true'],
    ['ForAnyValue:StringEquals', ['env', 'team'], ['owner'], 'false'],
    ['ForAnyValue:StringEquals', ['env'], [], 'false'],
    ['ForAnyValue:StringNotEquals', ['env'], ['env', 'owner'], 'true'],
    ['ForAnyValue:StringNotEquals', ['env'], ['env'], 'false'],
    // Without a set operator a key with several values matches nothing, a negated operator neither.
    ['StringEquals', ['env', 'team'], ['env', 'team'], 'false'],
    ['StringNotEquals', ['secret'], ['env', 'team'], 'false'],
    ['StringEquals', ['env'], ['env'], 'true'],
  ])('%s %j on %j is %s', (operator, values, actual, expected) => {
    expect(truth(operator, 'aws:TagKeys', values, tags(actual))).toBe(expected);
  });

  it('is unknown when one value is open and the others do not decide', () => {
    expect(truth('ForAllValues:StringEquals', 'aws:TagKeys', ['${aws:PrincipalTag/allowed}'], tags(['env']), request(user('bob'), 's3:PutObject'))).toBe('unknown');
  });
});

describe('derived keys', () => {
  it.each([
    ['aws:PrincipalArn', 'arn:aws:iam::111122223333:user/alice', alice, 'true'],
    ['aws:PrincipalArn', 'arn:aws:iam::111122223333:role/deploy', deployer, 'true'],
    ['aws:PrincipalAccount', '111122223333', deployer, 'true'],
    ['aws:PrincipalType', 'User', alice, 'true'],
    ['aws:PrincipalType', 'AssumedRole', deployer, 'true'],
    ['aws:PrincipalType', 'Account', root(), 'true'],
    ['aws:username', 'alice', alice, 'true'],
    ['aws:username', 'deploy', deployer, 'false'],
    ['aws:PrincipalTag/team', 'blue', alice, 'true'],
    ['aws:PrincipalTag/TEAM', 'red', deployer, 'true'],
    ['aws:PrincipalTag/owner', 'x', alice, 'false'],
    ['aws:PrincipalIsAWSService', 'true', service('lambda.amazonaws.com'), 'true'],
    ['aws:PrincipalIsAWSService', 'false', alice, 'true'],
    ['aws:PrincipalServiceName', 'lambda.amazonaws.com', service('lambda.amazonaws.com'), 'true'],
    ['aws:PrincipalArn', 'arn:aws:iam::111122223333:user/alice', anonymous, 'false'],
  ])('%s = %s for %o is %s', (key, value, principal, expected) => {
    expect(truth(key === 'aws:PrincipalIsAWSService' ? 'Bool' : 'StringEquals', key, value, {}, request(principal, 's3:GetObject'))).toBe(expected);
  });

  it('a tag of a principal whose tags are not known is unknown; aws:userid of a user is unknown', () => {
    expect(truth('StringEquals', 'aws:PrincipalTag/team', 'blue', {}, request(user('bob'), 's3:GetObject'))).toBe('unknown');
    expect(truth('StringEquals', 'aws:userid', 'AIDAEXAMPLE', {}, request(alice, 's3:GetObject'))).toBe('unknown');
  });

  it('aws:ResourceAccount comes from the request, when it knows it', () => {
    expect(truth('StringEquals', 'aws:ResourceAccount', '111122223333', { resourceAccount: '111122223333' })).toBe('true');
    expect(truth('StringEquals', 'aws:ResourceAccount', '111122223333')).toBe('unknown');
  });

  it('the context overrides what is derived', () => {
    expect(truth('StringEquals', 'aws:username', 'alice', { values: { 'aws:username': 'mallory' } })).toBe('false');
    expect(truth('StringEquals', 'aws:username', 'alice', { absent: ['aws:username'] })).toBe('false');
  });
});

describe('policy variables in condition values', () => {
  it('are substituted from the request', () => {
    expect(truth('StringEquals', 's3:prefix', 'home/${aws:username}/', { values: { 's3:prefix': 'home/alice/' } })).toBe('true');
    expect(truth('StringEquals', 's3:prefix', 'home/${aws:username}/', { values: { 's3:prefix': 'home/bob/' } })).toBe('false');
    expect(truth('StringLike', 's3:prefix', 'home/${aws:username}/*', { values: { 's3:prefix': 'home/alice/docs' } })).toBe('true');
    expect(truth('StringEquals', 'aws:ResourceTag/team', '${aws:PrincipalTag/team}', { values: { 'aws:resourcetag/team': 'blue' } })).toBe('true');
    expect(truth('ArnLike', 'aws:SourceArn', 'arn:aws:iam::${aws:PrincipalAccount}:*', { values: { 'aws:sourcearn': 'arn:aws:iam::111122223333:role/x' } })).toBe('true');
  });

  it('an absent key without a default matches nothing; with a default, the default', () => {
    const onRole = (values: Record<string, string>): Request => request(deployer, 's3:ListBucket', '*', { values });
    expect(truth('StringLike', 's3:prefix', 'home/${aws:username}/*', {}, onRole({ 's3:prefix': 'home/deploy/x' }))).toBe('false');
    expect(truth('StringNotLike', 's3:prefix', 'home/${aws:username}/*', {}, onRole({ 's3:prefix': 'other' }))).toBe('false');
    expect(truth('StringLike', 's3:prefix', "home/${aws:username, 'shared'}/*", {}, onRole({ 's3:prefix': 'home/shared/x' }))).toBe('true');
  });

  it('an unknown key leaves the value open, unless no value of it could match', () => {
    const bob = user('bob');
    const on = (prefix: string): Request => request(bob, 's3:ListBucket', '*', { values: { 's3:prefix': prefix } });
    expect(truth('StringLike', 's3:prefix', 'home/${aws:PrincipalTag/team}/*', {}, on('home/blue/x'))).toBe('unknown');
    expect(truth('StringLike', 's3:prefix', 'home/${aws:PrincipalTag/team}/*', {}, on('other/blue/x'))).toBe('false');
    expect(truth('StringEquals', 's3:prefix', 'home/${aws:PrincipalTag/team}', {}, on('work/blue'))).toBe('false');
  });

  it('${*}, ${?} and ${$} are a literal star, question mark and dollar', () => {
    expect(truth('StringLike', 's3:prefix', 'a${*}', { values: { 's3:prefix': 'a*' } })).toBe('true');
    expect(truth('StringLike', 's3:prefix', 'a${*}', { values: { 's3:prefix': 'ab' } })).toBe('false');
    expect(truth('StringEquals', 's3:prefix', 'a${?}${$}', { values: { 's3:prefix': 'a?$' } })).toBe('true');
    // StringEquals has no wildcards: a star is a star.
    expect(truth('StringEquals', 's3:prefix', 'a*', { values: { 's3:prefix': 'a*' } })).toBe('true');
  });

  it('a substituted value is literal text even when it holds a star', () => {
    const starred = user('bob', { tags: { team: '*' } });
    expect(truth('StringLike', 's3:prefix', '${aws:PrincipalTag/team}', {}, request(starred, 's3:ListBucket', '*', { values: { 's3:prefix': 'anything' } }))).toBe('false');
  });

  it('are literal text under Version 2008-10-17', () => {
    const on = request(alice, 's3:ListBucket', '*', { values: { 's3:prefix': '${aws:username}' } });
    expect(evaluateClause(clause('StringEquals', 's3:prefix', '${aws:username}', '2008-10-17'), on, { variables: false })).toBe('true');
  });

  it('are not substituted in numeric values', () => {
    expect(truth('NumericEquals', 's3:max-keys', '${aws:username}', { values: { 's3:max-keys': '1' } })).toBe('false');
  });
});

describe('operators IAM does not have', () => {
  it.each(['StringEqualz', 'Foo:StringEquals', 'DateBefore'])('%s is unknown, never an error', (operator) => {
    expect(truth(operator, 'aws:RequestTag/env', 'x', { values: { 'aws:requesttag/env': 'x' } })).toBe('unknown');
  });
});

describe('a condition block', () => {
  const block = (condition: object) => policy([{ Effect: 'Allow', Action: '*', Resource: '*', Condition: condition }]).statements[0]?.condition;
  const on = request(alice, 's3:GetObject', '*', { values: { 'aws:sourceip': '10.0.0.1', 'aws:securetransport': 'true' } });

  it('ANDs its clauses: false wins over unknown, unknown over true', () => {
    expect(evaluateCondition(block({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' }, Bool: { 'aws:SecureTransport': 'true' } }), on)).toBe('true');
    expect(evaluateCondition(block({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' }, Bool: { 'aws:MultiFactorAuthPresent': 'true' } }), on)).toBe('unknown');
    expect(evaluateCondition(block({ IpAddress: { 'aws:SourceIp': '192.0.2.0/24' }, Bool: { 'aws:MultiFactorAuthPresent': 'true' } }), on)).toBe('false');
    expect(evaluateCondition(undefined, on)).toBe('true');
  });

  it('ANDs several keys under one operator', () => {
    expect(evaluateCondition(block({ StringEquals: { 'aws:username': 'alice', 'aws:PrincipalAccount': '111122223333' } }), on)).toBe('true');
    expect(evaluateCondition(block({ StringEquals: { 'aws:username': 'alice', 'aws:PrincipalAccount': '444455556666' } }), on)).toBe('false');
  });
});
