import { describe, expect, it } from 'vitest';
import { adminGrant, firstAdminStatement } from '../../src/iam/admin.js';
import { loadPolicyText } from '../helpers/policy.js';

function policy(...statements: object[]) {
  return loadPolicyText(JSON.stringify({ Version: '2012-10-17', Statement: statements }));
}

function grantOf(statement: object) {
  const first = policy(statement).statements[0];
  if (!first) throw new Error('no statement');
  return adminGrant(first);
}

describe('adminGrant', () => {
  it('finds every action on every resource, in any spelling of both', () => {
    expect(grantOf({ Effect: 'Allow', Action: '*', Resource: '*' })).toEqual({ kind: 'everyAction' });
    expect(grantOf({ Effect: 'Allow', Action: ['s3:GetObject', '*:*'], Resource: ['arn:aws:s3:::b', 'arn:aws:*:*:*:*'] })).toEqual({ kind: 'everyAction' });
  });

  it('finds a NotAction that leaves in an action that grants itself anything', () => {
    expect(grantOf({ Effect: 'Allow', NotAction: 's3:DeleteBucket', Resource: '*' })).toEqual({ kind: 'notAction', escalation: 'iam:AttachUserPolicy' });
    expect(grantOf({ Effect: 'Allow', NotAction: ['iam:Attach*', 'iam:Put*'], Resource: '*' })).toEqual({ kind: 'notAction', escalation: 'iam:CreatePolicyVersion' });
    // PowerUserAccess leaves out all of IAM.
    expect(grantOf({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' })).toBeUndefined();
  });

  it('ignores a condition only on aws:SecureTransport, and no other', () => {
    expect(grantOf({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } })).toEqual({ kind: 'everyAction' });
    expect(grantOf({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } })).toBeUndefined();
  });

  it('is not administrator access: Deny, named resources, NotResource, or some actions only', () => {
    expect(grantOf({ Effect: 'Deny', Action: '*', Resource: '*' })).toBeUndefined();
    expect(grantOf({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::bucket/*' })).toBeUndefined();
    expect(grantOf({ Effect: 'Allow', Action: '*', NotResource: 'arn:aws:s3:::bucket' })).toBeUndefined();
    expect(grantOf({ Effect: 'Allow', Action: 'iam:*', Resource: '*' })).toBeUndefined();
  });
});

describe('firstAdminStatement', () => {
  it('gives the first statement that grants administrator access, whatever a Deny before it says', () => {
    const found = firstAdminStatement(
      policy(
        { Sid: 'DenyAll', Effect: 'Deny', Action: '*', Resource: '*' },
        { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
        { Sid: 'NearlyAll', Effect: 'Allow', NotAction: 'ec2:TerminateInstances', Resource: '*' },
        { Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' },
      ),
    );
    expect(found?.statement.sid?.value).toBe('NearlyAll');
    expect(found?.grant).toEqual({ kind: 'notAction', escalation: 'iam:AttachUserPolicy' });
  });

  it('gives nothing for a policy without one', () => {
    expect(firstAdminStatement(policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' }))).toBeUndefined();
  });
});
