import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/eval/evaluate.js';
import type { Decision, Evaluation, PrincipalPolicies, Request, RequestPrincipal, ResourcePolicies, ResourcePolicyKind } from '../../src/eval/types.js';
import type { PolicyKind } from '../../src/model/policy.js';
import { ACCOUNT, OTHER, policy, request, role, root, user } from './build.js';

// Properties of evaluate over generated policies: denies only take away, allows only add, and
// without conditions or unknowns the answer is never "conditional".

const alice = user('alice');
const deploy = role('deploy');
const eve = user('eve', { account: OTHER });
const callers: readonly RequestPrincipal[] = [alice, deploy, eve, root()];

const actions = ['s3:GetObject', 's3:PutObject', 'iam:CreateUser', 'ec2:RunInstances', 'sts:AssumeRole', 'kms:Decrypt'];
const actionPatterns = [...actions, 's3:*', 'iam:*', '*', 's3:Get*', 'S3:getobject', 'sts:Assume*'];
const resources = ['arn:aws:s3:::reports/q1.csv', `arn:aws:iam::${ACCOUNT}:role/target`, `arn:aws:kms:us-east-1:${ACCOUNT}:key/k1`, '*'];
const resourcePatterns = ['*', 'arn:aws:s3:::reports/*', 'arn:aws:s3:::*', `arn:aws:kms:us-east-1:${ACCOUNT}:key/*`, 'arn:aws:iam::*:role/*', 'arn:aws:s3:::home/${aws:username}/*'];
const principals = ['*', { AWS: ACCOUNT }, { AWS: alice.arn }, { AWS: deploy.arn }, { AWS: deploy.sessionArn }, { AWS: `arn:aws:iam::${OTHER}:root` }, { AWS: eve.arn }];
const conditions = [
  { Bool: { 'aws:SecureTransport': 'true' } },
  { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
  { StringEquals: { 'aws:PrincipalAccount': ACCOUNT } },
  { DateLessThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } },
  { StringLike: { 's3:prefix': 'home/*' } },
  { Null: { 'aws:SourceVpce': 'true' } },
];

interface StatementShape {
  readonly effect: 'Allow' | 'Deny';
  readonly not: boolean;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly condition: object | undefined;
}

const statementShape = (withConditions: boolean): fc.Arbitrary<StatementShape> =>
  fc.record({
    effect: fc.constantFrom('Allow' as const, 'Deny' as const),
    not: fc.boolean(),
    actions: fc.subarray(actionPatterns, { minLength: 1, maxLength: 3 }),
    resources: fc.subarray(withConditions ? resourcePatterns : resourcePatterns.filter((r) => !r.includes('${')), { minLength: 1, maxLength: 2 }),
    condition: withConditions ? fc.option(fc.constantFrom(...conditions), { nil: undefined }) : fc.constant(undefined),
  });

function toStatement(shape: StatementShape, principal?: unknown): object {
  return {
    Effect: shape.effect,
    ...(principal === undefined ? {} : { Principal: principal }),
    [shape.not ? 'NotAction' : 'Action']: shape.actions,
    Resource: shape.resources,
    ...(shape.condition ? { Condition: shape.condition } : {}),
  };
}

interface Scenario {
  readonly caller: RequestPrincipal;
  readonly action: string;
  readonly resource: string;
  readonly identity: readonly (readonly StatementShape[])[];
  readonly boundary: readonly StatementShape[] | undefined;
  readonly scp: readonly StatementShape[] | undefined;
  readonly kind: ResourcePolicyKind;
  readonly resourcePolicy: readonly { readonly shape: StatementShape; readonly principal: unknown }[] | undefined;
  readonly extra: StatementShape;
}

