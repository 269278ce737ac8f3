import type { ConditionBlock, ConditionClause } from '../model/policy.js';
import { parseOperator } from './statement.js';

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

/** True when some clause can make the statement not apply (anything beyond always-true keys). */
export function restrictsStatement(condition: ConditionBlock | undefined): boolean {
  return condition?.clauses.some((clause) => !alwaysTrueKeys.has(clause.key.value.toLowerCase())) ?? false;
}
