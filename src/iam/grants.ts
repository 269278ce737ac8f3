import { explicitActions } from './action-set.js';
import { findAction, type ActionInfo } from './catalogue.js';
import { onEveryResource } from './statement.js';
import { isAllow, type Statement } from '../model/policy.js';

/**
 * Of `actions`, those an Allow statement grants explicitly (by name or pattern, not `*`) on every
 * resource (`*`, or NotResource). Empty when the statement is a Deny or names its resources.
 */
export function dangerousGrants(statement: Statement, actions: readonly string[]): string[] {
  if (!isAllow(statement) || (!onEveryResource(statement) && !statement.notResource)) return [];
  const granted = explicitActions(statement);
  if (!granted || granted.isEmpty()) return [];
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
