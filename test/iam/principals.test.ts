import { describe, expect, it } from 'vitest';
import { callerLimitTo, holdsForOutsideAccount, limitsCallers, limitsCallersTo, limitsSource, requiresMfa, sourceLimit, type AccountScope } from '../../src/iam/conditions.js';
import { classifyAwsPrincipal, describeAwsPrincipal, homeAccounts, outsidePrincipals, zoneOf, type TrustSettings } from '../../src/iam/principals.js';
import type { ConditionBlock, ConditionClause, PolicyDocument, PolicyKind } from '../../src/model/policy.js';
import { loadPolicyText } from '../helpers/policy.js';

const policy = (statements: object[], kind?: PolicyKind): PolicyDocument => loadPolicyText(JSON.stringify({ Version: '2012-10-17', Statement: statements }), 'policy.json', kind);

/** The document, as if iamlint knew what holds it. */
const ownedBy = (document: PolicyDocument, owner: string): PolicyDocument => Object.assign(Object.create(document) as PolicyDocument, { owner });

const conditionOf = (condition: object): ConditionBlock | undefined =>
  policy([{ Effect: 'Allow', Principal: { AWS: '444455556666' }, Action: 's3:GetObject', Resource: '*', Condition: condition }]).statements[0]?.condition;

const clauseOf = (condition: object): ConditionClause => {
  const clause = conditionOf(condition)?.clauses[0];
  if (!clause) throw new Error('no clause');
  return clause;
};

const scope: AccountScope = { accounts: new Set(['111122223333']), organizationIds: new Set(['o-a1b2c3d4e5']) };
const noTrust: TrustSettings = { accounts: [], organizationIds: [] };
const ours: TrustSettings = { accounts: ['111122223333'], organizationIds: ['o-a1b2c3d4e5'] };

describe('AWS principals', () => {
  it.each([
    ['111122223333', 'account', '111122223333', undefined],
    ['arn:aws:iam::111122223333:root', 'account', '111122223333', undefined],
    ['arn:aws-cn:iam::111122223333:role/ops/deploy', 'role', '111122223333', 'ops/deploy'],
    ['arn:aws:iam::111122223333:user/alice', 'user', '111122223333', 'alice'],
    ['arn:aws:sts::111122223333:assumed-role/reader/etl', 'assumed-role', '111122223333', 'reader/etl'],
    ['arn:aws:sts::111122223333:federated-user/bob', 'federated-user', '111122223333', 'bob'],
    ['*', 'everyone', undefined, undefined],
    ['AROAEXAMPLEID1234567', 'other', undefined, undefined],
    ['arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2QWRUHAPOMQZL', 'other', undefined, undefined],
    ['arn:aws:iam::*:root', 'other', undefined, undefined],
    ['11112222333', 'other', undefined, undefined],
  ])('%s is %s of account %s', (value, kind, account, name) => {
    expect(classifyAwsPrincipal(value)).toEqual({ value, kind, account, name });
  });

  it('describes principals for messages', () => {
    expect(describeAwsPrincipal(classifyAwsPrincipal('444455556666'))).toBe('account 444455556666 (any principal that account allows)');
    expect(describeAwsPrincipal(classifyAwsPrincipal('arn:aws:iam::444455556666:role/ci'))).toBe("role 'ci' in account 444455556666");
    expect(describeAwsPrincipal(classifyAwsPrincipal('arn:aws:sts::444455556666:assumed-role/ci/run-1'))).toBe("role session 'ci/run-1' in account 444455556666");
    expect(describeAwsPrincipal(classifyAwsPrincipal('arn:aws:sts::444455556666:federated-user/bob'))).toBe("federated user 'bob' in account 444455556666");
    expect(describeAwsPrincipal(classifyAwsPrincipal('AROAEXAMPLEID1234567'))).toBe("'AROAEXAMPLEID1234567'");
  });

  it('classifies each distinct value once', () => {
    expect(classifyAwsPrincipal('arn:aws:iam::444455556666:role/x')).toBe(classifyAwsPrincipal('arn:aws:iam::444455556666:role/x'));
  });
});

