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
  'aws:username',
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

const everyAddress = new Set(['0.0.0.0/0', '::/0']);

function isMatchAll(value: string): boolean {
  return /^\*+$/.test(value) || everyAddress.has(value);
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
  return clause.values.length > 0 && clause.values.every((v) => typeof v.value === 'string' && !isMatchAll(v.value));
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
