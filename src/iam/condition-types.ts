import type { ConditionValue } from '../model/policy.js';
import type { ConditionKeyType } from './catalogue.js';
import { parseOperator, type ParsedOperator } from './statement.js';

/*
 * Condition operators by the type of value they compare, which key types each fits, and what a value
 * of each type looks like (IAM User Guide, "IAM JSON policy elements: Condition operators").
 */

/** The families of condition operators; each compares one type of value. */
export type OperatorFamily = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IpAddress' | 'Arn' | 'Null';

/** What an operator tests, so that its counterpart in another family can be named. */
type Relation = 'equals' | 'notEquals' | 'like' | 'notLike' | 'lessThan' | 'lessThanEquals' | 'greaterThan' | 'greaterThanEquals' | 'presence';

export interface BaseOperator {
  /** As AWS spells it: `StringEquals`, `NotIpAddress` … */
  readonly name: string;
  readonly family: OperatorFamily;
  readonly relation: Relation;
}

const baseOperators: readonly BaseOperator[] = [
  { name: 'StringEquals', family: 'String', relation: 'equals' },
  { name: 'StringNotEquals', family: 'String', relation: 'notEquals' },
  { name: 'StringEqualsIgnoreCase', family: 'String', relation: 'equals' },
  { name: 'StringNotEqualsIgnoreCase', family: 'String', relation: 'notEquals' },
  { name: 'StringLike', family: 'String', relation: 'like' },
  { name: 'StringNotLike', family: 'String', relation: 'notLike' },
  { name: 'NumericEquals', family: 'Numeric', relation: 'equals' },
  { name: 'NumericNotEquals', family: 'Numeric', relation: 'notEquals' },
  { name: 'NumericLessThan', family: 'Numeric', relation: 'lessThan' },
  { name: 'NumericLessThanEquals', family: 'Numeric', relation: 'lessThanEquals' },
  { name: 'NumericGreaterThan', family: 'Numeric', relation: 'greaterThan' },
  { name: 'NumericGreaterThanEquals', family: 'Numeric', relation: 'greaterThanEquals' },
  { name: 'DateEquals', family: 'Date', relation: 'equals' },
  { name: 'DateNotEquals', family: 'Date', relation: 'notEquals' },
  { name: 'DateLessThan', family: 'Date', relation: 'lessThan' },
  { name: 'DateLessThanEquals', family: 'Date', relation: 'lessThanEquals' },
  { name: 'DateGreaterThan', family: 'Date', relation: 'greaterThan' },
  { name: 'DateGreaterThanEquals', family: 'Date', relation: 'greaterThanEquals' },
  { name: 'Bool', family: 'Bool', relation: 'equals' },
  { name: 'BinaryEquals', family: 'Binary', relation: 'equals' },
  { name: 'IpAddress', family: 'IpAddress', relation: 'equals' },
  { name: 'NotIpAddress', family: 'IpAddress', relation: 'notEquals' },
  { name: 'ArnEquals', family: 'Arn', relation: 'equals' },
  { name: 'ArnLike', family: 'Arn', relation: 'like' },
  { name: 'ArnNotEquals', family: 'Arn', relation: 'notEquals' },
  { name: 'ArnNotLike', family: 'Arn', relation: 'notLike' },
  { name: 'Null', family: 'Null', relation: 'presence' },
];

const byName = new Map(baseOperators.map((operator) => [operator.name.toLowerCase(), operator]));

export interface ConditionOperator extends ParsedOperator {
  readonly operator: BaseOperator;
}

/** Per operator as written (a policy uses a handful, over and over); `null` for those IAM does not have. */
const operators = new Map<string, ConditionOperator | null>();

/**
 * An operator as written (`ForAnyValue:StringLikeIfExists`), with its base operator; undefined for
 * operators IAM does not have (`unknown-condition-operator` reports those). The base is found in any
 * case, so that a miscased operator is still typed.
 */
export function conditionOperator(written: string): ConditionOperator | undefined {
  let found = operators.get(written);
  if (found === undefined) {
    const parsed = parseOperator(written);
    const operator = byName.get(parsed.base.toLowerCase());
    found = operator ? { ...parsed, operator } : null;
    operators.set(written, found);
  }
  return found ?? undefined;
}

