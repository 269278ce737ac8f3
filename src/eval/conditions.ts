import { conditionOperator, type ConditionOperator } from '../iam/condition-types.js';
import { resourceMatcher } from '../iam/wildcard.js';
import type { ConditionBlock, ConditionClause } from '../model/policy.js';
import { keyState, type KeyState } from './context.js';
import type { Request } from './types.js';
import { arnParts, inRange, parseDate, parseIp, parseIpRange, parseNumber, type IpRange } from './values.js';
import { decode, encodedMatch, resolveVariables } from './variables.js';

/*
 * Three-valued evaluation of conditions (IAM User Guide, "Condition operators" and "Multivalued
 * context keys"). A clause is one operator on one key with its values: the values are ORed — for a
 * negated operator (StringNotEquals, NotIpAddress …) the key must match none of them — and clauses
 * are ANDed. A key absent from the request makes a clause false, except for negated operators,
 * `…IfExists` and `ForAllValues:` (true) and `Null` (which tests exactly that); `ForAnyValue:` is
 * false on an absent or empty key, with `IfExists` too. A clause whose answer depends on what the request context does
 * not say is `unknown`, never guessed.
 *
 * Where AWS leaves a case open, the evaluator agrees with @cloud-copilot/iam-simulate: an operator
 * without a set qualifier on a key with several values is false (negated ones too), and a value of
 * the wrong type (a number that is not one, an ARN with fewer than six parts, a policy variable that
 * cannot be substituted) matches nothing, and makes a negated operator false as well.
 */

export type Truth = 'true' | 'false' | 'unknown';

/** How one request value compares with one policy value, in the operator's positive sense (equal, like, less …). */
const NO = 0;
const MATCH = 1;
const OPEN = 2;
const INVALID = 3;
type Comparison = typeof NO | typeof MATCH | typeof OPEN | typeof INVALID;

/** A clause compiled once: its key, operator and values read for the operator's family. */
interface Compiled {
  /** Lower case, as the request context's keys are. */
  readonly key: string;
  /** Undefined for an operator IAM does not have: the clause is then unknown. */
  readonly operator: ConditionOperator | undefined;
  readonly negated: boolean;
  readonly ignoreCase: boolean;
  readonly values: readonly string[];
  /** Per value: whether its policy variables are substituted (string, ARN and Bool operators, Version 2012-10-17). */
  readonly substituted: readonly boolean[];
  /** Per value, for the Numeric and Date families (milliseconds for dates); undefined when the value is not one. */
  readonly numbers: readonly (number | undefined)[];
  readonly ranges: readonly (IpRange | undefined)[];
}

const substitutingFamilies: ReadonlySet<string> = new Set(['String', 'Arn', 'Bool']);

function compile(clause: ConditionClause, variables: boolean): Compiled {
  const written = clause.operator.value;
  const parsed = conditionOperator(written);
  // `Foo:StringEquals`: a qualifier that is not a set operator makes the operator unknown.
  const operator = parsed && (parsed.set !== undefined || !written.includes(':')) ? parsed : undefined;
  const family = operator?.operator.family;
  const relation = operator?.operator.relation;
  const values = clause.values.map((v) => String(v.value));
  return {
    key: clause.key.value.toLowerCase(),
    operator,
    negated: relation === 'notEquals' || relation === 'notLike',
    ignoreCase: operator?.operator.name.endsWith('IgnoreCase') ?? false,
    values,
    substituted: values.map((v) => variables && family !== undefined && substitutingFamilies.has(family) && v.includes('${')),
    numbers: values.map((v) => (family === 'Numeric' ? parseNumber(v) : family === 'Date' ? parseDate(v) : undefined)),
    ranges: values.map((v) => (family === 'IpAddress' ? parseIpRange(v) : undefined)),
  };
}

const compiledWith = new WeakMap<ConditionClause, Compiled>();
const compiledWithout = new WeakMap<ConditionClause, Compiled>();

function compiled(clause: ConditionClause, variables: boolean): Compiled {
  const cache = variables ? compiledWith : compiledWithout;
  let found = cache.get(clause);
  if (!found) {
    found = compile(clause, variables);
    cache.set(clause, found);
  }
  return found;
}

function order(relation: string, request: number, policy: number): boolean {
  switch (relation) {
    case 'lessThan':
      return request < policy;
    case 'lessThanEquals':
      return request <= policy;
    case 'greaterThan':
      return request > policy;
    case 'greaterThanEquals':
      return request >= policy;
    default:
      return request === policy;
  }
}

