import fc from 'fast-check';
import {
  accountA,
  accountB,
  accountC,
  roleArn,
  roleSessionArn,
  userArn,
  type ContextValue,
  type DifferentialCase,
  type PolicyJson,
  type PrincipalJson,
  type Scenario,
  type StatementJson,
} from './case.js';
import { conditionKeys, operatorsByType, requestSetKeys, type ConditionKeySpec } from './condition-keys.js';

// fast-check generators for differential cases. Pools are small on purpose: a handful of actions,
// resources, principals and condition values that match the request or narrowly miss it make the
// interesting cases (wildcards, variables, NotAction/NotResource, boundaries, cross-account) common.

interface Target {
  readonly action: string;
  readonly resource: (account: string) => string;
}

interface ScenarioSpec {
  readonly targets: readonly Target[];
  /** Accounts the resource may live in (the caller is always in account A). */
  readonly accounts: readonly string[];
  /** Whether the resource has a policy: never, sometimes, or always (role trust policies, key policies). */
  readonly resourcePolicy: 'none' | 'optional' | 'required';
  /** Resource patterns for identity-side statements, biased toward this scenario's resources. */
  readonly resources: readonly string[];
  /** Resource patterns for the resource policy; undefined when its statements have no Resource (trust policies). */
  readonly resourcePolicyResources: readonly string[] | undefined;
  readonly actions: readonly string[];
}

