import { accountA, accountB, roleArn, userArn } from './case.js';

// The condition keys the generated policies use, with values that match the generated requests or not.
// Every key is a global key, so iam-simulate accepts it for every action (it drops keys an action does
// not support, which would make the two sides see different contexts).

export type KeyType = 'string' | 'arn' | 'numeric' | 'date' | 'bool' | 'ip';

export interface ConditionKeySpec {
  readonly key: string;
  readonly type: KeyType;
  /** Multi-valued keys take ForAnyValue/ForAllValues and list values in the request. */
  readonly multi: boolean;
  /**
   * Values the request may carry; undefined for keys the evaluators derive from the principal, the
   * resource or the clock (then the case does not list them in its context).
   */
  readonly requestValues?: readonly (string | string[])[];
  /** Values policies compare against: some match a generated request, some never do. */
  readonly policyValues: readonly string[];
}

export const conditionKeys: readonly ConditionKeySpec[] = [
  {
    key: 'aws:SourceIp',
    type: 'ip',
    multi: false,
    requestValues: ['203.0.113.7', '198.51.100.20'],
    policyValues: ['203.0.113.0/24', '10.0.0.0/8', '198.51.100.20/32'],
  },
  { key: 'aws:SecureTransport', type: 'bool', multi: false, requestValues: ['true', 'false'], policyValues: ['true', 'false'] },
  { key: 'aws:MultiFactorAuthPresent', type: 'bool', multi: false, requestValues: ['true', 'false'], policyValues: ['true', 'false'] },
  { key: 'aws:MultiFactorAuthAge', type: 'numeric', multi: false, requestValues: ['300', '7200'], policyValues: ['3600', '100'] },
  {
    key: 'aws:RequestedRegion',
    type: 'string',
    multi: false,
    requestValues: ['us-east-1', 'eu-west-1'],
    policyValues: ['us-east-1', 'eu-*', 'US-EAST-1'],
  },
  { key: 'aws:PrincipalOrgID', type: 'string', multi: false, requestValues: ['o-abc123def4', 'o-zzz999yyy8'], policyValues: ['o-abc123def4'] },
  {
    key: 'aws:TagKeys',
    type: 'string',
    multi: true,
    requestValues: [['team'], ['team', 'env'], []],
    policyValues: ['team', 'env', 'cost'],
  },
  {
    key: 'aws:CalledVia',
    type: 'string',
    multi: true,
    requestValues: [['cloudformation.amazonaws.com'], ['athena.amazonaws.com', 'cloudformation.amazonaws.com']],
    policyValues: ['cloudformation.amazonaws.com', 'athena.amazonaws.com'],
  },
  // Derived by the evaluators: from the clock …
  { key: 'aws:CurrentTime', type: 'date', multi: false, policyValues: ['2020-01-01T00:00:00Z', '2030-01-01T00:00:00Z', '2026-01-15'] },
  { key: 'aws:EpochTime', type: 'date', multi: false, policyValues: ['1577836800', '1893456000'] },
  // … from the principal …
  { key: 'aws:PrincipalTag/team', type: 'string', multi: false, policyValues: ['alice', 'red', 'r*', '${aws:username}'] },
  {
    key: 'aws:PrincipalArn',
    type: 'arn',
    multi: false,
    policyValues: [
      userArn,
      roleArn,
      `arn:aws:iam::${accountA}:*`,
      'arn:aws:iam::*:role/dev',
      'arn:aws:iam::${aws:PrincipalAccount}:user/*',
      `arn:aws:iam::${accountB}:*`,
    ],
  },
  { key: 'aws:PrincipalAccount', type: 'string', multi: false, policyValues: [accountA, accountB] },
  { key: 'aws:username', type: 'string', multi: false, policyValues: ['alice', 'bob', 'a*'] },
  { key: 'aws:PrincipalType', type: 'string', multi: false, policyValues: ['User', 'AssumedRole'] },
  // … and from the resource.
  { key: 'aws:ResourceAccount', type: 'string', multi: false, policyValues: [accountA, accountB, '${aws:PrincipalAccount}'] },
];

/** The keys a request context must settle itself (the others are derived). */
export const requestSetKeys = conditionKeys.filter((spec) => spec.requestValues !== undefined);

export const operatorsByType: Readonly<Record<KeyType, readonly string[]>> = {
  string: ['StringEquals', 'StringNotEquals', 'StringLike', 'StringNotLike', 'StringEqualsIgnoreCase'],
  arn: ['ArnLike', 'ArnEquals', 'ArnNotLike', 'StringLike'],
  numeric: ['NumericLessThan', 'NumericGreaterThanEquals', 'NumericEquals'],
  date: ['DateGreaterThan', 'DateLessThan'],
  bool: ['Bool'],
  ip: ['IpAddress', 'NotIpAddress'],
};