const scenario = (withConditions: boolean): fc.Arbitrary<Scenario> => {
  const statements = fc.array(statementShape(withConditions), { minLength: 1, maxLength: 3 });
  return fc.record({
    caller: fc.constantFrom(...callers),
    action: fc.constantFrom(...actions),
    resource: fc.constantFrom(...resources),
    identity: fc.array(statements, { maxLength: 2 }),
    boundary: fc.option(statements, { nil: undefined }),
    scp: fc.option(statements, { nil: undefined }),
    kind: fc.constantFrom<ResourcePolicyKind>('default', 'trust', 'kms'),
    resourcePolicy: fc.option(fc.array(fc.record({ shape: statementShape(withConditions), principal: fc.constantFrom(...principals) }), { minLength: 1, maxLength: 3 }), { nil: undefined }),
    extra: statementShape(withConditions),
  });
};

const document = (shapes: readonly StatementShape[], kind: PolicyKind) => policy(shapes.map((shape) => toStatement(shape)), kind);

function policiesOf(s: Scenario, extraIdentity?: StatementShape): { request: Request; principal: PrincipalPolicies; resource: ResourcePolicies } {
  const identity = s.identity.map((shapes) => document(shapes, 'identity'));
  if (extraIdentity) identity.push(document([extraIdentity], 'identity'));
  return {
    request: request(s.caller, s.action, s.resource, { resourceAccount: ACCOUNT, values: { 'aws:securetransport': 'true' } }),
    principal: { identity, boundary: s.boundary && document(s.boundary, 'boundary'), scps: s.scp && [[document(s.scp, 'scp')]] },
    resource: { kind: s.kind, policy: s.resourcePolicy && policy(s.resourcePolicy.map(({ shape, principal }) => toStatement(shape, principal)), 'resource') },
  };
}

function run(s: Scenario, extraIdentity?: StatementShape): Evaluation {
  const { request: on, principal, resource } = policiesOf(s, extraIdentity);
  return evaluate(on, principal, resource);
}

const rank: Readonly<Record<Decision, number>> = { denied: 0, conditional: 1, allowed: 2 };
const runs = { numRuns: 400, seed: 20250601 };

describe('evaluate: properties', () => {
  it('adding a Deny never turns an answer towards allowed', () => {
    fc.assert(
      fc.property(scenario(true), statementShape(true), (s, extra) => {
        const added = { ...extra, effect: 'Deny' as const };
        return rank[run(s, added).decision] <= rank[run(s).decision];
      }),
      runs,
    );
  });

  it('adding an Allow never turns an answer towards denied', () => {
    fc.assert(
      fc.property(scenario(true), statementShape(true), (s, extra) => {
        const added = { ...extra, effect: 'Allow' as const };
        return rank[run(s, added).decision] >= rank[run(s).decision];
      }),
      runs,
    );
  });

  it('policies without conditions or unknowns never yield conditional', () => {
    fc.assert(
      fc.property(scenario(false), (s) => run(s).decision !== 'conditional'),
      runs,
    );
  });

  it('denied has a reason and nothing else has; conditional shows a statement that may apply', () => {
    fc.assert(
      fc.property(scenario(true), (s) => {
        const result = run(s);
        expect(result.reason !== undefined).toBe(result.decision === 'denied');
        if (result.decision === 'conditional') expect([...result.allowedBy, ...result.deniedBy].some((m) => m.applies === 'maybe')).toBe(true);
        if (result.decision === 'allowed') expect(result.deniedBy.every((m) => m.applies === 'maybe')).toBe(true);
      }),
      runs,
    );
  });

  it('the generated scenarios reach every answer', () => {
    const seen = new Set(fc.sample(scenario(true), { numRuns: 400, seed: runs.seed }).map((s) => run(s).decision));
    expect([...seen].sort()).toEqual(['allowed', 'conditional', 'denied']);
  });

  it('a Deny that applies unconditionally always denies', () => {
    fc.assert(
      fc.property(scenario(true), (s) => {
        const denyAll: StatementShape = { effect: 'Deny', not: false, actions: ['*'], resources: ['*'], condition: undefined };
        return run(s, denyAll).decision === 'denied';
      }),
      runs,
    );
  });
});
