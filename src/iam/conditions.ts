import type { ConditionBlock, ConditionClause } from '../model/policy.js';
import { isAccountId, parseArn } from './arn.js';
import { parseOperator } from './statement.js';
import { resourceMatcher } from './wildcard.js';

/**
 * Global condition keys that pin who the caller is, or where the call comes from: an organization,
 * an account, a principal, a network (VPC, VPC endpoint, IP range), or the source of a service call.
 */
const callerKeys = new Set([
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:principalservicename',
  'aws:userid',
  'aws:sourcevpce',
  'aws:sourcevpc',
  'aws:sourceip',
  'aws:vpcsourceip',
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceowner',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'kms:calleraccount',
]);

/** Operators under which a caller key narrows the request to the listed values. */
const narrowingOperators = new Set(['stringequals', 'stringequalsignorecase', 'stringlike', 'arnequals', 'arnlike', 'ipaddress']);

/** Keys whose values are ARNs: they pin callers only when the account (or, for S3, the bucket) is fixed. */
const arnKeys = new Set(['aws:principalarn', 'aws:sourcearn']);

/**
 * Whether one condition value actually narrows callers. Not narrowing: wildcards in an id
 * (`o-*`, `????????????`), an ARN with a wildcard account (`arn:aws:iam::*:role/*`), and IP ranges
 * wider than a /8 (IPv4) or /16 (IPv6) — together they can cover the whole internet.
 */
function narrows(key: string, value: string): boolean {
  if (key === 'aws:sourceip' || key === 'aws:vpcsourceip') {
    const [address = '', bits] = value.split('/');
    if (bits === undefined) return true;
    return Number(bits) >= (address.includes(':') ? 16 : 8);
  }
  if (!/[*?]/.test(value)) return true;
  if (arnKeys.has(key)) {
    const [prefix, partition, service, , account = '', resource = ''] = value.split(':');
    if (prefix !== 'arn' || partition === undefined || service === undefined) return false;
    // An S3 ARN has no account: the bucket name must be fixed instead.
    return service === 's3' && account === '' ? /^[^*?/]+/.test(resource) : /^\d{12}$/.test(account);
  }
  // Organization paths: a fixed organization id, then anything below it.
  if (key === 'aws:principalorgpaths' || key === 'aws:sourceorgpaths') return /^o-[a-z0-9]+\//.test(value);
  return false;
}

/**
 * True when the clause limits callers to named organizations, accounts, principals, networks or
 * sources. Not counted: negated operators, `…IfExists` (passes when the key is absent),
 * `ForAllValues` (passes when it is empty), and values that match everything (`*`, `0.0.0.0/0`).
 */
export function limitsCallers(clause: ConditionClause): boolean {
  const key = clause.key.value.toLowerCase();
  const { set, base, ifExists } = parseOperator(clause.operator.value);
  if (ifExists || set === 'ForAllValues') return false;
  const operator = base.toLowerCase();
  if (key === 'aws:principalisawsservice') return operator === 'bool' && clause.values.length > 0 && clause.values.every((v) => String(v.value).toLowerCase() === 'true');
  if (!callerKeys.has(key) || !narrowingOperators.has(operator)) return false;
  return clause.values.length > 0 && clause.values.every((v) => typeof v.value === 'string' && narrows(key, v.value));
}

/** The first clause of the block that limits callers, if any. */
export function callerLimit(condition: ConditionBlock | undefined): ConditionClause | undefined {
  return condition?.clauses.find(limitsCallers);
}

/** Keys whose conditions hold for practically every API call, so they restrict nothing. */
const alwaysTrueKeys = new Set(['aws:securetransport']);

/** True when the clause can make its statement not apply (its key is not one of the always-true ones). */
export function restrictsClause(clause: ConditionClause): boolean {
  return !alwaysTrueKeys.has(clause.key.value.toLowerCase());
}

/** True when some clause can make the statement not apply. */
export function restrictsStatement(condition: ConditionBlock | undefined): boolean {
  return condition?.clauses.some(restrictsClause) ?? false;
}