const s3Object = 'arn:aws:s3:::bucket-x/home/alice/report.txt';
const kmsKey = (account: string) => `arn:aws:kms:us-east-1:${account}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

const s3Resources = [
  'arn:aws:s3:::bucket-x/*',
  'arn:aws:s3:::bucket-x/home/${aws:username}/*',
  'arn:aws:s3:::bucket-x/home/${aws:PrincipalTag/team}/*',
  'arn:aws:s3:::bucket-?/home/*',
  'arn:aws:s3:::other-bucket/*',
  'arn:aws:s3:::bucket-x',
  'arn:aws:s3:::*/home/alice/*',
];

const scenarios: Readonly<Record<Scenario, ScenarioSpec>> = {
  s3: {
    targets: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'].map((action) => ({ action, resource: () => s3Object })),
    accounts: [accountA, accountB],
    resourcePolicy: 'optional',
    resources: s3Resources,
    resourcePolicyResources: [...s3Resources, '*'],
    actions: ['s3:GetObject', 's3:Get*', 's3:*', 's3:PutObject', 's3:*Object', 'S3:getobject', 's3:DeleteObject'],
  },
  assume: {
    targets: [{ action: 'sts:AssumeRole', resource: (account) => `arn:aws:iam::${account}:role/target` }],
    accounts: [accountA, accountB],
    resourcePolicy: 'required',
    resources: [
      `arn:aws:iam::${accountA}:role/*`,
      'arn:aws:iam::*:role/target',
      `arn:aws:iam::${accountB}:role/t*`,
      'arn:aws:iam::${aws:PrincipalAccount}:role/target',
      `arn:aws:iam::${accountA}:role/other`,
    ],
    resourcePolicyResources: undefined,
    actions: ['sts:AssumeRole', 'sts:Assume*', 'sts:*', 'sts:TagSession'],
  },
  kms: {
    targets: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'].map((action) => ({ action, resource: kmsKey })),
    accounts: [accountA, accountB],
    resourcePolicy: 'required',
    resources: [
      `arn:aws:kms:*:${accountA}:key/*`,
      'arn:aws:kms:us-east-1:*:key/*',
      `arn:aws:kms:eu-west-1:${accountA}:key/*`,
      'arn:aws:kms:us-east-1:${aws:ResourceAccount}:key/*',
    ],
    resourcePolicyResources: ['*', '*', '*', `arn:aws:kms:*:${accountA}:key/*`, 'arn:aws:kms:us-east-1:*:key/*'],
    actions: ['kms:Decrypt', 'kms:*', 'kms:*crypt', 'kms:Encrypt', 'kms:GenerateDataKey*'],
  },
  iam: {
    targets: [
      { action: 'iam:PassRole', resource: (account) => `arn:aws:iam::${account}:role/app` },
      { action: 'iam:CreateAccessKey', resource: (account) => `arn:aws:iam::${account}:user/alice` },
      { action: 'iam:GetUser', resource: (account) => `arn:aws:iam::${account}:user/bob` },
    ],
    accounts: [accountA, accountA, accountB],
    resourcePolicy: 'none',
    resources: [
      `arn:aws:iam::${accountA}:role/app`,
      `arn:aws:iam::${accountA}:role/*`,
      `arn:aws:iam::${accountA}:user/\${aws:username}`,
      'arn:aws:iam::*:user/*',
      `arn:aws:iam::${accountA}:user/b*`,
    ],
    resourcePolicyResources: undefined,
    actions: ['iam:PassRole', 'iam:*', 'iam:*User*', 'iam:CreateAccessKey', 'iam:Pass*', 'iam:GetUser'],
  },
};

const globalActions = ['*', 's3:GetObject', 'iam:PassRole', 'sts:AssumeRole', 'kms:Decrypt', 'ec2:RunInstances', 'iam:*User*'];
const globalResources = ['*', 'arn:aws:s3:::bucket-x/*', `arn:aws:iam::${accountA}:role/*`, `arn:aws:kms:*:${accountA}:key/*`];

const principals: readonly { readonly arbitrary: fc.Arbitrary<PrincipalJson>; readonly weight: number }[] = [
  { arbitrary: fc.constant({ AWS: userArn }), weight: 3 },
  { arbitrary: fc.constant({ AWS: roleArn }), weight: 3 },
  { arbitrary: fc.constant({ AWS: roleSessionArn }), weight: 2 },
  { arbitrary: fc.constant({ AWS: `arn:aws:iam::${accountA}:root` }), weight: 3 },
  { arbitrary: fc.constant({ AWS: accountA }), weight: 1 },
  { arbitrary: fc.constant('*' as const), weight: 2 },
  { arbitrary: fc.constant({ AWS: '*' }), weight: 1 },
  { arbitrary: fc.constant({ AWS: `arn:aws:iam::${accountC}:root` }), weight: 1 },
  { arbitrary: fc.constant({ AWS: `arn:aws:iam::${accountA}:user/bob` }), weight: 1 },
  { arbitrary: fc.constant({ Service: 'lambda.amazonaws.com' }), weight: 1 },
  { arbitrary: fc.constant({ AWS: [userArn, `arn:aws:iam::${accountC}:root`] }), weight: 1 },
  { arbitrary: fc.constant({ AWS: [roleArn, `arn:aws:iam::${accountB}:root`] }), weight: 1 },
];

function biased(own: readonly string[], global: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof({ arbitrary: fc.constantFrom(...own), weight: 3 }, { arbitrary: fc.constantFrom(...global), weight: 1 });
}

function listFrom(item: fc.Arbitrary<string>): fc.Arbitrary<string | string[]> {
  return fc.oneof(item, fc.uniqueArray(item, { minLength: 1, maxLength: 2 }));
}

interface Clause {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
}

function operatorsFor(spec: ConditionKeySpec): fc.Arbitrary<string> {
  const base = fc.constantFrom(...operatorsByType[spec.type]);
  // Set operators are for multi-valued keys; on a single-valued key AWS treats the value as a set of one.
  const set = spec.multi
    ? fc.constantFrom('ForAnyValue:', 'ForAllValues:')
    : fc.oneof({ arbitrary: fc.constant(''), weight: 6 }, { arbitrary: fc.constantFrom('ForAnyValue:', 'ForAllValues:'), weight: 1 });
  const ifExists = fc.oneof({ arbitrary: fc.constant(''), weight: 3 }, { arbitrary: fc.constant('IfExists'), weight: 1 });
  return fc.tuple(set, base, ifExists).map(([prefix, operator, suffix]) => `${prefix}${operator}${suffix}`);
}

const clause: fc.Arbitrary<Clause> = fc.constantFrom(...conditionKeys).chain((spec) =>
  fc.oneof(
    {
      arbitrary: fc.record({
        operator: operatorsFor(spec),
        key: fc.constant(spec.key),
        values: fc.uniqueArray(fc.constantFrom(...spec.policyValues), { minLength: 1, maxLength: 2 }),
      }),
      weight: 5,
    },
    { arbitrary: fc.record({ operator: fc.constant('Null'), key: fc.constant(spec.key), values: fc.constantFrom(['true'], ['false']) }), weight: 1 },
  ),
);

const conditionBlock: fc.Arbitrary<StatementJson['Condition']> = fc
  .oneof({ arbitrary: fc.constant([]), weight: 3 }, { arbitrary: fc.array(clause, { minLength: 1, maxLength: 2 }), weight: 2 })
  .map((clauses) => {
    if (clauses.length === 0) return undefined;
    const block: Record<string, Record<string, string | string[]>> = {};
    for (const { operator, key, values } of clauses) {
      const byKey = (block[operator] ??= {});
      if (byKey[key] !== undefined) continue;
      byKey[key] = values.length === 1 && values[0] !== undefined ? values[0] : [...values];
    }
    return block;
  });

interface StatementOptions {
  readonly actions: fc.Arbitrary<string>;
  /** Undefined: no Resource element (trust policies). */
  readonly resources: fc.Arbitrary<string> | undefined;
  /** Present for resource policies. */
  readonly principal?: fc.Arbitrary<PrincipalJson>;
  readonly allowWeight: number;
}

