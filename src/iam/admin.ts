import { isAllow, type PolicyDocument, type Statement } from '../model/policy.js';
import { restrictsStatement } from './conditions.js';
import { selfGrantActions } from './escalation.js';
import { allowsEveryAction, coversAction, onEveryResource } from './statement.js';

// Full administrator access, as one statement grants it. `full-admin` reports such statements in
// any identity policy; `admin-policy-attached` reports where a managed policy holding one is
// attached. Both use this test, so that they never disagree about what administrator access is.

/** How a statement grants full administrator access. */
export type AdminGrant =
  /** `Action: "*"` (or `*:*`) on every resource. */
  | { readonly kind: 'everyAction' }
  /** `NotAction` on every resource, leaving in `escalation`, an action that grants itself anything. */
  | { readonly kind: 'notAction'; readonly escalation: string };

/**
 * Whether an Allow statement grants full administrator access on its own: every resource, no
 * condition that can make it not apply (one only on `aws:SecureTransport` does not count), and
 * either every action or a NotAction that leaves in a self-granting IAM action. Statements are
 * judged one at a time: a Deny elsewhere in the policy does not change the answer.
 */
export function adminGrant(statement: Statement): AdminGrant | undefined {
  if (!isAllow(statement) || !onEveryResource(statement) || restrictsStatement(statement.condition)) return undefined;
  if (allowsEveryAction(statement)) return { kind: 'everyAction' };
  if (!statement.notAction) return undefined;
  const escalation = selfGrantActions.find((action) => coversAction(statement, action));
  return escalation === undefined ? undefined : { kind: 'notAction', escalation };
}

/** The document's first statement that grants full administrator access, with how it does. */
export function firstAdminStatement(document: PolicyDocument): { readonly statement: Statement; readonly grant: AdminGrant } | undefined {
  for (const statement of document.statements) {
    const grant = adminGrant(statement);
    if (grant) return { statement, grant };
  }
  return undefined;
}
