import { describe, expect, it } from 'vitest';
import { account, adminAccess, allow, arn, deny, escalations, graphOf, organizationOf, policy, type AccountSpec } from './inventory.js';

const mfa = { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } };

describe('administrator-equivalence: every action', () => {
  const spec: AccountSpec = {
    users: [
      { name: 'admin', attached: ['AdministratorAccess'] },
      { name: 'mfa-admin', inline: { all: policy(allow('*', '*', mfa)) } },
      { name: 'services', inline: { all: policy(allow(['s3:*', 'ec2:*', 'iam:*', 'lambda:*'])) } },
      { name: 'all-but-iam', inline: { all: policy({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }) } },
      { name: 'bounded', attached: ['AdministratorAccess'], boundary: 's3-only' },
      { name: 'denied', attached: ['AdministratorAccess'], inline: { no: policy(deny('*')) } },
    ],
    roles: [{ name: 'admin-role', trust: policy({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }), attached: ['AdministratorAccess'] }],
    policies: [adminAccess, { name: 's3-only', versions: [policy(allow('s3:*'))] }],
  };
  const g = graphOf([spec]);
  const admin = (key: string): string | undefined => g.graph.getNodeAttribute(key, 'admin');

  it('is decided with the catalogue, not by looking for "*"', () => {
    expect(admin(arn.user('admin'))).toBe('unconditional');
    expect(admin(arn.role('admin-role'))).toBe('unconditional');
    // iam:* on every resource lets it write its own policy: administrator by a self technique, not by every action.
    expect(admin(arn.user('services'))).toBe('unconditional');
    expect(escalations(g, arn.user('services'))).not.toContain(`admin-access → ${arn.admin()}`);
    expect(admin(arn.user('all-but-iam'))).toBeUndefined();
  });

  it('draws an admin-access edge with the statements behind it', () => {
    const edge = g.graph.getEdgeAttributes(`escalates-to|${arn.user('admin')}|${arn.admin()}|admin-access`);
    expect(edge).toMatchObject({ status: 'unconditional', actions: ['*'], conditions: [] });
    expect(edge.evidence.map((e) => e.description)).toEqual(["Statement #1 of AWS managed policy 'AdministratorAccess'"]);
  });

  it('is conditional when the grant is', () => {
    expect(admin(arn.user('mfa-admin'))).toBe('conditional');
    expect(g.graph.getEdgeAttribute(`escalates-to|${arn.user('mfa-admin')}|${arn.admin()}|admin-access`, 'conditions')).toEqual(["aws:MultiFactorAuthPresent Bool true (Statement #1 of policy 'all' (inline, user/mfa-admin))"]);
  });

  it('is capped by a permissions boundary and stopped by a Deny', () => {
    expect(admin(arn.user('bounded'))).toBeUndefined();
    expect(admin(arn.user('denied'))).toBeUndefined();
    expect(escalations(g, arn.user('denied'))).toEqual([]);
  });

  it('holds for the root user of an analysed account', () => {
    expect(admin(arn.root())).toBe('unconditional');
    expect(escalations(g, arn.root())).toEqual([`admin-access → ${arn.admin()}`]);
  });

  it('marks a group whose policies make its members administrators', () => {
    const groups = graphOf([{ groups: [{ name: 'Admins', attached: ['AdministratorAccess'] }, { name: 'Readers', inline: { r: policy(allow('s3:Get*')) } }], policies: [adminAccess] }]);
    expect(groups.graph.getNodeAttribute(arn.group('Admins'), 'admin')).toBe('unconditional');
    expect(groups.graph.getNodeAttribute(arn.group('Readers'), 'admin')).toBeUndefined();
  });
});

describe('administrator-equivalence under SCPs', () => {
  const spec: AccountSpec = { users: [{ name: 'admin', attached: ['AdministratorAccess'] }, { name: 'writer', inline: { self: policy(allow('iam:PutUserPolicy', arn.user('writer'))) } }], policies: [adminAccess] };

  it('leaves out what the SCPs deny every principal of the account', () => {
    const organization = organizationOf([account], { FullAWSAccess: policy(allow('*')), DenyLeaving: policy(deny(['organizations:LeaveOrganization', 'account:*'])) });
    const g = graphOf([spec], { organization });
    expect(g.graph.getNodeAttribute(arn.user('admin'), 'admin')).toBe('unconditional');
    expect(g.graph.getNodeAttribute(arn.user('writer'), 'admin')).toBe('unconditional');
  });

  it('is not reached through a technique the SCPs deny', () => {
    const organization = organizationOf([account], { FullAWSAccess: policy(allow('*')), DenyIamWrites: policy(deny('iam:Put*')) });
    const g = graphOf([spec], { organization });
    expect(g.graph.getNodeAttribute(arn.user('writer'), 'admin')).toBeUndefined();
    expect(escalations(g, arn.user('writer'))).toEqual([]);
  });

  it('does not apply SCPs to the management account', () => {
    const organization = organizationOf([account], { FullAWSAccess: policy(allow('*')), DenyIamWrites: policy(deny('iam:Put*')) }, account);
    const g = graphOf([spec], { organization });
    expect(g.graph.getNodeAttribute(arn.user('writer'), 'admin')).toBe('unconditional');
  });
});