function statement(options: StatementOptions): fc.Arbitrary<StatementJson> {
  return fc
    .record({
      effect: fc.oneof({ arbitrary: fc.constant('Allow' as const), weight: options.allowWeight }, { arbitrary: fc.constant('Deny' as const), weight: 1 }),
      notAction: fc.oneof({ arbitrary: fc.constant(false), weight: 6 }, { arbitrary: fc.constant(true), weight: 1 }),
      actions: listFrom(options.actions),
      notResource: fc.oneof({ arbitrary: fc.constant(false), weight: 6 }, { arbitrary: fc.constant(true), weight: 1 }),
      resources: options.resources ? listFrom(options.resources) : fc.constant(undefined),
      notPrincipal: fc.oneof({ arbitrary: fc.constant(false), weight: 9 }, { arbitrary: fc.constant(true), weight: 1 }),
      principal: options.principal ?? fc.constant(undefined),
      condition: conditionBlock,
    })
    .map((s) => {
      const out: StatementJson = { Effect: s.effect };
      if (s.principal !== undefined) {
        // NotPrincipal is only legal with Deny.
        if (s.notPrincipal && s.effect === 'Deny') out.NotPrincipal = s.principal;
        else out.Principal = s.principal;
      }
      if (s.notAction) out.NotAction = s.actions;
      else out.Action = s.actions;
      if (s.resources !== undefined) {
        if (s.notResource) out.NotResource = s.resources;
        else out.Resource = s.resources;
      }
      if (s.condition) out.Condition = s.condition;
      return out;
    });
}

function policy(statements: fc.Arbitrary<StatementJson>, maxStatements: number): fc.Arbitrary<PolicyJson> {
  return fc.array(statements, { minLength: 1, maxLength: maxStatements }).map((list) => ({ Version: '2012-10-17', Statement: list }));
}

const fullAwsAccess: PolicyJson = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

function sometimes<T>(arbitrary: fc.Arbitrary<T>, percent: number): fc.Arbitrary<T | undefined> {
  return fc.oneof({ arbitrary: fc.constant(undefined), weight: 100 - percent }, { arbitrary, weight: percent });
}

const contextArb: fc.Arbitrary<Record<string, ContextValue>> = fc.record(
  Object.fromEntries(requestSetKeys.map((spec) => [spec.key, fc.oneof(fc.constant(null), fc.constantFrom(...(spec.requestValues ?? [])))])),
);

function caseFor(scenarioName: Scenario): fc.Arbitrary<DifferentialCase> {
  const spec = scenarios[scenarioName];
  const identityStatement = statement({
    actions: biased(spec.actions, globalActions),
    resources: biased(spec.resources, globalResources),
    allowWeight: 3,
  });
  const broadStatement = statement({
    actions: biased([...spec.actions, '*', 's3:*', 'sts:*', 'kms:*', 'iam:*'], globalActions),
    resources: biased([...spec.resources, '*', '*'], globalResources),
    allowWeight: 5,
  });
  const resourceStatement = statement({
    actions: biased(spec.actions, ['*', ...globalActions]),
    resources: spec.resourcePolicyResources ? fc.constantFrom(...spec.resourcePolicyResources) : undefined,
    principal: fc.oneof(...principals),
    allowWeight: 3,
  });
  const scpLevel = fc
    .tuple(fc.boolean(), sometimes(policy(broadStatement, 2), 60))
    .map(([full, extra]) => (full || !extra ? [fullAwsAccess, ...(extra ? [extra] : [])] : [extra]));
  const rcpStatement = fc
    .record({
      actions: fc.uniqueArray(fc.constantFrom('s3:*', 'sts:*', 'kms:*', 's3:GetObject', 'sts:AssumeRole', 'kms:Decrypt'), { minLength: 1, maxLength: 2 }),
      condition: conditionBlock,
    })
    .map(({ actions, condition }) => {
      const out: StatementJson = { Effect: 'Deny', Principal: '*', Action: actions, Resource: '*' };
      if (condition) out.Condition = condition;
      return out;
    });
  const resourcePolicy =
    spec.resourcePolicy === 'none'
      ? fc.constant(undefined)
      : spec.resourcePolicy === 'required'
        ? policy(resourceStatement, 3)
        : sometimes(policy(resourceStatement, 3), 60);

  return fc
    .record({
      principal: fc.constantFrom('user' as const, 'role' as const),
      principalTags: fc.constantFrom({}, { team: 'alice' }, { team: 'red' }),
      target: fc.constantFrom(...spec.targets),
      account: fc.constantFrom(...spec.accounts),
      identity: fc.array(policy(identityStatement, 4), { minLength: 1, maxLength: 3 }),
      boundary: sometimes(policy(broadStatement, 2), 30),
      scps: sometimes(fc.array(scpLevel, { minLength: 1, maxLength: 2 }), 25),
      rcps: sometimes(fc.array(policy(rcpStatement, 1).map((p) => [p]), { minLength: 1, maxLength: 1 }), 15),
      resourcePolicy,
      context: contextArb,
    })
    .map((r) => ({
      principal: r.principal,
      principalTags: r.principalTags,
      scenario: scenarioName,
      action: r.target.action,
      resource: r.target.resource(r.account),
      resourceAccount: r.account,
      identity: r.identity,
      boundary: r.boundary,
      scps: r.scps,
      rcps: r.rcps,
      resourcePolicy: r.resourcePolicy,
      context: r.context,
    }));
}

export const differentialCase: fc.Arbitrary<DifferentialCase> = fc.oneof(
  { arbitrary: caseFor('s3'), weight: 3 },
  { arbitrary: caseFor('assume'), weight: 3 },
  { arbitrary: caseFor('kms'), weight: 2 },
  { arbitrary: caseFor('iam'), weight: 2 },
);
