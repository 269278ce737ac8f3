import { explicitActions } from './action-set.js';
import { findAction } from './catalogue.js';
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
  return actions.filter((id) => {
    const action = findAction(id);
    // A rule's list naming an action the catalogue lacks is a bug to hear about, not to skip.
    if (!action) throw new Error(`${id} is not in the AWS catalogue`);
    return granted.has(action);
  });
}
