import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/eval/evaluate.js';
import type { Evaluation, PrincipalPolicies, Request, ResourcePolicies } from '../../src/eval/types.js';
import type { PolicyDocument } from '../../src/model/policy.js';
import { ACCOUNT, allow, anonymous, deny, NOW, OTHER, policy, request, role, root, service, user } from './build.js';

// One or more cases for every row of evaluation.md's table, and the traps of issue 5.

const alice = user('alice');
const deploy = role('deploy');
const bucket = 'arn:aws:s3:::reports';
const object = 'arn:aws:s3:::reports/q1.csv';
const key = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const targetRole = `arn:aws:iam::${ACCOUNT}:role/target`;

const identity = (...statements: object[]): PolicyDocument => policy(statements, 'identity');
const resourcePolicy = (...statements: object[]): PolicyDocument => policy(statements, 'resource');
const trustPolicy = (...statements: object[]): PolicyDocument => policy(statements, 'trust');

function decide(on: Request, principal: Partial<PrincipalPolicies> = {}, resource: Partial<ResourcePolicies> = {}): Evaluation {
  return evaluate(on, { identity: [], ...principal }, { kind: 'default', ...resource });
}

/** `decision` or `denied:reason`, to compare in one assertion. */
function outcome(evaluation: Evaluation): string {
  return evaluation.reason === undefined ? evaluation.decision : `${evaluation.decision}:${evaluation.reason}`;
}

const grant = (principal: unknown, action = 's3:GetObject', extra: object = {}): object => ({ Effect: 'Allow', Principal: principal, Action: action, Resource: '*', ...extra });

describe('row 1: implicit deny, explicit deny anywhere wins, root has full access', () => {
  it('denies what nothing allows', () => {
    expect(outcome(decide(request(alice, 's3:GetObject', object)))).toBe('denied:not-allowed');
  });

  it('an Allow and a Deny of the same action in one policy: denied', () => {
    const result = decide(request(alice, 's3:GetObject', object), { identity: [identity(allow('s3:GetObject'), deny('s3:GetObject'))] });
    expect(outcome(result)).toBe('denied:explicit-deny');
    expect(result.deniedBy).toHaveLength(1);
    expect(result.allowedBy).toHaveLength(1);
  });

  it('an Allow and a Deny in two policies: denied', () => {
    expect(outcome(decide(request(alice, 's3:GetObject', object), { identity: [identity(allow('*')), identity(deny('s3:*'))] }))).toBe('denied:explicit-deny');
  });

  it('a Deny of iam:* takes IAM away from an administrator, and nothing else', () => {
    const policies = { identity: [identity(allow('*')), identity(deny('iam:*'))] };
    expect(outcome(decide(request(alice, 'iam:CreateUser'), policies))).toBe('denied:explicit-deny');
    expect(outcome(decide(request(alice, 'ec2:RunInstances'), policies))).toBe('allowed');
  });

  it('a Deny in the resource policy, the boundary or the session policy denies', () => {
    const on = request(deploy, 's3:GetObject', object, { resourceAccount: ACCOUNT });
    const admin = { identity: [identity(allow('*'))] };
    expect(outcome(decide(on, admin, { policy: resourcePolicy({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }) }))).toBe('denied:explicit-deny');
    expect(outcome(decide(on, { ...admin, boundary: policy([allow('*'), deny('s3:GetObject')], 'boundary') }))).toBe('denied:explicit-deny');
    expect(outcome(decide(on, { ...admin, session: identity(allow('*'), deny('s3:*')) }))).toBe('denied:explicit-deny');
  });

  it('a Deny naming the account in a resource policy denies its principals', () => {
    const on = request(alice, 's3:GetObject', object, { resourceAccount: ACCOUNT });
    expect(outcome(decide(on, { identity: [identity(allow('*'))] }, { policy: resourcePolicy({ Effect: 'Deny', Principal: { AWS: ACCOUNT }, Action: '*', Resource: '*' }) }))).toBe('denied:explicit-deny');
  });

  it('the root user needs no identity policy, but a Deny still applies to it', () => {
    expect(outcome(decide(request(root(), 'iam:CreateUser')))).toBe('allowed');
    expect(outcome(decide(request(root(), 's3:GetObject', object, { resourceAccount: ACCOUNT }), {}, { policy: resourcePolicy({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }) }))).toBe('denied:explicit-deny');
  });

  it('the root user of one account needs the resource policy of another', () => {
    const on = request(root(OTHER), 's3:GetObject', object, { resourceAccount: ACCOUNT });
    expect(outcome(decide(on))).toBe('denied:resource-policy');
    expect(outcome(decide(on, {}, { policy: resourcePolicy(grant({ AWS: OTHER })) }))).toBe('allowed');
  });

  it('the root user cannot call AssumeRole', () => {
    expect(outcome(decide(request(root(), 'sts:AssumeRole', targetRole), {}, { kind: 'trust', policy: trustPolicy(grant({ AWS: ACCOUNT }, 'sts:AssumeRole')) }))).toBe('denied:not-allowed');
  });

  it('sts:GetCallerIdentity needs no permission and cannot be denied', () => {
    expect(outcome(decide(request(alice, 'sts:GetCallerIdentity'), { identity: [identity(deny('*'))] }))).toBe('allowed');
    expect(outcome(decide(request(anonymous, 'sts:GetCallerIdentity')))).toBe('denied:not-allowed');
  });
});

