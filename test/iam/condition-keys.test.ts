import { describe, expect, it } from 'vitest';
import { patternSet } from '../../src/iam/action-set.js';
import { catalogue } from '../../src/iam/catalogue.js';
import { conditionKeyVerdict, findConditionKey, isMultivalued, resolveConditionKey, type KeyVerdict } from '../../src/iam/condition-keys.js';

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
    // The catalogue addendum.
    ['token.actions.githubusercontent.com:sub', 'token.actions.githubusercontent.com:sub', 'String'],
    ['token.actions.githubusercontent.com:aud', 'token.actions.githubusercontent.com:aud', 'String'],
    // Defined only by a service other than the one the prefix names.
    ['ec2:osuser', 'ec2:osuser', 'String'],
    ['identitystore:GroupId', 'identitystore:GroupId', 'ArrayOfString'],
    // A template spelled with a bare trailing slash.
    ['glacier:ResourceTag/team', 'glacier:ResourceTag/', 'String'],
  ])('%s is %s (%s)', (key, defined, type) => {
    expect(findConditionKey(key)).toEqual({ key: defined, type });
  });

  it('does not know made-up keys', () => {
    expect(findConditionKey('aws:Nope')).toBeUndefined();
    expect(findConditionKey('foo:bar')).toBeUndefined();
    expect(findConditionKey('nocolon')).toBeUndefined();
    expect(findConditionKey('oidc.eks.us-east-1.amazonaws.com/id/ABC:sub')).toBeUndefined();
  });

  it('tells multivalued keys by their type', () => {
    const tagKeys = findConditionKey('aws:TagKeys');
    const orgId = findConditionKey('aws:PrincipalOrgID');
    expect(tagKeys && isMultivalued(tagKeys)).toBe(true);
    expect(orgId && isMultivalued(orgId)).toBe(false);
  });

  it('lists the addendum keys for AssumeRoleWithWebIdentity', () => {
    const keys = catalogue().service('sts')?.actions.get('assumerolewithwebidentity')?.conditionKeys;
    expect(keys).toContain('token.actions.githubusercontent.com:sub');
    expect(keys).toContain('token.actions.githubusercontent.com:aud');
  });
});

describe('resolving condition keys', () => {
  it.each([
    ['aws:SourceIp', 'global', 'IPAddress'],
    ['s3:prefix', 'service', 'String'],
    ['saml:aud', 'federation', 'String'],
    ['cognito-identity.amazonaws.com:amr', 'federation', 'ArrayOfString'],
    ['oidc.eks.us-east-1.amazonaws.com/id/ABC:sub', 'federation', 'String'],
    ['oidc.eks.us-east-1.amazonaws.com/id/ABC:AUD', 'federation', 'String'],
    ['gitlab.com:sub', 'federation', 'String'],
    ['accounts.google.com:email', 'federation', 'String'],
  ])('%s is a %s key of type %s', (key, scope, type) => {
    const found = resolveConditionKey(key);
    expect(found?.scope).toBe(scope);
    expect(found?.info.type).toBe(type);
  });

  it('names every service that defines a service key', () => {
    expect(resolveConditionKey('ec2:ResourceTag/team')?.services.map((s) => s.prefix)).toEqual(['ec2', 'ec2-instance-connect']);
    expect(resolveConditionKey('iam:ResourceTag/team')?.services.map((s) => s.prefix)).toEqual(['iam', 'codestar', 'sts']);
  });

  it('knows only the catalogue keys of Facebook, Login with Amazon and SAML, and only the standard claims of other providers', () => {
    expect(resolveConditionKey('graph.facebook.com:aud')).toBeUndefined();
    expect(resolveConditionKey('www.amazon.com:sub')).toBeUndefined();
    expect(resolveConditionKey('saml:email')).toBeUndefined();
    expect(resolveConditionKey('oidc.eks.us-east-1.amazonaws.com/id/ABC:namespace')).toBeUndefined();
  });
});

function verdict(key: string, actions: readonly string[] | undefined): KeyVerdict {
  return conditionKeyVerdict(key, actions && patternSet(actions));
}

describe("whether a key means anything for a statement's actions", () => {
  it.each([
    ['aws:PrincipalOrgID', ['s3:GetObject']],
    ['s3:prefix', ['s3:ListBucket', 's3:GetObject']],
    ['s3:prefix', ['s3:*']],
    ['ec2:ResourceTag/env', ['*']],
    ['iam:PassedToService', ['iam:PassRole']],
    ['iam:ResourceTag/team', ['sts:AssumeRole']],
    ['ec2:osuser', ['ec2-instance-connect:SendSSHPublicKey']],
    ['saml:sub', ['s3:GetObject']],
    ['token.actions.githubusercontent.com:sub', ['sts:AssumeRoleWithWebIdentity']],
    // Unknown to the catalogue, possibly a newer S3 action.
    ['s3:prefix', ['s3:GetObject', 's3:ListEverything']],
    // Nothing known to judge by.
    ['ec2:ResourceTag/env', ['nosuch:Action']],
  ])('%s applies to %j', (key, actions) => {
    expect(verdict(key, actions)).toEqual({ kind: 'applies' });
  });

  it('reports keys defined nowhere, with the nearest key', () => {
    expect(verdict('aws:PrincipleOrgID', ['s3:GetObject'])).toEqual({ kind: 'unknown', suggestion: 'aws:PrincipalOrgID' });
    expect(verdict('aws:RequestTag', undefined)).toEqual({ kind: 'unknown', suggestion: 'aws:RequestTag/tag-key' });
    expect(verdict('s4:prefix', ['s3:ListBucket'])).toEqual({ kind: 'unknown', suggestion: 's3:prefix' });
  });

  it('reports claims a provider does not have', () => {
    const found = verdict('token.actions.githubusercontent.com:repo', ['sts:AssumeRoleWithWebIdentity']);
    expect(found.kind === 'unknownClaim' && found.suggestion).toBe('token.actions.githubusercontent.com:repository');
    expect(verdict('graph.facebook.com:aud', undefined)).toEqual({ kind: 'unknownClaim', provider: 'graph.facebook.com', claims: ['app_id', 'id'], suggestion: 'graph.facebook.com:id' });
  });

  it('reports keys of services the statement has no action in', () => {
    const found = verdict('ec2:ResourceTag/team', ['ssm:StartSession']);
    expect(found.kind === 'otherService' && found.services.map((s) => s.prefix)).toEqual(['ec2', 'ec2-instance-connect']);
  });

  it("reports keys none of the statement's actions of their service support", () => {
    const found = verdict('s3:prefix', ['s3:GetObject']);
    expect(found.kind).toBe('notForActions');
    if (found.kind !== 'notForActions') return;
    expect(found.actions.map((a) => a.id)).toEqual(['s3:GetObject']);
    expect(found.supporting.map((a) => a.id)).toContain('s3:ListBucket');
  });

  it('caches per action set and key', () => {
    const set = patternSet(['s3:GetObject']);
    expect(conditionKeyVerdict('s3:prefix', set)).toBe(conditionKeyVerdict('s3:prefix', set));
  });
});