/**
 * Accounts and organizations, such as the zone of trust. Organization ids are lower case (`o-…`);
 * account ids are the 12 digits.
 */
export interface AccountScope {
  readonly accounts: ReadonlySet<string>;
  readonly organizationIds: ReadonlySet<string>;
}

/** Keys whose values are account ids of the caller or of the source of a service call. */
const accountKeys = new Set(['aws:principalaccount', 'aws:sourceaccount', 'aws:sourceowner', 'kms:calleraccount']);
const organizationKeys = new Set(['aws:principalorgid', 'aws:sourceorgid']);
const organizationPathKeys = new Set(['aws:principalorgpaths', 'aws:sourceorgpaths']);

/** Whether one value of a caller key names only accounts or organizations of `scope`. */
function inScope(key: string, value: string, scope: AccountScope): boolean {
  if (accountKeys.has(key)) return scope.accounts.has(value);
  if (organizationKeys.has(key)) return scope.organizationIds.has(value.toLowerCase());
  if (organizationPathKeys.has(key)) {
    const organization = /^(o-[a-z0-9]+)\//i.exec(value)?.[1];
    return organization !== undefined && scope.organizationIds.has(organization.toLowerCase());
  }
  if (arnKeys.has(key)) {
    const arn = parseArn(value);
    return arn !== undefined && scope.accounts.has(arn.account);
  }
  return false;
}

/**
 * True when the clause limits callers (as `limitsCallers` decides) to accounts and organizations of
 * `scope`: `aws:PrincipalOrgID`/`aws:SourceOrgID` among its organizations, `aws:PrincipalOrgPaths`/
 * `aws:SourceOrgPaths` below one of them, `aws:PrincipalAccount`, `aws:SourceAccount`,
 * `aws:SourceOwner` or `kms:CallerAccount` among its accounts, `aws:PrincipalArn`/`aws:SourceArn`
 * ARNs in its accounts. Every value must be in scope: one outside value lets its callers in.
 */
export function limitsCallersTo(clause: ConditionClause, scope: AccountScope): boolean {
  if (!limitsCallers(clause)) return false;
  const key = clause.key.value.toLowerCase();
  return clause.values.every((v) => typeof v.value === 'string' && inScope(key, v.value, scope));
}

/** The first clause of the block that limits callers to `scope`, if any. */
export function callerLimitTo(condition: ConditionBlock | undefined, scope: AccountScope): ConditionClause | undefined {
  return condition?.clauses.find((clause) => limitsCallersTo(clause, scope));
}

const negatedStringOperators = new Set(['stringnotequals', 'stringnotlike']);
const negatedArnOperators = new Set(['arnnotequals', 'arnnotlike', 'stringnotequals', 'stringnotlike']);

/** Whether an `aws:PrincipalAccount` value (StringLike pattern or exact) matches `account`. */
function accountValueMatches(value: string, account: string, like: boolean): boolean {
  return like ? resourceMatcher(value)(account) : value === account;
}

/**
 * Whether the clause is true for every request made by an IAM principal of `account`, an account
 * outside `scope` — so that a Deny statement whose other clauses also hold applies to it. Handled:
 *
 * - `aws:PrincipalAccount` with `StringNotEquals`/`StringNotLike` (…IfExists too: the key is always
 *   present for IAM principals) that does not list the account, or `StringEquals`/`StringLike` that does;
 * - `StringNotEquals`/`StringNotLike` (…IfExists too) on `aws:PrincipalOrgID` whose values are all
 *   organizations of `scope`: the account is then either in one of them (inside the scope) or
 *   denied. A negated operator is true when the key is absent, as it is for accounts outside any
 *   organization;
 * - `aws:PrincipalArn` with a negated ARN or string operator whose values all name another account;
 * - `Bool`/`BoolIfExists` `aws:PrincipalIsAWSService` `false` (an IAM principal is no service).
 *
 * Anything else (other keys, `ForAllValues:`/`ForAnyValue:`) is not known to hold.
 */