describe('row 2 and 10: SCPs and RCPs', () => {
  const fullAccess = policy([allow('*')], 'scp');
  const s3Only = policy([allow('s3:*')], 'scp');
  const on = request(alice, 'ec2:RunInstances');
  const admin = { identity: [identity(allow('*'))] };

  it('every level of SCPs must allow', () => {
    expect(outcome(decide(on, { ...admin, scps: [[fullAccess], [s3Only]] }))).toBe('denied:scp');
    expect(outcome(decide(request(alice, 's3:GetObject', object, { resourceAccount: ACCOUNT }), { ...admin, scps: [[fullAccess], [s3Only]] }))).toBe('allowed');
    expect(outcome(decide(on, { ...admin, scps: [[fullAccess], [s3Only, policy([allow('ec2:*')], 'scp')]] }))).toBe('allowed');
  });

  it('an SCP does not grant: the identity policy must still allow', () => {
    expect(outcome(decide(on, { identity: [], scps: [[fullAccess]] }))).toBe('denied:not-allowed');
  });

  it('a Deny in an SCP denies, even the root user of a member account', () => {
    const scps = [[policy([allow('*'), deny('ec2:*')], 'scp')]];
    expect(outcome(decide(on, { ...admin, scps }))).toBe('denied:scp');
    expect(outcome(decide(request(root(), 'ec2:RunInstances'), { identity: [], scps }))).toBe('denied:scp');
  });

  it('SCPs do not apply to the management account (no SCPs given) or to service-linked roles', () => {
    expect(outcome(decide(on, admin))).toBe('allowed');
    const linked = role('AWSServiceRoleForSupport', { path: 'aws-service-role/support.amazonaws.com/', serviceLinked: true });
    expect(outcome(decide(request(linked, 'ec2:RunInstances'), { ...admin, scps: [[s3Only]] }))).toBe('allowed');
  });

  it('an SCP allow under a condition makes the answer conditional', () => {
    const scps = [[policy([allow('*', '*', { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } })], 'scp')]];
    expect(outcome(decide(on, { ...admin, scps }))).toBe('conditional');
  });

  describe('RCPs', () => {
    const perimeter = policy([{ Effect: 'Deny', Principal: '*', Action: ['s3:*', 'ec2:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalAccount': ACCOUNT } } }], 'rcp');
    const outsider = user('eve', { account: OTHER });
    const onBucket = request(outsider, 's3:GetObject', object, { resourceAccount: ACCOUNT });
    const open = { policy: resourcePolicy(grant('*', '*')) };

    it('a Deny in an RCP denies requests to the services RCPs govern', () => {
      expect(outcome(decide(onBucket, admin, { ...open, rcps: [[perimeter]] }))).toBe('denied:rcp');
      expect(outcome(decide(request(alice, 's3:GetObject', object, { resourceAccount: ACCOUNT }), admin, { ...open, rcps: [[perimeter]] }))).toBe('allowed');
    });

    it('RCPs never apply to other services, nor to service principals', () => {
      expect(outcome(decide(request(outsider, 'ec2:RunInstances', `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-1`, { resourceAccount: ACCOUNT }), admin, { ...open, rcps: [[perimeter]] }))).toBe('allowed');
      const onQueue = request(service('sns.amazonaws.com'), 's3:PutObject', object, { resourceAccount: ACCOUNT });
      expect(outcome(decide(onQueue, {}, { policy: resourcePolicy(grant({ Service: 'sns.amazonaws.com' }, 's3:PutObject')), rcps: [[perimeter]] }))).toBe('allowed');
    });

    it('RCPs only deny: a level without an Allow (RCPFullAWSAccess left out of the export) denies nothing', () => {
      expect(outcome(decide(request(alice, 's3:GetObject', object, { resourceAccount: ACCOUNT }), admin, { rcps: [[policy([deny('s3:DeleteBucket')], 'rcp')]] }))).toBe('allowed');
    });
  });
});

