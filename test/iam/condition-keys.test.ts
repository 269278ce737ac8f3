import { describe, expect, it } from 'vitest';
import { findConditionKey, isMultivalued } from '../../src/iam/condition-keys.js';

describe('condition keys', () => {
  it.each([
    ['aws:PrincipalOrgID', 'aws:PrincipalOrgID', 'String'],
    ['AWS:principalorgid', 'aws:PrincipalOrgID', 'String'],
    ['aws:PrincipalTag/team', 'aws:PrincipalTag/tag-key', 'String'],
    ['aws:RequestTag/env', 'aws:RequestTag/tag-key', 'String'],
    ['aws:TagKeys', 'aws:TagKeys', 'ArrayOfString'],
    ['aws:PrincipalOrgPaths', 'aws:PrincipalOrgPaths', 'ArrayOfString'],
    ['s3:prefix', 's3:prefix', 'String'],
    ['s3:ExistingObjectTag/classification', 's3:ExistingObjectTag/<key>', 'String'],
    ['ec2:ResourceTag/Name', 'ec2:ResourceTag/${TagKey}', 'String'],
    ['saml:sub', 'saml:sub', 'String'],
    ['accounts.google.com:aud', 'accounts.google.com:aud', 'String'],
    ['token.actions.githubusercontent.com:repository', 'token.actions.githubusercontent.com:repository', 'String'],
    ['token.actions.myco.ghe.com:repository', 'token.actions.${Domain}.ghe.com:repository', 'String'],
  ])('%s is %s (%s)', (key, defined, type) => {
    expect(findConditionKey(key)).toEqual({ key: defined, type });
  });

  it('does not know made-up keys', () => {
    expect(findConditionKey('aws:Nope')).toBeUndefined();
    expect(findConditionKey('foo:bar')).toBeUndefined();
    expect(findConditionKey('nocolon')).toBeUndefined();
  });

  it('tells multivalued keys by their type', () => {
    const tagKeys = findConditionKey('aws:TagKeys');
    const orgId = findConditionKey('aws:PrincipalOrgID');
    expect(tagKeys && isMultivalued(tagKeys)).toBe(true);
    expect(orgId && isMultivalued(orgId)).toBe(false);
  });
});
