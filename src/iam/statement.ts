import { isAllow, type Statement, type StringList } from '../model/policy.js';
import { isEveryAction, matchesAction } from './wildcard.js';

/**
 * What a statement's action element covers, with NotAction's inversion applied: true when the
 * statement applies to `action` (e.g. `iam:PassRole`).
 */
export function coversAction(statement: Statement, action: string): boolean {
  if (statement.action) return statement.action.items.some((item) => matchesAction(item.value, action));
  if (statement.notAction) return !statement.notAction.items.some((item) => matchesAction(item.value, action));
  return false;
}


/** `*`, or `arn:` followed only by wildcard parts, with `aws` or a wildcard as the partition. */
const everyResource = /^(?:\*+|arn:\*+(?::\*+)*|arn:aws(?::\*+)+)$/;

/**
 * A resource pattern that matches every resource: `*`, or an ARN pattern whose every part after
 * `arn` is a bare wildcard (`arn:*`, `arn:aws:*:*:*:*`).
 */
export function isEveryResource(pattern: string): boolean {
  return everyResource.test(pattern);
}

/** The statement applies to every action (Action has a `*`-only pattern). */
export function allowsEveryAction(statement: Statement): boolean {
  return statement.action?.items.some((item) => isEveryAction(item.value)) ?? false;
}

/** The statement applies to every resource: Resource has a match-all pattern. NotResource never counts here. */
export function onEveryResource(statement: Statement): boolean {
  return listHasEveryResource(statement.resource);
}

function listHasEveryResource(list: StringList | undefined): boolean {
  return list?.items.some((item) => isEveryResource(item.value)) ?? false;
}

/** The parts of a condition operator: `ForAnyValue:StringLikeIfExists` → set, base and IfExists. */
export interface ParsedOperator {
  readonly set: 'ForAllValues' | 'ForAnyValue' | undefined;
  readonly base: string;
  readonly ifExists: boolean;
}

export function parseOperator(operator: string): ParsedOperator {
  let rest = operator;
  let set: ParsedOperator['set'];
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const qualifier = rest.slice(0, colon).toLowerCase();
    if (qualifier === 'forallvalues') set = 'ForAllValues';
    else if (qualifier === 'foranyvalue') set = 'ForAnyValue';
    rest = rest.slice(colon + 1);
  }
  const ifExists = /IfExists$/i.test(rest) && rest.toLowerCase() !== 'null';
  return { set, base: ifExists ? rest.slice(0, -'IfExists'.length) : rest, ifExists };
}

/** An Allow statement on every resource: `*` (or a match-all ARN), or every resource but some (NotResource). */
export function allowsOnEveryResource(statement: Statement): boolean {
  return isAllow(statement) && (onEveryResource(statement) || statement.notResource !== undefined);
}