/** A value that may hold policy variables, resolved: the encoded text and whether it is exact, or undefined when invalid. */
function policyText(c: Compiled, i: number, request: Request, wildcards: boolean): { text: string; exact: boolean } | undefined {
  const raw = c.values[i] ?? '';
  if (c.substituted[i] !== true) return { text: raw, exact: true };
  const resolution = resolveVariables(raw, request, wildcards);
  return resolution.status === 'resolved' ? resolution : undefined;
}

function compareString(c: Compiled, i: number, value: string, request: Request): Comparison {
  const like = c.operator?.operator.relation === 'like' || c.operator?.operator.relation === 'notLike';
  if (c.substituted[i] !== true) {
    const raw = c.values[i] ?? '';
    if (like) return resourceMatcher(raw)(value) ? MATCH : NO;
    return (c.ignoreCase ? raw.toLowerCase() === value.toLowerCase() : raw === value) ? MATCH : NO;
  }
  const resolved = policyText(c, i, request, like);
  if (!resolved) return INVALID;
  const text = c.ignoreCase ? resolved.text.toLowerCase() : resolved.text;
  const subject = c.ignoreCase ? value.toLowerCase() : value;
  if (resolved.exact && !like) return decode(text) === subject ? MATCH : NO;
  if (!encodedMatch(text, subject)) return NO;
  return resolved.exact ? MATCH : OPEN;
}

function compareBool(c: Compiled, i: number, value: string, request: Request): Comparison {
  const resolved = policyText(c, i, request, false);
  if (!resolved) return INVALID;
  if (!resolved.exact) return OPEN;
  const policy = decode(resolved.text).toLowerCase();
  const subject = value.toLowerCase();
  if ((policy !== 'true' && policy !== 'false') || (subject !== 'true' && subject !== 'false')) return INVALID;
  return policy === subject ? MATCH : NO;
}

const allWildcards = /^[*?]+$/;

/** ArnEquals and ArnLike alike: each of the six parts matched on its own, so a wildcard never spans a colon of the first five. */
function compareArn(c: Compiled, i: number, value: string, request: Request): Comparison {
  const resolved = policyText(c, i, request, true);
  if (!resolved) return INVALID;
  if (allWildcards.test(resolved.text)) return resolved.exact ? MATCH : OPEN;
  const policy = arnParts(resolved.text);
  const subject = arnParts(value);
  if (!policy || !subject) return INVALID;
  for (let k = 0; k < 6; k++) if (!encodedMatch(policy[k] ?? '', subject[k] ?? '')) return NO;
  return resolved.exact ? MATCH : OPEN;
}

/** One request value against one policy value. */
function compare(c: Compiled, i: number, value: string, request: Request): Comparison {
  const operator = c.operator?.operator;
  if (!operator) return OPEN;
  switch (operator.family) {
    case 'String':
      return compareString(c, i, value, request);
    case 'Numeric':
    case 'Date': {
      const policy = c.numbers[i];
      const subject = operator.family === 'Numeric' ? parseNumber(value) : parseDate(value);
      if (policy === undefined || subject === undefined) return INVALID;
      return order(operator.relation, subject, policy) ? MATCH : NO;
    }
    case 'Bool':
      return compareBool(c, i, value, request);
    case 'Binary':
      return c.values[i] === value ? MATCH : NO;
    case 'IpAddress': {
      const range = c.ranges[i];
      const address = parseIp(value);
      if (!range || !address) return INVALID;
      return inRange(address, range) ? MATCH : NO;
    }
    case 'Arn':
      return compareArn(c, i, value, request);
    case 'Null':
      return OPEN;
  }
}

/** Folds the comparisons with every policy value into the operator's answer for one request value. */
function fold(c: Compiled, comparisonAt: (i: number) => Comparison): Truth {
  let open = false;
  for (let i = 0; i < c.values.length; i++) {
    const comparison = comparisonAt(i);
    if (c.negated) {
      if (comparison === MATCH || comparison === INVALID) return 'false';
    } else if (comparison === MATCH) return 'true';
    if (comparison === OPEN) open = true;
  }
  if (open) return 'unknown';
  return c.negated ? 'true' : 'false';
}

function forValue(c: Compiled, value: string, request: Request): Truth {
  return fold(c, (i) => compare(c, i, value, request));
}