/** The type of one value of a key: `ArrayOfString` → `String`. */
export type ValueType = 'String' | 'ARN' | 'Numeric' | 'Date' | 'Bool' | 'IPAddress' | 'Binary';

export function valueType(type: ConditionKeyType): ValueType {
  return (type.startsWith('ArrayOf') ? type.slice('ArrayOf'.length) : type) as ValueType;
}

/** The operator family made for each value type. */
export const familyOf: Readonly<Record<ValueType, Exclude<OperatorFamily, 'Null'>>> = {
  String: 'String',
  ARN: 'Arn',
  Numeric: 'Numeric',
  Date: 'Date',
  Bool: 'Bool',
  IPAddress: 'IpAddress',
  Binary: 'Binary',
};

/**
 * Whether an operator family fits a key of this type. Beyond each type's own family: `Null` fits
 * every key; String operators fit ARN keys, which AWS compares as text (it recommends the ARN
 * operators, and Parliament reports the pair only as "usable"); ARN operators fit String keys that
 * hold ARNs, which the catalogue types as String in places (`aws:SourceVpcArn`), told by `arn` in
 * the key's name; and `aws:EpochTime`, typed Date, takes numeric operators too (epoch seconds).
 */
export function fitsKey(family: OperatorFamily, type: ConditionKeyType, key: string): boolean {
  const own = valueType(type);
  if (family === 'Null' || family === familyOf[own]) return true;
  if (family === 'String') return own === 'ARN';
  if (family === 'Arn') return own === 'String' && /arn/i.test(key.slice(key.indexOf(':') + 1));
  if (family === 'Numeric') return key.toLowerCase() === 'aws:epochtime';
  return false;
}

const counterparts: Readonly<Record<Exclude<OperatorFamily, 'Null'>, Partial<Record<Relation, string>>>> = {
  String: { equals: 'StringEquals', notEquals: 'StringNotEquals', like: 'StringLike', notLike: 'StringNotLike' },
  Numeric: { equals: 'NumericEquals', notEquals: 'NumericNotEquals', lessThan: 'NumericLessThan', lessThanEquals: 'NumericLessThanEquals', greaterThan: 'NumericGreaterThan', greaterThanEquals: 'NumericGreaterThanEquals' },
  Date: { equals: 'DateEquals', notEquals: 'DateNotEquals', lessThan: 'DateLessThan', lessThanEquals: 'DateLessThanEquals', greaterThan: 'DateGreaterThan', greaterThanEquals: 'DateGreaterThanEquals' },
  Bool: { equals: 'Bool', notEquals: 'Bool' },
  Binary: { equals: 'BinaryEquals' },
  IpAddress: { equals: 'IpAddress', notEquals: 'NotIpAddress' },
  Arn: { equals: 'ArnEquals', notEquals: 'ArnNotEquals', like: 'ArnLike', notLike: 'ArnNotLike' },
};

/**
 * The operator to use instead, for a key of this type: the counterpart of the written one in the
 * type's family, keeping its set qualifier and IfExists (`StringNotEquals` on an IP key →
 * `NotIpAddress`), else the family's operators (`StringLike` on a numeric key → `a Numeric operator
 * (NumericEquals, …)`).
 */
export function suggestedOperator(written: ConditionOperator, type: ConditionKeyType): string {
  const family = familyOf[valueType(type)];
  const options = counterparts[family];
  const counterpart = options[written.operator.relation];
  if (counterpart === undefined) return `a ${family} operator (${[...new Set(Object.values(options))].join(', ')})`;
  return `${written.set ? `${written.set}:` : ''}${counterpart}${written.ifExists ? 'IfExists' : ''}`;
}

/*
 * Values. Conditions take strings, numbers and booleans; each family reads its values as follows.
 */

/** W3C's ISO 8601 profile (YYYY, YYYY-MM, YYYY-MM-DD, then a time to the minute, second or fraction), the zone optional. */
const isoDate = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/;