export function holdsForOutsideAccount(clause: ConditionClause, account: string, scope: AccountScope): boolean {
  const key = clause.key.value.toLowerCase();
  const { set, base } = parseOperator(clause.operator.value);
  if (set !== undefined || clause.values.length === 0) return false;
  const operator = base.toLowerCase();
  const values = clause.values.map((v) => String(v.value));
  switch (key) {
    case 'aws:principalisawsservice':
      return operator === 'bool' && values.every((v) => v.toLowerCase() === 'false');
    case 'aws:principalaccount': {
      const like = operator.endsWith('like');
      if (negatedStringOperators.has(operator)) return !values.some((v) => accountValueMatches(v, account, like));
      if (operator === 'stringequals' || operator === 'stringlike') return values.some((v) => accountValueMatches(v, account, like));
      return false;
    }
    case 'aws:principalorgid':
      return negatedStringOperators.has(operator) && values.every((v) => scope.organizationIds.has(v.toLowerCase()));
    case 'aws:principalarn':
      return (
        negatedArnOperators.has(operator) &&
        values.every((v) => {
          const arn = parseArn(v);
          return arn !== undefined && isAccountId(arn.account) && arn.account !== account;
        })
      );
    default:
      return false;
  }
}

/**
 * True when the block requires multi-factor authentication: `Bool` `aws:MultiFactorAuthPresent`
 * `true`, or `NumericLessThan(Equals)` on `aws:MultiFactorAuthAge` (absent without MFA, so the
 * comparison fails). The `…IfExists` forms pass without MFA and do not count.
 */
export function requiresMfa(condition: ConditionBlock | undefined): boolean {
  return (
    condition?.clauses.some((clause) => {
      const key = clause.key.value.toLowerCase();
      const { set, base, ifExists } = parseOperator(clause.operator.value);
      if (ifExists || set !== undefined || clause.values.length === 0) return false;
      const operator = base.toLowerCase();
      if (key === 'aws:multifactorauthpresent') return operator === 'bool' && clause.values.every((v) => String(v.value).toLowerCase() === 'true');
      if (key === 'aws:multifactorauthage') return operator === 'numericlessthan' || operator === 'numericlessthanequals';
      return false;
    }) ?? false
  );
}

/** Keys that pin the resource, account or organization a service acts for. */
const sourceKeys = new Set(['aws:sourcearn', 'aws:sourceaccount', 'aws:sourceowner', 'aws:sourceorgid', 'aws:sourceorgpaths']);

/**
 * The encryption-context keys that AWS services set to the ARN of the resource they encrypt for,
 * such as `kms:EncryptionContext:aws:logs:arn` (CloudWatch Logs) or
 * `kms:EncryptionContext:aws:cloudtrail:arn`: KMS key policies pin the source with them.
 */
const encryptionContextArn = /^kms:encryptioncontext:aws:[a-z0-9-]+:arn$/;

/**
 * True when the clause pins the source a service principal acts for: `aws:SourceArn`,
 * `aws:SourceAccount`, `aws:SourceOwner`, `aws:SourceOrgID` or `aws:SourceOrgPaths` (with the
 * operators and values `limitsCallers` accepts), or an AWS encryption-context ARN key with an ARN
 * whose account is fixed. `…IfExists`, negated operators and match-all values do not count.
 */
export function limitsSource(clause: ConditionClause): boolean {
  const key = clause.key.value.toLowerCase();
  if (sourceKeys.has(key)) return limitsCallers(clause);
  if (!encryptionContextArn.test(key)) return false;
  const { set, base, ifExists } = parseOperator(clause.operator.value);
  if (ifExists || set === 'ForAllValues' || !narrowingOperators.has(base.toLowerCase())) return false;
  return clause.values.length > 0 && clause.values.every((v) => typeof v.value === 'string' && narrows('aws:sourcearn', v.value));
}

/** The first clause of the block that pins the source of a service call, if any. */
export function sourceLimit(condition: ConditionBlock | undefined): ConditionClause | undefined {
  return condition?.clauses.find(limitsSource);
}
