import { describe, expect, it } from 'vitest';
import { requiredValueSets, webIdentityIssuer } from '../../src/iam/web-identity.js';
import { loadPolicyText } from '../helpers/policy.js';

describe('web identity', () => {
  it.each([
    ['arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com', 'token.actions.githubusercontent.com'],
    ['arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123', 'oidc.eks.eu-west-1.amazonaws.com/id/ABC123'],
    ['accounts.google.com', 'accounts.google.com'],
    ['Cognito-Identity.amazonaws.com', 'cognito-identity.amazonaws.com'],
    ['arn:aws:iam::111122223333:saml-provider/okta', undefined],
  ])('%s is issued by %s', (principal, issuer) => {
    expect(webIdentityIssuer(principal)).toBe(issuer);
  });

  it('reads the values a condition requires, ignoring negated and IfExists forms', () => {
    const condition = (c: object) =>
      loadPolicyText(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: 'accounts.google.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: c }] })).statements[0]?.condition;
    expect(requiredValueSets(condition({ StringEquals: { 'accounts.google.com:aud': ['a', 'b'] } }), 'ACCOUNTS.GOOGLE.COM:aud')).toEqual([{ values: ['a', 'b'], like: false }]);
    expect(requiredValueSets(condition({ StringLike: { 'x:sub': 'repo:o/*' } }), 'x:sub')).toEqual([{ values: ['repo:o/*'], like: true }]);
    expect(requiredValueSets(condition({ StringEqualsIfExists: { 'x:sub': 'a' } }), 'x:sub')).toEqual([]);
    expect(requiredValueSets(condition({ StringNotEquals: { 'x:sub': 'a' } }), 'x:sub')).toEqual([]);
    expect(requiredValueSets(condition({ 'ForAllValues:StringEquals': { 'x:sub': 'a' } }), 'x:sub')).toEqual([]);
    // Clauses are ANDed: each is returned, and any one of them may pin the key.
    expect(requiredValueSets(condition({ StringEquals: { 'x:sub': 'repo:o/r:ref:refs/heads/main' }, StringLike: { 'x:sub': '*' } }), 'x:sub')).toHaveLength(2);
  });
});
