import { explicitActions, type ActionSet } from './action-set.js';
import { findAction, type ActionInfo } from './catalogue.js';
import { allowsOnEveryResource } from './statement.js';
import type { Statement } from '../model/policy.js';

/**
 * The actions an Allow statement grants explicitly (by name or pattern, not `*`) on every resource
 * (`*`, or NotResource); undefined when it grants none that way.
 */
export function grantsOnEveryResource(statement: Statement): ActionSet | undefined {
  if (!allowsOnEveryResource(statement)) return undefined;
  const granted = explicitActions(statement);
  return granted && !granted.isEmpty() ? granted : undefined;
}

/**
 * Of `actions`, those an Allow statement grants explicitly (by name or pattern, not `*`) on every
 * resource (`*`, or NotResource). Empty when the statement is a Deny or names its resources.
 */
export function dangerousGrants(statement: Statement, actions: readonly string[]): string[] {
  const granted = grantsOnEveryResource(statement);
  if (!granted) return [];
  return resolve(actions)
    .filter((action) => granted.has(action))
    .map((action) => action.id);
}

const resolved = new WeakMap<readonly string[], readonly ActionInfo[]>();

/** A rule's action list as catalogue entries, looked up once per list. */
function resolve(actions: readonly string[]): readonly ActionInfo[] {
  let found = resolved.get(actions);
  if (!found) {
    found = actions.map((id) => {
      const action = findAction(id);
      // A rule's list naming an action the catalogue lacks is a bug to hear about, not to skip.
      if (!action) throw new Error(`${id} is not in the AWS catalogue`);
      return action;
    });
    resolved.set(actions, found);
  }
  return found;
}
