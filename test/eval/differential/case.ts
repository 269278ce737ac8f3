// The shape of one differential case, as plain JSON: the policies exactly as AWS would store them, and
// the request as facts (who, what, on which resource, with which context). Both evaluators are fed
// from this one description, so a disagreement can only come from evaluation, not from the inputs.

export const accountA = '111122223333';
export const accountB = '444455556666';
/** An account that is never the caller's or the resource's: a third party named in policies. */
export const accountC = '777788889999';

/** The clock both evaluators run at (aws:CurrentTime, aws:EpochTime). */
export const now = new Date('2026-01-15T12:00:00Z');

export const userName = 'alice';
export const userArn = `arn:aws:iam::${accountA}:user/${userName}`;
export const roleName = 'dev';
export const roleArn = `arn:aws:iam::${accountA}:role/${roleName}`;
export const roleSessionArn = `arn:aws:sts::${accountA}:assumed-role/${roleName}/dev-session`;

export interface StatementJson {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: PrincipalJson;
  NotPrincipal?: PrincipalJson;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export type PrincipalJson = '*' | { AWS?: string | string[]; Service?: string | string[] };

export interface PolicyJson {
  Version: '2012-10-17';
  Statement: StatementJson[];
}

export type PrincipalChoice = 'user' | 'role';

/** Which kind of resource the request is on; decides the resource policy's kind. */
export type Scenario = 's3' | 'assume' | 'kms' | 'iam';

/** A context value: one string, a list (multi-valued keys), or `null` for "known to be absent". */
export type ContextValue = string | string[] | null;

export interface DifferentialCase {
  readonly principal: PrincipalChoice;
  /** The principal's tags (aws:PrincipalTag/*); empty means "has no tags", which is known. */
  readonly principalTags: Readonly<Record<string, string>>;
  readonly scenario: Scenario;
  readonly action: string;
  readonly resource: string;
  readonly resourceAccount: string;
  readonly identity: readonly PolicyJson[];
  readonly boundary?: PolicyJson | undefined;
  /** One list per organization level, root first. */
  readonly scps?: readonly (readonly PolicyJson[])[] | undefined;
  /** One list per level; RCPFullAWSAccess is implied on every level, as AWS attaches it. */
  readonly rcps?: readonly (readonly PolicyJson[])[] | undefined;
  readonly resourcePolicy?: PolicyJson | undefined;
  /**
   * Every request key the generated conditions may use that the evaluators do not derive themselves:
   * each has a value or `null` (absent). Derived keys (principal, resource account, time) are not here.
   */
  readonly context: Readonly<Record<string, ContextValue>>;
}

export function principalArn(choice: PrincipalChoice): string {
  return choice === 'user' ? userArn : roleArn;
}

/** The ARN AWS sees as the caller: the user, or the role's session. */
export function callerArn(choice: PrincipalChoice): string {
  return choice === 'user' ? userArn : roleSessionArn;
}