describe('the zone of trust', () => {
  const queue = policy([{ Effect: 'Allow', Principal: { AWS: '444455556666' }, Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:111122223333:orders' }]);

  it("takes the owner's account as home", () => {
    const trust = ownedBy(policy([{ Effect: 'Allow', Principal: { AWS: '444455556666' }, Action: 'sts:AssumeRole' }]), 'arn:aws:iam::222233334444:role/x');
    expect(trust.kind).toBe('trust');
    expect(homeAccounts(trust)).toEqual(['222233334444']);
  });

  it('infers the home account of a resource policy from its Resource ARNs, when they agree', () => {
    expect(homeAccounts(queue)).toEqual(['111122223333']);
    const endpoint = policy([
      { Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: ['arn:aws:sqs:us-east-1:111122223333:a', 'arn:aws:sqs:us-east-1:444455556666:b'] },
    ]);
    expect(homeAccounts(endpoint)).toEqual([]);
    const bucket = policy([{ Effect: 'Allow', Principal: { AWS: '444455556666' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }]);
    expect(homeAccounts(bucket)).toEqual([]);
    // A bucket ARN as owner has no account either.
    expect(homeAccounts(ownedBy(bucket, 'arn:aws:s3:::b'))).toEqual([]);
    expect(homeAccounts(policy([{ Effect: 'Allow', Principal: { AWS: '444455556666' }, Action: 'sts:AssumeRole' }]))).toEqual([]);
  });

  it('is declared when an account or organization is known', () => {
    const trust = policy([{ Effect: 'Allow', Principal: { AWS: '444455556666' }, Action: 'sts:AssumeRole' }]);
    expect(zoneOf(noTrust, trust).declared).toBe(false);
    expect(zoneOf({ accounts: [], organizationIds: ['o-a1b2c3d4e5'] }, trust).declared).toBe(true);
    const zone = zoneOf(noTrust, queue);
    expect(zone.declared).toBe(true);
    expect([...zone.accounts]).toEqual(['111122223333']);
    expect(zoneOf(noTrust, queue)).toBe(zone);
  });
});

describe('outside principals', () => {
  const outside = (statements: object[], trust: TrustSettings = ours, kind?: PolicyKind) => {
    const document = policy(statements, kind);
    const zone = zoneOf(trust, document);
    return document.statements.flatMap((s) => outsidePrincipals(s, document, zone).map((o) => o.entry.value));
  };
  const allow = (principal: unknown, extra: object = {}) => ({ Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', ...extra });

  it('lists principals of accounts outside the zone, in order', () => {
    expect(outside([allow({ AWS: ['arn:aws:iam::111122223333:role/a', '444455556666', '*', 'arn:aws:sts::555566667777:assumed-role/r/s'], Service: 's3.amazonaws.com' })])).toEqual([
      '444455556666',
      'arn:aws:sts::555566667777:assumed-role/r/s',
    ]);
    expect(outside([allow('*')])).toEqual([]);
    expect(outside([{ ...allow({ AWS: '444455556666' }), Effect: 'Deny' }])).toEqual([]);
  });

  it('with no zone, every named account is outside', () => {
    expect(outside([allow({ AWS: ['111122223333', '444455556666'] })], noTrust)).toEqual(['111122223333', '444455556666']);
  });

  it('keeps principals inside when a condition limits callers to the zone', () => {
    expect(outside([allow({ AWS: '444455556666' }, { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } })])).toEqual([]);
    expect(outside([allow({ AWS: '444455556666' }, { Condition: { StringEquals: { 'aws:PrincipalOrgID': ['o-a1b2c3d4e5', 'o-zzzzzzzzzz'] } } })])).toEqual(['444455556666']);
    expect(outside([allow({ AWS: '444455556666' }, { Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } })])).toEqual(['444455556666']);
    expect(outside([allow({ AWS: '444455556666' }, { Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } })])).toEqual(['444455556666']);
  });

  it('drops principals that a Deny of the same policy fully denies', () => {
    const deny = (extra: object) => ({ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*', ...extra });
    const grant = allow({ AWS: ['444455556666', 'arn:aws:iam::555566667777:role/r'] });
    expect(outside([grant, deny({})])).toEqual([]);
    expect(outside([grant, deny({ Condition: { StringNotEquals: { 'aws:PrincipalAccount': '111122223333' } } })])).toEqual([]);
    expect(outside([grant, deny({ Condition: { StringNotEquals: { 'aws:PrincipalAccount': ['111122223333', '444455556666'] } } })])).toEqual(['444455556666']);
    expect(outside([grant, deny({ Condition: { StringEquals: { 'aws:PrincipalAccount': '555566667777' } } })])).toEqual(['444455556666']);
    expect(outside([grant, deny({ Condition: { Bool: { 'aws:SecureTransport': 'false' } } })])).toEqual(['444455556666', 'arn:aws:iam::555566667777:role/r']);
    // The Deny must cover the Allow's actions and resources.
    expect(outside([grant, deny({ Action: 's3:PutObject' })])).toEqual(['444455556666', 'arn:aws:iam::555566667777:role/r']);
    expect(outside([grant, deny({ Action: 's3:Get*' })])).toEqual([]);
    expect(outside([grant, deny({ Action: 's3:GetObjec?' })])).toEqual(['444455556666', 'arn:aws:iam::555566667777:role/r']);
    expect(outside([grant, deny({ NotAction: 's3:PutObject', Action: undefined })])).toEqual(['444455556666', 'arn:aws:iam::555566667777:role/r']);
    expect(outside([grant, deny({ Resource: 'arn:aws:s3:::other/*' })])).toEqual(['444455556666', 'arn:aws:iam::555566667777:role/r']);
    expect(outside([grant, deny({ Resource: 'arn:aws:s3:::b/*' })])).toEqual([]);
    // Principals: the same value, or the same account in its other form; not an account for one of its roles.
    expect(outside([grant, deny({ Principal: { AWS: 'arn:aws:iam::444455556666:root' } })])).toEqual(['arn:aws:iam::555566667777:role/r']);
    expect(outside([grant, deny({ Principal: { AWS: '555566667777' } })])).toEqual(['444455556666', 'arn:aws:iam::555566667777:role/r']);
    expect(outside([grant, deny({ Principal: { AWS: 'arn:aws:iam::555566667777:role/r' } })])).toEqual(['444455556666']);
  });
});

describe('conditions on callers, sources and MFA', () => {
  it('limits callers to a scope only when every value is in it', () => {
    expect(limitsCallersTo(clauseOf({ StringEquals: { 'aws:PrincipalAccount': '111122223333' } }), scope)).toBe(true);
    expect(limitsCallersTo(clauseOf({ StringEquals: { 'aws:SourceAccount': ['111122223333', '444455556666'] } }), scope)).toBe(false);
    expect(limitsCallersTo(clauseOf({ StringEquals: { 'aws:PrincipalOrgID': 'o-A1B2C3D4E5' } }), scope)).toBe(true);
    expect(limitsCallersTo(clauseOf({ 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/*' } }), scope)).toBe(true);
    expect(limitsCallersTo(clauseOf({ 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-*/*' } }), scope)).toBe(false);
    expect(limitsCallersTo(clauseOf({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/*' } }), scope)).toBe(true);
    expect(limitsCallersTo(clauseOf({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/admin' } }), scope)).toBe(false);
    expect(limitsCallersTo(clauseOf({ StringEquals: { 'kms:CallerAccount': '111122223333' } }), scope)).toBe(true);
    expect(limitsCallersTo(clauseOf({ StringEqualsIfExists: { 'aws:PrincipalAccount': '111122223333' } }), scope)).toBe(false);
    expect(limitsCallersTo(clauseOf({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }), scope)).toBe(false);
    // limitsCallers itself is unchanged: any pinned caller counts, whoever it is.
    expect(limitsCallers(clauseOf({ StringEquals: { 'aws:PrincipalAccount': '444455556666' } }))).toBe(true);
    expect(callerLimitTo(conditionOf({ StringEquals: { 'aws:PrincipalAccount': '444455556666', 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }), scope)?.key.value).toBe('aws:PrincipalOrgID');
    expect(callerLimitTo(undefined, scope)).toBeUndefined();
  });

  it('knows which Deny conditions hold for an outside account', () => {
    const holds = (condition: object) => holdsForOutsideAccount(clauseOf(condition), '444455556666', scope);
    expect(holds({ StringNotEquals: { 'aws:PrincipalAccount': '111122223333' } })).toBe(true);
    expect(holds({ StringNotEqualsIfExists: { 'aws:PrincipalAccount': ['111122223333', '444455556666'] } })).toBe(false);
    expect(holds({ StringNotLike: { 'aws:PrincipalAccount': '4444*' } })).toBe(false);
    expect(holds({ StringLike: { 'aws:PrincipalAccount': '4444*' } })).toBe(true);
    expect(holds({ StringEquals: { 'aws:PrincipalAccount': '555566667777' } })).toBe(false);
    expect(holds({ StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } })).toBe(true);
    expect(holds({ StringNotEqualsIfExists: { 'aws:PrincipalOrgID': ['o-a1b2c3d4e5', 'o-zzzzzzzzzz'] } })).toBe(false);
    expect(holds({ ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:*' } })).toBe(true);
    expect(holds({ ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/admin' } })).toBe(false);
    expect(holds({ BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } })).toBe(true);
    expect(holds({ Bool: { 'aws:PrincipalIsAWSService': 'true' } })).toBe(false);
    expect(holds({ 'ForAnyValue:StringNotEquals': { 'aws:PrincipalAccount': '111122223333' } })).toBe(false);
    expect(holds({ Bool: { 'aws:SecureTransport': 'false' } })).toBe(false);
  });

  it('recognises required MFA', () => {
    expect(requiresMfa(conditionOf({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }))).toBe(true);
    expect(requiresMfa(conditionOf({ Bool: { 'aws:MultiFactorAuthPresent': true } }))).toBe(true);
    expect(requiresMfa(conditionOf({ NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }))).toBe(true);
    expect(requiresMfa(conditionOf({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } }))).toBe(false);
    expect(requiresMfa(conditionOf({ Bool: { 'aws:MultiFactorAuthPresent': 'false' } }))).toBe(false);
    expect(requiresMfa(conditionOf({ NumericGreaterThan: { 'aws:MultiFactorAuthAge': '3600' } }))).toBe(false);
    expect(requiresMfa(undefined)).toBe(false);
  });

  it('recognises conditions that pin the source of a service call', () => {
    expect(limitsSource(clauseOf({ ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::my-bucket' } }))).toBe(true);
    expect(limitsSource(clauseOf({ ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::*' } }))).toBe(false);
    expect(limitsSource(clauseOf({ ArnLike: { 'aws:SourceArn': 'arn:aws:events:*:111122223333:rule/*' } }))).toBe(true);
    expect(limitsSource(clauseOf({ ArnLikeIfExists: { 'aws:SourceArn': 'arn:aws:events:*:111122223333:rule/*' } }))).toBe(false);
    expect(limitsSource(clauseOf({ StringEquals: { 'AWS:SourceOwner': '111122223333' } }))).toBe(true);
    expect(limitsSource(clauseOf({ StringNotEquals: { 'aws:SourceAccount': '111122223333' } }))).toBe(false);
    expect(limitsSource(clauseOf({ StringEquals: { 'aws:PrincipalAccount': '111122223333' } }))).toBe(false);
    expect(limitsSource(clauseOf({ ArnLike: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:us-east-1:111122223333:log-group:*' } }))).toBe(true);
    expect(limitsSource(clauseOf({ ArnLike: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:*:*:*' } }))).toBe(false);
    expect(limitsSource(clauseOf({ StringEquals: { 'kms:EncryptionContext:Department': 'finance' } }))).toBe(false);
    expect(sourceLimit(conditionOf({ StringEquals: { 'aws:SourceAccount': '111122223333' } }))?.key.value).toBe('aws:SourceAccount');
  });
});
