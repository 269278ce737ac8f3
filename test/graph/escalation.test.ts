import { describe, expect, it } from 'vitest';
import { account, adminAccess, allow, arn, escalations, graphOf, policy, trusts, type AccountSpec } from './inventory.js';

const service = (name: string): ReturnType<typeof trusts> => trusts({ Service: name });

describe('self techniques end at admin:<account>', () => {
  it('put-user-policy on itself; not on another user only', () => {
    const g = graphOf([
      {
        users: [
          { name: 'self', inline: { p: policy(allow('iam:PutUserPolicy', arn.user('self'))) } },
          { name: 'other', inline: { p: policy(allow('iam:PutUserPolicy', arn.user('self'))) } },
        ],
      },
    ]);
    expect(escalations(g, arn.user('self'))).toEqual([`put-user-policy → ${arn.admin()}`]);
    expect(g.graph.getEdgeAttributes(`escalates-to|${arn.user('self')}|${arn.admin()}|put-user-policy`)).toMatchObject({ status: 'unconditional', actions: ['iam:PutUserPolicy'] });
    // Writing another user's policy raises that user, not the writer, which cannot act as it.
    expect(escalations(g, arn.user('other'))).toEqual([]);
  });

  it('attach-role-policy on itself, for a role', () => {
    const g = graphOf([{ roles: [{ name: 'r', trust: policy(service('ec2.amazonaws.com')), inline: { p: policy(allow('iam:AttachRolePolicy', arn.role('r'))) } }] }]);
    expect(escalations(g, arn.role('r'))).toEqual([`attach-role-policy → ${arn.admin()}`]);
  });

  it('attach-user-policy only for the policies a condition lets it attach', () => {
    const only = (policyArn: string) => policy(allow('iam:AttachUserPolicy', '*', { Condition: { ArnEquals: { 'iam:PolicyARN': policyArn } } }));
    const g = graphOf([{ users: [{ name: 'any', inline: { p: only('arn:aws:iam::aws:policy/*') } }, { name: 'readonly', inline: { p: only('arn:aws:iam::aws:policy/ReadOnlyAccess') } }] }]);
    expect(escalations(g, arn.user('readonly'))).toEqual([]);
  });

  it('put-group-policy on one of its groups', () => {
    const g = graphOf([{ users: [{ name: 'member', groups: ['devs'] }], groups: [{ name: 'devs', inline: { p: policy(allow('iam:PutGroupPolicy', arn.group('devs'))) } }] }]);
    const key = `escalates-to|${arn.user('member')}|${arn.admin()}|put-group-policy`;
    expect(g.graph.getEdgeAttribute(key, 'via')).toEqual([arn.group('devs')]);
    expect(g.graph.getEdgeAttribute(key, 'evidence').map((e) => e.description)).toEqual(["Statement #1 of policy 'p' (inline, group/devs)"]);
  });

  it('create-policy-version on a customer policy it holds; never on an AWS managed one', () => {
    const g = graphOf([
      {
        users: [
          { name: 'holder', attached: ['team-dev'], groups: ['g'] },
          { name: 'aws-holder', attached: ['ReadOnlyAccess'], inline: { p: policy(allow('iam:CreatePolicyVersion', 'arn:aws:iam::aws:policy/*')) } },
        ],
        groups: [{ name: 'g', inline: { p: policy(allow('iam:CreatePolicyVersion', 'arn:aws:iam::*:policy/team-*')) } }],
        policies: [
          { name: 'team-dev', versions: [policy(allow('s3:GetObject'))] },
          { name: 'ReadOnlyAccess', aws: true, versions: [policy(allow('s3:Get*'))] },
        ],
      },
    ]);
    expect(escalations(g, arn.user('holder'))).toEqual([`create-policy-version → ${arn.admin()}`]);
    expect(g.graph.getEdgeAttribute(`escalates-to|${arn.user('holder')}|${arn.admin()}|create-policy-version`, 'via')).toEqual([arn.policy('team-dev')]);
    expect(escalations(g, arn.user('aws-holder'))).toEqual([]);
  });

  it('set-default-policy-version only when another version makes it an administrator', () => {
    const versions = (old: ReturnType<typeof policy>) => ({ versions: [old, policy(allow('s3:GetObject'), allow('iam:SetDefaultPolicyVersion'))] });
    const g = graphOf([
      {
        users: [
          { name: 'rollback', attached: ['was-admin'] },
          { name: 'harmless', attached: ['was-reader'] },
        ],
        policies: [
          { name: 'was-admin', ...versions(policy(allow('*'))) },
          { name: 'was-reader', ...versions(policy(allow('s3:*'))) },
        ],
      },
    ]);
    expect(escalations(g, arn.user('rollback'))).toEqual([`set-default-policy-version → ${arn.admin()}`]);
    expect(escalations(g, arn.user('harmless'))).toEqual([]);
  });

  it('add-user-to-group: to a group that makes its members administrators, not to another', () => {
    const g = graphOf([
      {
        users: [{ name: 'joiner', inline: { p: policy(allow('iam:AddUserToGroup')) } }],
        groups: [{ name: 'Admins', attached: ['AdministratorAccess'] }, { name: 'Readers', inline: { r: policy(allow('s3:Get*')) } }],
        policies: [adminAccess],
      },
    ]);
    expect(escalations(g, arn.user('joiner'))).toEqual([`add-user-to-group → ${arn.admin()}`]);
    expect(g.graph.getEdgeAttribute(`escalates-to|${arn.user('joiner')}|${arn.admin()}|add-user-to-group`, 'via')).toEqual([arn.group('Admins')]);
  });

  it('delete-user-permissions-boundary when its own policies alone make it an administrator', () => {
    const spec: AccountSpec = {
      users: [
        { name: 'unbounder', attached: ['AdministratorAccess'], boundary: 'boundary', inline: { b: policy(allow('iam:DeleteUserPermissionsBoundary', arn.user('unbounder'))) } },
        { name: 'kept', attached: ['AdministratorAccess'], boundary: 'strict' },
      ],
      policies: [adminAccess, { name: 'boundary', versions: [policy(allow(['s3:*', 'iam:DeleteUserPermissionsBoundary']))] }, { name: 'strict', versions: [policy(allow('s3:*'))] }],
    };
    const g = graphOf([spec]);
    expect(escalations(g, arn.user('unbounder'))).toEqual([`delete-user-permissions-boundary → ${arn.admin()}`]);
    // Its boundary does not allow removing it: no technique.
    expect(escalations(g, arn.user('kept'))).toEqual([]);
  });

  it('is blocked by a permissions boundary that caps what it could give itself', () => {
    const g = graphOf([
      {
        users: [{ name: 'bounded', inline: { p: policy(allow(['iam:PutUserPolicy', 's3:*'], '*')) }, boundary: 'boundary' }],
        policies: [{ name: 'boundary', versions: [policy(allow(['iam:PutUserPolicy', 's3:*']))] }],
      },
    ]);
    expect(escalations(g, arn.user('bounded'))).toEqual([]);
    expect(g.graph.getNodeAttribute(arn.user('bounded'), 'admin')).toBeUndefined();
  });
});

