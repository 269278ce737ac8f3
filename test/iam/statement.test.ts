import { describe, expect, it } from 'vitest';
import { callerLimit, restrictsStatement } from '../../src/iam/conditions.js';
import { describeList } from '../../src/iam/describe.js';
import { allowsEveryAction, coversAction, isEveryResource, onEveryResource, parseOperator } from '../../src/iam/statement.js';
import { isEveryAction } from '../../src/iam/wildcard.js';
import { nearest } from '../../src/iam/suggest.js';
import { loadPolicyText } from '../helpers/policy.js';

function statement(body: object) {
  const document = loadPolicyText(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Resource: '*', ...body }] }));
  const first = document.statements[0];
  if (!first) throw new Error('no statement');
  return first;
}

describe('statement semantics', () => {
  it('covers actions through Action patterns and the inverse of NotAction', () => {
    expect(coversAction(statement({ Action: ['s3:Get*', 'iam:PassRole'] }), 'IAM:passrole')).toBe(true);
    expect(coversAction(statement({ Action: 's3:*' }), 'iam:PassRole')).toBe(false);
    expect(coversAction(statement({ NotAction: ['iam:*'] }), 'iam:PassRole')).toBe(false);
    expect(coversAction(statement({ NotAction: ['s3:DeleteBucket'] }), 'iam:PassRole')).toBe(true);
  });

  it('knows the patterns that mean every action and every resource', () => {
    expect(['*', '*:*', '**'].every(isEveryAction)).toBe(true);
    expect(['s3:*', '*:Get*', 'iam:*'].some(isEveryAction)).toBe(false);
    expect(['*', 'arn:*', 'arn:aws:*:*:*:*', 'arn:*:*'].every(isEveryResource)).toBe(true);
    expect(['arn:aws:s3:::*', 'arn:aws', 'arn:aws:iam::*:role/*', 'arn:aws:*:*:111122223333:*'].some(isEveryResource)).toBe(false);
    expect(allowsEveryAction(statement({ Action: ['s3:GetObject', '*'] }))).toBe(true);
    expect(onEveryResource(statement({ Action: '*' }))).toBe(true);
    expect(onEveryResource(statement({ Action: '*', Resource: 'arn:aws:s3:::b' }))).toBe(false);
  });

  it('splits condition operators into set qualifier, base and IfExists', () => {
    expect(parseOperator('ForAnyValue:StringLikeIfExists')).toEqual({ set: 'ForAnyValue', base: 'StringLike', ifExists: true });
    expect(parseOperator('forallvalues:StringEquals')).toEqual({ set: 'ForAllValues', base: 'StringEquals', ifExists: false });
    expect(parseOperator('Null')).toEqual({ set: undefined, base: 'Null', ifExists: false });
    expect(parseOperator('IpAddress')).toEqual({ set: undefined, base: 'IpAddress', ifExists: false });
  });
});

describe('conditions', () => {
  const limit = (condition: object) => callerLimit(statement({ Action: '*', Condition: condition }).condition);

  it('recognises conditions that limit callers', () => {
    expect(limit({ StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } })).toBeDefined();
    expect(limit({ StringEquals: { 'AWS:SourceAccount': '111122223333' } })).toBeDefined();
    expect(limit({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } })).toBeDefined();
    expect(limit({ StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } })).toBeDefined();
    expect(limit({ Bool: { 'aws:PrincipalIsAWSService': 'true' } })).toBeDefined();
  });

  it('does not count conditions that let anyone through', () => {
    expect(limit({ StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } })).toBeUndefined();
    expect(limit({ StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } })).toBeUndefined();
    expect(limit({ StringLike: { 'aws:PrincipalOrgID': '*' } })).toBeUndefined();
    expect(limit({ IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } })).toBeUndefined();
    expect(limit({ 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } })).toBeUndefined();
    expect(limit({ Bool: { 'aws:SecureTransport': 'true' } })).toBeUndefined();
    expect(limit({ Null: { 'aws:PrincipalOrgID': 'false' } })).toBeUndefined();
    expect(limit({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*' } })).toBeUndefined();
    expect(limit({ StringLike: { 'aws:PrincipalAccount': '????????????' } })).toBeUndefined();
    expect(limit({ IpAddress: { 'aws:SourceIp': ['0.0.0.0/1', '128.0.0.0/1'] } })).toBeUndefined();
    expect(limit({ StringEquals: { 'aws:username': 'alice' } })).toBeUndefined();
  });

  it('accepts wildcards that keep the account or organization fixed', () => {
    expect(limit({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/ci-*' } })).toBeDefined();
    expect(limit({ ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::logs-bucket/*' } })).toBeDefined();
    expect(limit({ 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*' } })).toBeDefined();
    expect(limit({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } })).toBeDefined();
  });

  it('treats any condition but aws:SecureTransport as restricting a statement', () => {
    expect(restrictsStatement(statement({ Action: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }).condition)).toBe(false);
    expect(restrictsStatement(statement({ Action: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }).condition)).toBe(true);
    expect(restrictsStatement(undefined)).toBe(false);
  });
});

describe('helpers', () => {
  it('describes lists briefly', () => {
    expect(describeList([])).toBe('nothing');
    expect(describeList(['a'])).toBe('a');
    expect(describeList(['a', 'b'])).toBe('a and b');
    expect(describeList(['a', 'b', 'c', 'd', 'e'])).toBe('a, b, c and 2 more');
  });

  it('suggests the nearest name', () => {
    expect(nearest('Actions', ['Action', 'Resource'])).toBe('Action');
    expect(nearest('full-admn', ['full-admin', 'public-access'])).toBe('full-admin');
    expect(nearest('zzzzzz', ['Action'])).toBeUndefined();
    expect(nearest('ksm', ['kms', 'ssm'])).toBe('kms');
    expect(nearest('st', ['s3', 'sts'])).toBe('sts');
    expect(nearest('Effcet', ['Effect', 'Sid'])).toBe('Effect');
  });
});