describe('row 3: same account, identity or resource policy suffices', () => {
  const on = request(alice, 's3:GetObject', object, { resourceAccount: ACCOUNT });

  it('the identity policy alone', () => {
    const result = decide(on, { identity: [identity(allow('s3:GetObject', `${bucket}/*`))] });
    expect(outcome(result)).toBe('allowed');
    expect(result.allowedBy).toHaveLength(1);
  });

  it('the resource policy alone, naming the user', () => {
    expect(outcome(decide(on, {}, { policy: resourcePolicy(grant({ AWS: alice.arn })) }))).toBe('allowed');
  });

  it('a resource policy naming the account only delegates to the identity policies', () => {
    expect(outcome(decide(on, {}, { policy: resourcePolicy(grant({ AWS: ACCOUNT })) }))).toBe('denied:not-allowed');
  });

  it('the resource account is read from the ARN when the request does not give it', () => {
    const onQueue = request(alice, 'sqs:SendMessage', `arn:aws:sqs:us-east-1:${ACCOUNT}:orders`);
    expect(outcome(decide(onQueue, {}, { policy: resourcePolicy(grant({ AWS: alice.arn }, 'sqs:SendMessage')) }))).toBe('allowed');
  });
});

describe('rows 4 and 5: trust and key policies must allow; the account root delegates, an exact ARN grants', () => {
  const assume = (caller = alice): Request => request(caller, 'sts:AssumeRole', targetRole, { resourceAccount: ACCOUNT });
  const canAssume = { identity: [identity(allow('sts:AssumeRole', targetRole))] };
  const trusting = (principal: unknown): Partial<ResourcePolicies> => ({ kind: 'trust', policy: trustPolicy(grant(principal, 'sts:AssumeRole')) });

  it('a trust policy naming the user grants without an identity policy', () => {
    expect(outcome(decide(assume(), {}, trusting({ AWS: alice.arn })))).toBe('allowed');
  });

  it('a trust policy naming the account root needs the identity policy too', () => {
    expect(outcome(decide(assume(), {}, trusting({ AWS: `arn:aws:iam::${ACCOUNT}:root` })))).toBe('denied:not-allowed');
    expect(outcome(decide(assume(), canAssume, trusting({ AWS: `arn:aws:iam::${ACCOUNT}:root` })))).toBe('allowed');
    expect(outcome(decide(assume(), canAssume, trusting({ AWS: ACCOUNT })))).toBe('allowed');
  });

  it('an identity policy alone never suffices for a role', () => {
    expect(outcome(decide(assume(), canAssume, trusting({ Service: 'ec2.amazonaws.com' })))).toBe('denied:resource-policy');
  });

  it('a trust policy naming a role grants its sessions (role chaining); `*` grants everyone', () => {
    expect(outcome(decide(assume(deploy), {}, trusting({ AWS: deploy.arn })))).toBe('allowed');
    expect(outcome(decide(assume(), {}, trusting('*')))).toBe('allowed');
  });

  it('a trust condition makes the edge conditional', () => {
    const trust = { kind: 'trust' as const, policy: trustPolicy(grant({ AWS: alice.arn }, 'sts:AssumeRole', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })) };
    const result = decide(assume(), {}, trust);
    expect(outcome(result)).toBe('conditional');
    expect(result.allowedBy[0]?.open.map((open) => open.clause.key.value)).toEqual(['aws:MultiFactorAuthPresent']);
  });

  describe('KMS key policies', () => {
    const decrypt = request(alice, 'kms:Decrypt', key, { resourceAccount: ACCOUNT });
    const mayDecrypt = { identity: [identity(allow('kms:Decrypt'))] };
    const keyPolicy = (principal: unknown): Partial<ResourcePolicies> => ({ kind: 'kms', policy: resourcePolicy(grant(principal, 'kms:*')) });

    it('the default key policy (the account root) lets identity policies decide', () => {
      expect(outcome(decide(decrypt, mayDecrypt, keyPolicy({ AWS: `arn:aws:iam::${ACCOUNT}:root` })))).toBe('allowed');
      expect(outcome(decide(decrypt, {}, keyPolicy({ AWS: `arn:aws:iam::${ACCOUNT}:root` })))).toBe('denied:not-allowed');
    });

    it('a key policy that names neither the caller nor its account locks identity policies out', () => {
      expect(outcome(decide(decrypt, mayDecrypt, keyPolicy({ AWS: `arn:aws:iam::${ACCOUNT}:user/bob` })))).toBe('denied:resource-policy');
      expect(outcome(decide(decrypt, mayDecrypt, { kind: 'kms' }))).toBe('denied:resource-policy');
    });

    it('a key policy naming the user grants alone', () => {
      expect(outcome(decide(decrypt, {}, keyPolicy({ AWS: alice.arn })))).toBe('allowed');
    });

    it('KMS actions on `*` (CreateKey) have no key policy: the identity policy decides', () => {
      expect(outcome(decide(request(alice, 'kms:CreateKey'), { identity: [identity(allow('kms:CreateKey'))] }, { kind: 'kms' }))).toBe('allowed');
    });
  });
});