describe('principal techniques end at the principal', () => {
  const spec: AccountSpec = {
    users: [
      { name: 'keys', inline: { p: policy(allow('iam:CreateAccessKey', arn.user('victim'))) } },
      { name: 'console', inline: { p: policy(allow(['iam:CreateLoginProfile', 'iam:UpdateLoginProfile'], arn.user('victim'))) } },
      { name: 'truster', inline: { p: policy(allow('iam:UpdateAssumeRolePolicy')) } },
      { name: 'victim' },
    ],
    roles: [
      { name: 'app', trust: policy(service('lambda.amazonaws.com')) },
      { name: 'AWSServiceRoleForSupport', path: '/aws-service-role/support.amazonaws.com/', trust: policy(service('support.amazonaws.com')) },
    ],
  };
  const g = graphOf([spec]);

  it('create-access-key and login profiles on another user', () => {
    expect(escalations(g, arn.user('keys'))).toEqual([`create-access-key → ${arn.user('victim')}`]);
    // Without a credential report, whether the user has a password is unknown: both.
    expect(escalations(g, arn.user('console')).sort()).toEqual([`create-login-profile → ${arn.user('victim')}`, `update-login-profile → ${arn.user('victim')}`]);
    expect(escalations(g, arn.user('victim'))).toEqual([]);
  });

  it('update-assume-role-policy on a role, but not on a service-linked role', () => {
    expect(escalations(g, arn.user('truster'))).toEqual([`update-assume-role-policy → ${arn.role('app')}`]);
  });

  it('writing the policies of a principal it can act as makes it an administrator', () => {
    const writes = graphOf([
      {
        users: [
          { name: 'writer', inline: { p: policy(allow('iam:PutRolePolicy', arn.role('target'))) } },
          { name: 'outsider', inline: { p: policy(allow('iam:PutRolePolicy', arn.role('target'))) } },
        ],
        roles: [{ name: 'target', trust: policy(trusts({ AWS: arn.user('writer') })) }],
      },
    ]);
    const key = `escalates-to|${arn.user('writer')}|${arn.admin()}|put-role-policy`;
    expect(writes.graph.getEdgeAttributes(key)).toMatchObject({ status: 'unconditional', actions: ['iam:PutRolePolicy', 'sts:AssumeRole'], via: [arn.role('target')] });
    expect(escalations(writes, arn.user('outsider'))).toEqual([]);
  });
});

