import type { ConditionClause, PolicyDocument, Statement } from '../model/policy.js';

// The evaluator's contract: a request, the policies that decide it, and a three-valued answer.
// Static analysis rarely knows the whole request context, so a condition that the context cannot
// settle makes its statement apply *conditionally* rather than not at all (reference: AWS "Policy
// evaluation logic"; DESIGN.md, eval/).

/** What a principal is, for the rules that treat kinds differently (root, trust and KMS exceptions, anonymous access). */
export type PrincipalKind = 'root' | 'user' | 'role' | 'service' | 'federated' | 'anonymous';

/** Who makes the request. */
export interface RequestPrincipal {
  readonly kind: PrincipalKind;
  /**
   * The principal's ARN: `arn:aws:iam::111122223333:user/path/name`, `…:role/path/name`,
   * `arn:aws:iam::111122223333:root`; the service principal (`lambda.amazonaws.com`); the
   * federated provider's ARN or name (`cognito-identity.amazonaws.com`); `*` for the anonymous caller.
   */
  readonly arn: string;
  /** The 12-digit account (undefined for services, anonymous callers and some federated principals). */
  readonly account: string | undefined;
  /**
   * For a role: the session's ARN (`arn:aws:sts::111122223333:assumed-role/name/session`); a
   * resource policy naming it (or the role ARN) names this principal.
   */
  readonly sessionArn?: string | undefined;
  /** For users and roles, the friendly name (`aws:username` for users). */
  readonly name?: string | undefined;
  /** Tags of the user or role (`aws:PrincipalTag/<key>`); undefined when unknown. */
  readonly tags?: ReadonlyMap<string, string> | undefined;
  /** A service-linked role (path `/aws-service-role/`): SCPs do not apply to it. */
  readonly serviceLinked?: boolean | undefined;
}

/**
 * The request context. Keys are lower case. A key in `values` has those values; a key in `absent` is
 * known not to be in the request; any other key is unknown, and a condition on it is unknown too
 * (keys the evaluator derives itself — aws:PrincipalArn, aws:PrincipalAccount, aws:username,
 * aws:PrincipalTag/*, aws:PrincipalType, aws:PrincipalIsAWSService, aws:ResourceAccount,
 * aws:CurrentTime, aws:EpochTime — come from the principal, the resource and `now` unless given here;
 * aws:TokenIssueTime, unless given, is known only to lie within the 36 hours before `now` when
 * temporary credentials are used: see src/eval/context.ts).
 */
export interface RequestContext {
  readonly values?: ReadonlyMap<string, readonly string[]> | undefined;
  readonly absent?: ReadonlySet<string> | undefined;
  /** aws:CurrentTime / aws:EpochTime, and the bound for aws:TokenIssueTime. */
  readonly now: Date;
}

export interface Request {
  readonly principal: RequestPrincipal;
  /** One action, `service:Name` (case-insensitive). */
  readonly action: string;
  /** One resource ARN, or `*` for actions that take no resource. */
  readonly resource: string;
  /** The account that owns the resource; undefined when unknown (then the request is treated as same-account only if the ARN names the principal's account). */
  readonly resourceAccount: string | undefined;
  readonly context: RequestContext;
}

/** The policies on the principal's side. */
export interface PrincipalPolicies {
  /** Inline, attached and group policies, as documents (only their statements are read). */
  readonly identity: readonly PolicyDocument[];
  /** The permissions boundary; undefined when the principal has none. */
  readonly boundary?: PolicyDocument | undefined;
  /**
   * The SCPs in force, one list per level of the organization from the root down to the account: each
   * level must allow. Undefined or empty when no organization applies (or for the management account).
   */
  readonly scps?: readonly (readonly PolicyDocument[])[] | undefined;
  /** A session policy, when the request is made with one. */
  readonly session?: PolicyDocument | undefined;
}

/**
 * What kind of resource policy decides the request: `default` (S3, SQS, … — in the same account an
 * allow in either the identity or the resource policy suffices), `trust` (a role's trust policy:
 * it must allow the principal; naming the account root delegates to the identity policy), `kms` (a
 * key policy: the same rule as trust policies).
 */
export type ResourcePolicyKind = 'default' | 'trust' | 'kms';

/** The policies on the resource's side. */
export interface ResourcePolicies {
  readonly kind: ResourcePolicyKind;
  /** Undefined when the resource has none (or it is not known). */
  readonly policy?: PolicyDocument | undefined;
  /** The RCPs in force for the resource's account, one list per level; undefined or empty when none apply. */
  readonly rcps?: readonly (readonly PolicyDocument[])[] | undefined;
}

export type Decision = 'allowed' | 'conditional' | 'denied';

/** How a statement bears on the request. */
export type Applies = 'yes' | 'maybe' | 'no';

/** A condition clause whose truth the context cannot settle, in the statement that holds it. */
export interface OpenCondition {
  readonly document: PolicyDocument;
  readonly statement: Statement;
  readonly clause: ConditionClause;
}

/**
 * How a resource or trust policy's Principal names the caller: `exact` — the user's ARN, the role
 * session's ARN, the service or federated provider itself (in the same account a grant so named
 * escapes a permissions boundary: evaluation.md row 7); `role` — the ARN of the role whose session
 * calls (capped by the boundary); `wildcard` — `"*"` or `{"AWS": "*"}`, or a NotPrincipal that leaves
 * the caller out (escapes the boundary too, as iam-simulate has it); `account` — the caller's account
 * id or `arn:aws:iam::ACCOUNT:root`, which only delegates to that account's own policies.
 */
export type PrincipalMatchKind = 'exact' | 'role' | 'wildcard' | 'account';

export interface StatementMatch {
  readonly document: PolicyDocument;
  readonly statement: Statement;
  /** `yes`: applies; `maybe`: applies if the open conditions hold (or an unresolved policy variable matches). */
  readonly applies: Exclude<Applies, 'no'>;
  readonly open: readonly OpenCondition[];
  /** For a statement of a resource or trust policy: how its Principal names the caller. */
  readonly principal?: PrincipalMatchKind | undefined;
}

/**
 * Why a request is denied, when it is: `explicit-deny` — a Deny in the caller's policies, its boundary
 * or session policy, or the resource policy; `scp` — a Deny in an SCP, or a level of SCPs that allows
 * nothing; `rcp` — a Deny in an RCP; `boundary` / `session` — the identity policies allow but the
 * permissions boundary / session policy does not; `resource-policy` — the identity side allows, but a
 * resource policy that must allow too (a trust or key policy, or any resource policy across accounts)
 * does not; `not-allowed` — nothing grants the request.
 */
export type DenyReason = 'explicit-deny' | 'scp' | 'rcp' | 'boundary' | 'session' | 'not-allowed' | 'resource-policy';

export interface Evaluation {
  readonly decision: Decision;
  /**
   * The Allow statements that apply (or may), identity and resource side alike, in policy order; and
   * the conditional Allows of a boundary, session policy or SCP level that only they open, since their
   * conditions then decide (a `conditional` decision always has a `maybe` match here or in `deniedBy`).
   */
  readonly allowedBy: readonly StatementMatch[];
  /** The Deny statements that apply (decision `denied`) or may apply (they make an allow `conditional`). */
  readonly deniedBy: readonly StatementMatch[];
  /** Set when the decision is `denied`. */
  readonly reason?: DenyReason | undefined;
}