describe('row 6: across accounts both sides must allow', () => {
  const eve = user('eve', { account: OTHER });
  const onBucket = request(eve, 's3:GetObject', object, { resourceAccount: ACCOUNT });
  const mayRead = { identity: [identity(allow('s3:GetObject'))] };

  it('resource policy and identity policy', () => {
    expect(outcome(decide(onBucket, mayRead, { policy: resourcePolicy(grant({ AWS: eve.arn })) }))).toBe('allowed');
    expect(outcome(decide(onBucket, mayRead, { policy: resourcePolicy(grant({ AWS: OTHER })) }))).toBe('allowed');
    expect(outcome(decide(onBucket, {}, { policy: resourcePolicy(grant({ AWS: eve.arn })) }))).toBe('denied:not-allowed');
    expect(outcome(decide(onBucket, mayRead))).toBe('denied:resource-policy');
  });

  it('AssumeRole across accounts: trust naming the other account, and its identity policy', () => {
    const assume = request(eve, 'sts:AssumeRole', targetRole, { resourceAccount: ACCOUNT });
    const trust = { kind: 'trust' as const, policy: trustPolicy(grant({ AWS: `arn:aws:iam::${OTHER}:root` }, 'sts:AssumeRole')) };
    expect(outcome(decide(assume, { identity: [identity(allow('sts:AssumeRole'))] }, trust))).toBe('allowed');
    expect(outcome(decide(assume, { identity: [identity(allow('s3:*'))] }, trust))).toBe('denied:not-allowed');
  });

  it('an ARN without an account and no resource account given counts as another account', () => {
    expect(outcome(decide(request(alice, 's3:GetObject', object), { identity: [identity(allow('s3:*'))] }))).toBe('denied:resource-policy');
  });
});