/** For a date known only by bounds: the answer for a date at `at` (milliseconds). */
function forDate(c: Compiled, at: number): Truth {
  const relation = c.operator?.operator.relation ?? 'equals';
  return fold(c, (i) => {
    const policy = c.numbers[i];
    if (policy === undefined) return INVALID;
    return order(relation, at, policy) ? MATCH : NO;
  });
}

/**
 * A date operator on a date known to lie in [earliest, latest]: the answer is the same at every date
 * of the window exactly when it is the same at the window's ends, at every policy date inside it and
 * between them (the answer can change only at a policy date).
 */
function forWindow(c: Compiled, earliest: number, latest: number): Truth {
  const inside = c.numbers.filter((n): n is number => n !== undefined && n > earliest && n < latest).sort((a, b) => a - b);
  const points = [earliest, latest, ...inside];
  let previous = earliest;
  for (const point of [...inside, latest]) {
    points.push((previous + point) / 2);
    previous = point;
  }
  const first = forDate(c, earliest);
  if (first === 'unknown') return first;
  return points.every((point) => forDate(c, point) === first) ? first : 'unknown';
}

/**
 * The answer when the key is absent from the request. `ForAnyValue:` is false even with `IfExists`:
 * no value of an absent key can match (AWS re:Post, "ForAnyValue:StringEqualsIfExists behaving
 * unexpectedly", observed on ListQueues; iam-simulate agrees).
 */
function whenAbsent(c: Compiled): Truth {
  const set = c.operator?.set;
  if (set === 'ForAnyValue') return 'false';
  if (set === 'ForAllValues' || c.operator?.ifExists === true) return 'true';
  return c.negated ? 'true' : 'false';
}

function forValues(c: Compiled, values: readonly string[], request: Request): Truth {
  const set = c.operator?.set;
  if (set === undefined) return values.length === 1 ? forValue(c, values[0] ?? '', request) : 'false';
  // ForAllValues: every request value satisfies the operator (true for none); ForAnyValue: some does.
  const all = set === 'ForAllValues';
  let open = false;
  for (const value of values) {
    const truth = forValue(c, value, request);
    if (truth === 'unknown') open = true;
    else if ((truth === 'true') !== all) return truth;
  }
  if (open) return 'unknown';
  return all ? 'true' : 'false';
}

/** `Null`: `true` asks that the key be absent, `false` that it be present. */
function nullClause(c: Compiled, state: KeyState): Truth {
  const present = state.kind === 'values' ? true : state.kind === 'absent' ? false : state.kind === 'window' && !state.mayBeAbsent ? true : undefined;
  let open = false;
  for (const value of c.values) {
    const wanted = value.toLowerCase();
    if (wanted !== 'true' && wanted !== 'false') continue;
    if (present === undefined) open = true;
    else if ((wanted === 'false') === present) return 'true';
  }
  return open ? 'unknown' : 'false';
}

function evaluateCompiled(c: Compiled, request: Request): Truth {
  if (!c.operator) return 'unknown';
  const state = keyState(request, c.key);
  if (c.operator.operator.family === 'Null') return nullClause(c, state);
  switch (state.kind) {
    case 'unknown':
      return 'unknown';
    case 'absent':
      return whenAbsent(c);
    case 'values':
      return forValues(c, state.values, request);
    case 'window': {
      const present = c.operator.operator.family === 'Date' ? forWindow(c, state.earliest, state.latest) : 'unknown';
      if (!state.mayBeAbsent) return present;
      return present === whenAbsent(c) ? present : 'unknown';
    }
  }
}

export interface ConditionOptions {
  /** Substitute policy variables (documents of Version 2012-10-17); default true. */
  readonly variables?: boolean;
}

/** Whether one clause holds for the request: `true`, `false`, or `unknown` when the context cannot settle it. */
export function evaluateClause(clause: ConditionClause, request: Request, options: ConditionOptions = {}): Truth {
  return evaluateCompiled(compiled(clause, options.variables ?? true), request);
}

/** The clauses ANDed: `false` if any is false, else `unknown` if any is unknown, else `true` (also for no clauses). */
export function evaluateCondition(block: ConditionBlock | undefined, request: Request, options: ConditionOptions = {}): Truth {
  let open = false;
  for (const clause of block?.clauses ?? []) {
    const truth = evaluateClause(clause, request, options);
    if (truth === 'false') return truth;
    if (truth === 'unknown') open = true;
  }
  return open ? 'unknown' : 'true';
}
