import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import { checkArn, partitions, type ArnProblem } from '../../src/iam/arn.js';
import { findConditionKey } from '../../src/iam/condition-keys.js';
import { parseOperator } from '../../src/iam/statement.js';
import { policyKinds, type ConditionClause, type Located, type PolicyDocument, type PrincipalBlock, type Statement } from '../../src/model/policy.js';

const messages = {
  notArn: '{value} is not an ARN, so it matches nothing. Write the ARN, arn:partition:service:region:account-id:resource, or "*".{hint}',
  tooFewParts:
    '{value} has {parts} of the six parts of an ARN, arn:partition:service:region:account-id:resource, so it matches nothing. An empty region or account keeps its colon: arn:aws:s3:::my-bucket, arn:aws:iam::111122223333:role/app.',
  emptyPart: '{value} has no {part}, so it matches nothing: an ARN is arn:partition:service:region:account-id:resource.{hint}',
  unknownPartition: "'{partition}' in {value} is not an AWS partition, so it matches nothing: use {partitions}.{hint}",
  serviceCase: "'{service}' in {value} is not a service namespace: ARNs are case-sensitive, so it matches nothing. Write '{expected}'.",
  malformedRegion: "'{region}' in {value} is not a region code such as us-east-1, so it matches nothing. Write the region, or leave it empty or * where the ARN allows.",
  malformedAccount: "'{account}' in {value} is not an account ID, so it matches nothing. Write the account's 12 digits, without hyphens, or *.",
  unexpectedPart: '{what} ARNs have no {parts}, so {value} matches nothing: write {fixed}.',
} as const;

type Context = RuleContext<typeof messages, undefined>;

/** A bucket-like name (`my-bucket`, `logs.example.com/*`), for the hint on a value that is not an ARN. */
const bucketLike = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/;

/** Where the value is: a resource (Resource, NotResource), or a condition value or principal. */
interface Place {
  readonly resource: boolean;
  readonly apiGatewayShorthand: boolean;
}

function notArnHint(value: string, place: Place): string {
  if (!place.resource) return '';
  if (value.startsWith('execute-api:') && !place.apiGatewayShorthand) return ' The execute-api:/… shorthand is expanded only in API Gateway resource policies.';
  if (bucketLike.test(value)) return ` For an S3 bucket or its objects, that is arn:aws:s3:::${value}.`;
  return '';
}

function report(context: Context, problem: ArnProblem, item: Located<string>, place: Place): void {
  const at = item.span;
  const value = item.value;
  switch (problem.kind) {
    case 'notArn':
      context.report({ messageId: 'notArn', at, data: { value, hint: notArnHint(value, place) } });
      return;
    case 'tooFewParts':
      context.report({ messageId: 'tooFewParts', at, data: { value, parts: problem.parts } });
      return;
    case 'emptyPart': {
      const hint = problem.part === 'partition' ? ' The partition is aws, or aws-cn, aws-us-gov … for other partitions.' : '';
      context.report({ messageId: 'emptyPart', at, data: { value, part: problem.part, hint } });
      return;
    }
    case 'unknownPartition': {
      const hint = problem.suggestion === undefined ? '' : ` Did you mean '${problem.suggestion}'?`;
      context.report({ messageId: 'unknownPartition', at, data: { value, partition: problem.partition, partitions: partitions.join(', '), hint } });
      return;
    }
    case 'serviceCase':
      context.report({ messageId: 'serviceCase', at, data: { value, service: problem.service, expected: problem.expected } });
      return;
    case 'malformedRegion':
      context.report({ messageId: 'malformedRegion', at, data: { value, region: problem.region } });
      return;
    case 'malformedAccount':
      context.report({ messageId: 'malformedAccount', at, data: { value, account: problem.account } });
      return;
    case 'unexpectedPart': {
      const parts = problem.region && problem.account ? 'region or account' : problem.region ? 'region' : 'account';
      context.report({ messageId: 'unexpectedPart', at, data: { value, what: problem.what, parts, fixed: problem.fixed } });
      return;
    }
  }
}

const arnOperators = new Set(['ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike']);

/** The condition values that must be ARNs: every value of an Arn… operator; `arn:…` values of String… operators on ARN-typed keys. */
function arnValues(clause: ConditionClause): Located<string>[] {
  const strings = clause.values.filter((v): v is Located<string> => typeof v.value === 'string');
  const { base } = parseOperator(clause.operator.value);
  if (arnOperators.has(base)) return strings;
  if (!base.startsWith('String')) return [];
  const type = findConditionKey(clause.key.value)?.type;
  return type === 'ARN' || type === 'ArrayOfARN' ? strings.filter((v) => v.value.startsWith('arn:')) : [];
}

/** `AWS` and `Federated` principal values written as ARNs. */
function principalArns(block: PrincipalBlock | undefined): Located<string>[] {
  return (block?.entries ?? []).filter((e) => (e.type === 'AWS' || e.type === 'Federated') && e.value.value.startsWith('arn:')).map((e) => e.value);
}

const asResource = { apiGatewayShorthand: false };
const asResourceOfResourcePolicy = { apiGatewayShorthand: true };

function checkValue(context: Context, item: Located<string>, resource: boolean, apiGatewayShorthand: boolean): void {
  const problem = checkArn(item.value, resource && apiGatewayShorthand ? asResourceOfResourcePolicy : asResource);
  if (problem) report(context, problem, item, { resource, apiGatewayShorthand });
}

// A loop per element, without building lists: this runs on every statement.
function check(context: Context, statement: Statement, document: PolicyDocument): void {
  const apiGatewayShorthand = document.kind === 'resource';
  for (const list of [statement.resource, statement.notResource]) {
    for (const item of list?.items ?? []) checkValue(context, item, true, apiGatewayShorthand);
  }
  for (const clause of statement.condition?.clauses ?? []) {
    for (const item of arnValues(clause)) checkValue(context, item, false, apiGatewayShorthand);
  }
  for (const block of [statement.principal, statement.notPrincipal]) {
    for (const item of principalArns(block)) checkValue(context, item, false, apiGatewayShorthand);
  }
}

export default defineRule({
  id: 'invalid-arn',
  meta: {
    category: 'correctness',
    severity: 'medium',
    recommended: true,
    inputs: ['policy'],
    kinds: policyKinds,
    description: 'ARNs in resources, ARN conditions and principals must be well formed.',
    sources: [{ tool: 'parliament', id: 'INVALID_ARN' }],
  },
  messages,
  check: { statement: check },
});