describe('row 7: permissions boundaries cap identity grants', () => {
  const onBucket = (caller = alice): Request => request(caller, 's3:GetObject', object, { resourceAccount: ACCOUNT });
  const mayRead = { identity: [identity(allow('s3:*'))] };
  const ec2Boundary = policy([allow('ec2:*')], 'boundary');

  it('the identity policy and the boundary must both allow', () => {
    expect(outcome(decide(onBucket(), { ...mayRead, boundary: ec2Boundary }))).toBe('denied:boundary');
    expect(outcome(decide(onBucket(), { ...mayRead, boundary: policy([allow('s3:Get*')], 'boundary') }))).toBe('allowed');
  });

  it('the boundary grants nothing by itself', () => {
    expect(outcome(decide(onBucket(), { identity: [], boundary: policy([allow('*')], 'boundary') }))).toBe('denied:not-allowed');
  });

  it('a resource policy naming the user ARN escapes the boundary', () => {
    expect(outcome(decide(onBucket(), { identity: [], boundary: ec2Boundary }, { policy: resourcePolicy(grant({ AWS: alice.arn })) }))).toBe('allowed');
  });

  it('one naming the role session escapes it; one naming the role does not', () => {
    const capped = { identity: [], boundary: ec2Boundary };
    expect(outcome(decide(onBucket(deploy), capped, { policy: resourcePolicy(grant({ AWS: deploy.sessionArn })) }))).toBe('allowed');
    expect(outcome(decide(onBucket(deploy), capped, { policy: resourcePolicy(grant({ AWS: deploy.arn })) }))).toBe('denied:not-allowed');
    expect(outcome(decide(onBucket(deploy), { identity: [], boundary: policy([allow('s3:*')], 'boundary') }, { policy: resourcePolicy(grant({ AWS: deploy.arn })) }))).toBe('allowed');
  });

  it('one naming everyone names the caller itself, and escapes it too (as iam-simulate has it)', () => {
    const capped = { identity: [], boundary: ec2Boundary };
    expect(outcome(decide(onBucket(deploy), capped, { policy: resourcePolicy(grant('*')) }))).toBe('allowed');
    expect(outcome(decide(onBucket(), capped, { policy: resourcePolicy(grant({ AWS: '*' })) }))).toBe('allowed');
    // Across accounts nothing escapes the boundary.
    const eve = user('eve', { account: OTHER });
    expect(outcome(decide(request(eve, 's3:GetObject', object, { resourceAccount: ACCOUNT }), { identity: [identity(allow('s3:*'))], boundary: ec2Boundary }, { policy: resourcePolicy(grant('*')) }))).toBe('denied:boundary');
  });

  it('a boundary blocks an escalation the identity policy allows', () => {
    const escalate = request(alice, 'iam:AttachUserPolicy', alice.arn);
    expect(outcome(decide(escalate, { identity: [identity(allow('iam:*'))], boundary: policy([allow(['s3:*', 'ec2:*'])], 'boundary') }))).toBe('denied:boundary');
  });
});

describe('row 8: NotPrincipal with Deny', () => {
  const exceptAlice = resourcePolicy(grant({ AWS: alice.arn }), { Effect: 'Deny', NotPrincipal: { AWS: [alice.arn, ACCOUNT] }, Action: 's3:*', Resource: '*' });
  const on = request(alice, 's3:GetObject', object, { resourceAccount: ACCOUNT });

  it('leaves out the principals it lists, with their account', () => {
    expect(outcome(decide(on, {}, { policy: exceptAlice }))).toBe('allowed');
    expect(outcome(decide(request(user('bob'), 's3:GetObject', object, { resourceAccount: ACCOUNT }), { identity: [identity(allow('s3:*'))] }, { policy: exceptAlice }))).toBe('denied:explicit-deny');
  });

  it('always denies a principal that has a permissions boundary', () => {
    expect(outcome(decide(on, { identity: [], boundary: policy([allow('*')], 'boundary') }, { policy: exceptAlice }))).toBe('denied:explicit-deny');
  });
});

describe('row 9: session policies intersect with the role', () => {
  const on = (action: string): Request => request(deploy, action, object, { resourceAccount: ACCOUNT });
  const roleWithSession = { identity: [identity(allow('s3:*'))], session: identity(allow('s3:GetObject')) };

  it('the session has what both allow', () => {
    expect(outcome(decide(on('s3:GetObject'), roleWithSession))).toBe('allowed');
    expect(outcome(decide(on('s3:PutObject'), roleWithSession))).toBe('denied:session');
    expect(outcome(decide(on('ec2:RunInstances'), roleWithSession))).toBe('denied:not-allowed');
  });

  it('a resource policy naming the session escapes the session policy; one naming the role does not', () => {
    expect(outcome(decide(on('s3:PutObject'), roleWithSession, { policy: resourcePolicy(grant({ AWS: deploy.sessionArn }, 's3:PutObject')) }))).toBe('allowed');
    expect(outcome(decide(on('s3:PutObject'), roleWithSession, { policy: resourcePolicy(grant({ AWS: deploy.arn }, 's3:PutObject')) }))).toBe('denied:session');
  });
});

describe('row 11: iam:PassRole', () => {
  const pass = (values: Record<string, string>): Request => request(alice, 'iam:PassRole', targetRole, { values });
  const passToLambda = { identity: [identity(allow('iam:PassRole', targetRole, { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } }))] };

  it('is an identity permission, limited by iam:PassedToService', () => {
    expect(outcome(decide(pass({ 'iam:passedtoservice': 'lambda.amazonaws.com' }), passToLambda))).toBe('allowed');
    expect(outcome(decide(pass({ 'iam:passedtoservice': 'ec2.amazonaws.com' }), passToLambda))).toBe('denied:not-allowed');
    expect(outcome(decide(pass({}), passToLambda))).toBe('conditional');
  });
});

