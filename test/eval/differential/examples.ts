import type { Decision } from '../../../src/eval/types.js';
import type { TheirDecision } from './adapters.js';
import {
  accountA,
  roleArn,
  roleSessionArn,
  type ContextValue,
  type DifferentialCase,
  type PolicyJson,
  type StatementJson,
} from './case.js';
import { requestSetKeys } from './condition-keys.js';

// Hand-written cases: one per documented difference (showing both answers), and the minimal repros of
// the disagreements the generated cases found in src/eval, with AWS's documented answer.

const noContext: Record<string, ContextValue> = Object.fromEntries(requestSetKeys.map((spec) => [spec.key, null]));

function policy(...statements: StatementJson[]): PolicyJson {
  return { Version: '2012-10-17', Statement: statements };
}

const s3Object = 'arn:aws:s3:::bucket-x/home/alice/report.txt';
const key = `arn:aws:kms:us-east-1:${accountA}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const allowAll = policy({ Effect: 'Allow', Action: '*', Resource: '*' });

function s3Case(principal: 'user' | 'role', parts: Partial<DifferentialCase>): DifferentialCase {
  return {
    principal,
    principalTags: {},
    scenario: 's3',
    action: 's3:GetObject',
    resource: s3Object,
    resourceAccount: accountA,
    identity: [],
    context: noContext,
    ...parts,
  };
}

export interface DifferenceExample {
  readonly difference: string;
  readonly case: DifferentialCase;
  readonly ours: Decision;
  readonly theirs: TheirDecision;
}

/** One example per entry of known-differences.ts, by its name. */
export const differenceExamples: readonly DifferenceExample[] = [
  {
    difference: 'policy variable in an ARN condition value',
    case: s3Case('user', {
      identity: [policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::${aws:PrincipalAccount}:user/*' } } })],
    }),
    ours: 'allowed',
    theirs: 'denied',
  },
  {
    difference: 'NotPrincipal that names the caller only in part',
    case: s3Case('role', {
      identity: [allowAll],
      // Names the role and its session but not the account: AWS denies the role's session.
      resourcePolicy: policy({ Effect: 'Deny', NotPrincipal: { AWS: [roleArn, roleSessionArn] }, Action: 's3:*', Resource: '*' }),
    }),
    ours: 'denied',
    theirs: 'allowed',
  },
];

export interface Repro {
  readonly name: string;
  readonly case: DifferentialCase;
  /** What AWS documents (and iam-simulate answers). */
  readonly expected: Decision;
  readonly source: string;
}

/** Minimal repros of the disagreements found in src/eval; iam-simulate and AWS's documentation agree on each. */
export const repros: readonly Repro[] = [
  {
    name: 'ForAnyValue:…IfExists on an absent key is false',
    case: s3Case('user', {
      identity: [policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': 'team' } } })],
    }),
    expected: 'denied',
    source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html',
  },
  {
    name: 'an unresolvable policy variable in NotResource makes the Allow invalid',
    case: s3Case('role', {
      // aws:username is not present for a role session.
      identity: [policy({ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::bucket-x/home/${aws:username}/*' })],
    }),
    expected: 'denied',
    source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html',
  },
  {
    name: 'an unresolvable policy variable in NotResource makes the Deny invalid',
    case: s3Case('role', {
      identity: [allowAll, policy({ Effect: 'Deny', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::bucket-x/home/${aws:username}/*' })],
    }),
    expected: 'allowed',
    source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html',
  },
  {
    name: 'a policy variable before the fifth colon of a Resource ARN is not substituted',
    case: {
      principal: 'user',
      principalTags: {},
      scenario: 'assume',
      action: 'sts:AssumeRole',
      resource: `arn:aws:iam::${accountA}:role/target`,
      resourceAccount: accountA,
      identity: [policy({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::${aws:PrincipalAccount}:role/target' })],
      resourcePolicy: policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountA}:root` }, Action: 'sts:AssumeRole' }),
      context: noContext,
    },
    expected: 'denied',
    source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-resourceelement',
  },
  {
    name: 'a resource-policy grant to Principal "*" is not limited by a permissions boundary',
    case: {
      principal: 'user',
      principalTags: {},
      scenario: 'kms',
      action: 'kms:Decrypt',
      resource: key,
      resourceAccount: accountA,
      identity: [],
      boundary: policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' }),
      resourcePolicy: policy({ Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }),
      context: noContext,
    },
    expected: 'allowed',
    source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html',
  },
  {
    name: 'the same for a role session and a bucket policy',
    case: s3Case('role', {
      boundary: policy({ Effect: 'Allow', Action: 'kms:*', Resource: '*' }),
      resourcePolicy: policy({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket-x/*' }),
    }),
    expected: 'allowed',
    source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-roles',
  },
];