function isDate(text: string): boolean {
  if (/^\d+$/.test(text)) return true; // epoch seconds (a 4-digit year is one too, and fine)
  const match = isoDate.exec(text);
  if (!match) return false;
  const part = (i: number): number | undefined => {
    const text: string | undefined = match[i];
    return text === undefined ? undefined : Number(text);
  };
  const [month, day, hour, minute, second] = [part(2), part(3), part(4), part(5), part(6)];
  if (month !== undefined && (month < 1 || month > 12)) return false;
  if (day !== undefined && (day < 1 || day > 31)) return false;
  if (hour !== undefined && hour > 24) return false;
  if (minute !== undefined && minute > 59) return false;
  return second === undefined || second <= 60;
}

function isNumber(text: string): boolean {
  return /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(text);
}

function isBool(text: string): boolean {
  return /^(?:true|false)$/i.test(text);
}

function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255);
}

function isIpv6(text: string): boolean {
  let rest = text;
  let groups = 0;
  // An embedded IPv4 address (::ffff:192.0.2.1) stands for the last two groups.
  const lastColon = rest.lastIndexOf(':');
  if (rest.includes('.', lastColon)) {
    if (!isIpv4(rest.slice(lastColon + 1))) return false;
    rest = `${rest.slice(0, lastColon + 1)}0`;
    groups = 1;
  }
  const halves = rest.split('::');
  if (halves.length > 2) return false;
  const hex = /^[0-9a-f]{1,4}$/i;
  for (const half of halves) {
    if (half === '') continue;
    const parts = half.split(':');
    if (!parts.every((part) => hex.test(part))) return false;
    groups += parts.length;
  }
  return halves.length === 2 ? groups <= 7 : groups === 8;
}

/** An IPv4 or IPv6 address, or a CIDR range of either. */
export function isIpOrCidr(text: string): boolean {
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const bits = slash < 0 ? undefined : text.slice(slash + 1);
  const v4 = isIpv4(address);
  if (!v4 && !isIpv6(address)) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (v4 ? 32 : 128));
}

/**
 * What the ARN operators can compare: `arn:partition:service:region:account:resource`, six
 * colon-separated parts (the resource may hold more colons), each of which ArnLike matches
 * separately, so a wildcard cannot stand for several. A value of wildcards alone matches anything.
 */
function isArnPattern(text: string): boolean {
  if (/^[*?]+$/.test(text)) return true;
  const parts = text.split(':');
  return parts.length >= 6 && (parts[0] === 'arn' || /^[a-z]*[*?][a-z*?]*$/.test(parts[0] ?? ''));
}

function isBase64(text: string): boolean {
  return text.length > 0 && /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text);
}

/** What each family needs, for messages. */
export const expectedValue: Readonly<Record<Exclude<OperatorFamily, 'String'>, string>> = {
  Numeric: 'a number (an integer such as 3600, or a decimal such as 1.2)',
  Date: 'a date: ISO 8601 (2025-01-31, 2025-01-31T12:00:00Z) or epoch seconds (1738324800)',
  Bool: 'true or false',
  Binary: 'base64-encoded data',
  IpAddress: 'an IPv4 or IPv6 address or CIDR range (203.0.113.0/24, 2001:db8::/32)',
  Arn: 'an ARN, arn:partition:service:region:account:resource (wildcards in any part with ArnLike)',
  Null: 'true (the key is absent) or false (the key is present)',
};

/** A policy variable in a value (`${aws:username}`): its value is only known at request time. */
export function hasPolicyVariable(value: ConditionValue): boolean {
  return typeof value === 'string' && value.includes('${');
}

/**
 * Whether an operator of the family can read the value. String operators read anything; values with
 * policy variables are not judged (the variable's value is only known at request time).
 */
export function valueFits(family: OperatorFamily, value: ConditionValue): boolean {
  if (family === 'String' || hasPolicyVariable(value)) return true;
  if (typeof value === 'boolean') return family === 'Bool' || family === 'Null';
  if (typeof value === 'number') return family === 'Numeric' ? Number.isFinite(value) : family === 'Date' && Number.isInteger(value) && value >= 0;
  switch (family) {
    case 'Numeric':
      return isNumber(value);
    case 'Date':
      return isDate(value);
    case 'Bool':
    case 'Null':
      return isBool(value);
    case 'IpAddress':
      return isIpOrCidr(value);
    case 'Arn':
      return isArnPattern(value);
    case 'Binary':
      return isBase64(value);
  }
}