describe('callers without identity policies', () => {
  it('anonymous callers need a resource policy naming everyone', () => {
    const on = request(anonymous, 's3:GetObject', object, { resourceAccount: ACCOUNT });
    expect(outcome(decide(on, {}, { policy: resourcePolicy(grant('*')) }))).toBe('allowed');
    expect(outcome(decide(on, {}, { policy: resourcePolicy(grant({ AWS: '*' })) }))).toBe('allowed');
    expect(outcome(decide(on, {}, { policy: resourcePolicy(grant({ AWS: ACCOUNT })) }))).toBe('denied:not-allowed');
    expect(outcome(decide(on))).toBe('denied:not-allowed');
  });

  it('a service principal needs a resource or trust policy naming it', () => {
    const lambda = service('lambda.amazonaws.com');
    const assume = request(lambda, 'sts:AssumeRole', targetRole, { resourceAccount: ACCOUNT });
    expect(outcome(decide(assume, {}, { kind: 'trust', policy: trustPolicy(grant({ Service: 'lambda.amazonaws.com' }, 'sts:AssumeRole')) }))).toBe('allowed');
    expect(outcome(decide(assume, { identity: [identity(allow('*'))] }, { kind: 'trust', policy: trustPolicy(grant({ Service: 'ec2.amazonaws.com' }, 'sts:AssumeRole')) }))).toBe('denied:not-allowed');
  });

  it('a federated caller needs a trust policy naming its provider', () => {
    const google = { kind: 'federated' as const, arn: 'accounts.google.com', account: undefined };
    const assume = request(google, 'sts:AssumeRoleWithWebIdentity', targetRole, { resourceAccount: ACCOUNT });
    const trust = trustPolicy(grant({ Federated: 'accounts.google.com' }, 'sts:AssumeRoleWithWebIdentity', { Condition: { StringEquals: { 'accounts.google.com:aud': 'app-id' } } }));
    expect(outcome(decide(assume, {}, { kind: 'trust', policy: trust }))).toBe('conditional');
  });
});

describe('conditions', () => {
  const on = request(alice, 'iam:CreateUser');

  it('a conditional allow is conditional, with the open condition', () => {
    const result = decide(on, { identity: [identity(allow('iam:*', '*', { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }))] });
    expect(outcome(result)).toBe('conditional');
    expect(result.allowedBy).toHaveLength(1);
    expect(result.allowedBy[0]?.applies).toBe('maybe');
  });

  it('a conditional deny over an allow makes it conditional, and is reported', () => {
    const result = decide(on, { identity: [identity(allow('*'), deny('iam:*', '*', { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } }))] });
    expect(outcome(result)).toBe('conditional');
    expect(result.deniedBy).toHaveLength(1);
    expect(result.deniedBy[0]?.applies).toBe('maybe');
  });

  it('a conditional deny does not help what nothing allows', () => {
    expect(outcome(decide(on, { identity: [identity(deny('iam:*', '*', { Bool: { 'aws:MultiFactorAuthPresent': 'false' } }))] }))).toBe('denied:not-allowed');
  });

  it('a NotAction allow that excludes a few IAM actions grants everything else', () => {
    const policies = { identity: [identity({ Effect: 'Allow', NotAction: ['iam:CreateUser', 'iam:DeleteUser', 'organizations:*'], Resource: '*' })] };
    expect(outcome(decide(request(alice, 'iam:AttachUserPolicy', alice.arn), policies))).toBe('allowed');
    expect(outcome(decide(request(alice, 'iam:CreateUser'), policies))).toBe('denied:not-allowed');
  });

  it('DateLessThan a past date on aws:CurrentTime is an impossible condition', () => {
    const expired = { identity: [identity(allow('*', '*', { DateLessThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } }))] };
    expect(outcome(decide(on, expired))).toBe('denied:not-allowed');
    const current = { identity: [identity(allow('*', '*', { DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } }))] };
    expect(outcome(decide(on, current))).toBe('allowed');
    expect(NOW.getUTCFullYear()).toBe(2025);
  });

  it('a resource wildcard that still covers the victim grants it', () => {
    const policies = { identity: [identity(allow('iam:CreatePolicyVersion', 'arn:aws:iam::*:policy/team-*'))] };
    expect(outcome(decide(request(alice, 'iam:CreatePolicyVersion', `arn:aws:iam::${ACCOUNT}:policy/team-admin`), policies))).toBe('allowed');
  });
});