describe('compute techniques', () => {
  it('new-passrole: to each role trusting the service that it may pass (PassRole and RunInstances from two policies)', () => {
    const g = graphOf([
      {
        users: [{ name: 'launcher', inline: { run: policy(allow('ec2:RunInstances')), pass: policy(allow('iam:PassRole', arn.role('web'))) } }],
        roles: [
          { name: 'web', trust: policy(service('ec2.amazonaws.com')), instanceProfile: true },
          { name: 'batch', trust: policy(service('ec2.amazonaws.com')), instanceProfile: true },
          { name: 'fn', trust: policy(service('lambda.amazonaws.com')) },
        ],
      },
    ]);
    expect(escalations(g, arn.user('launcher'))).toEqual([`ec2-instance → ${arn.role('web')}`]);
    const edge = g.graph.getEdgeAttributes(`escalates-to|${arn.user('launcher')}|${arn.role('web')}|ec2-instance`);
    expect(edge.actions).toEqual(['iam:PassRole', 'ec2:RunInstances']);
    expect(edge.evidence.map((e) => e.description)).toEqual(["Statement #1 of policy 'pass' (inline, user/launcher)", "Statement #1 of policy 'run' (inline, user/launcher)", 'Statement #1 of trust policy of role/web']);
  });

  it('new-passrole: iam:PassedToService decides which services', () => {
    const g = graphOf([
      {
        users: [{ name: 'dev', inline: { p: policy(allow(['ec2:RunInstances', 'lambda:CreateFunction', 'lambda:InvokeFunction']), allow('iam:PassRole', '*', { Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } })) } }],
        roles: [
          { name: 'web', trust: policy(service('ec2.amazonaws.com')), instanceProfile: true },
          { name: 'fn', trust: policy(service('lambda.amazonaws.com')) },
        ],
      },
    ]);
    expect(escalations(g, arn.user('dev'))).toEqual([`lambda-invoke → ${arn.role('fn')}`]);
  });

  it('new-passrole on EC2: a role in no instance profile needs one made', () => {
    const roles = [{ name: 'bare', trust: policy(service('ec2.amazonaws.com')) }];
    const without = graphOf([{ users: [{ name: 'u', inline: { p: policy(allow(['ec2:RunInstances', 'iam:PassRole'])) } }], roles }]);
    expect(escalations(without, arn.user('u'))).toEqual([]);
    const withProfile = graphOf([{ users: [{ name: 'u', inline: { p: policy(allow(['ec2:RunInstances', 'iam:PassRole', 'iam:CreateInstanceProfile', 'iam:AddRoleToInstanceProfile'])) } }], roles }]);
    expect(escalations(withProfile, arn.user('u'))).toEqual([`ec2-instance → ${arn.role('bare')}`]);
  });

  it('existing compute: conditional, through the service acting for the account', () => {
    const spec: AccountSpec = {
      users: [
        { name: 'coder', inline: { p: policy(allow(['lambda:UpdateFunctionCode', 'lambda:InvokeFunction'], `arn:aws:lambda:*:${account}:function:*`)) } },
        { name: 'one-function', inline: { p: policy(allow(['lambda:UpdateFunctionCode', 'lambda:InvokeFunction'], `arn:aws:lambda:us-east-1:${account}:function:mine`)) } },
      ],
      roles: [{ name: 'fn', trust: policy(service('lambda.amazonaws.com')), attached: ['AdministratorAccess'] }],
      policies: [adminAccess],
    };
    const g = graphOf([spec]);
    const lambda = `lambda.amazonaws.com@${account}`;
    expect(escalations(g, arn.user('coder')).sort()).toEqual([`lambda-update-code → ${lambda}`]);
    expect(g.graph.getEdgeAttributes(`escalates-to|${arn.user('coder')}|${lambda}|lambda-update-code`)).toMatchObject({ status: 'conditional', conditions: [`only through lambda.amazonaws.com resources of ${account} that already run with a role`] });
    expect(g.graph.hasEdge(`can-assume|${lambda}|${arn.role('fn')}|`)).toBe(true);
    // One function it names says nothing about which role that function has.
    expect(escalations(g, arn.user('one-function'))).toEqual([]);
  });

  it('administrators get no technique edges but their own', () => {
    const g = graphOf([{ users: [{ name: 'admin', attached: ['AdministratorAccess'] }, { name: 'victim' }], roles: [{ name: 'fn', trust: policy(service('lambda.amazonaws.com')) }], policies: [adminAccess] }]);
    expect(escalations(g, arn.user('admin'))).toEqual([`admin-access → ${arn.admin()}`]);
  });
});
