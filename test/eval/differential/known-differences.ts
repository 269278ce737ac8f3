import { derivedContext } from './adapters.js';
import {
  accountA,
  accountC,
  principalArn,
  roleSessionArn,
  type DifferentialCase,
  type PolicyJson,
  type PrincipalJson,
  type StatementJson,
} from './case.js';

// Where src/eval and iam-simulate disagree and AWS's documentation is on our side. A class is not
// recognized by the two answers differing: each entry rewrites the case into one that AWS's documented
// semantics make equivalent but that avoids iam-simulate's departure from them. A disagreement is
// filtered only when iam-simulate, run on the rewritten case, gives our answer — so a new kind of
// disagreement in a case that merely contains the same feature is still reported.
// docs/evaluation.md lists the same classes for users.

export interface KnownDifference {
  readonly name: string;
  /** What AWS documents, and what iam-simulate does instead. */
  readonly reason: string;
  /** The AWS documentation that settles it. */
  readonly source: string;
  /** The case in an AWS-equivalent form iam-simulate evaluates as documented; undefined when the case has nothing of this class. */
  readonly normalize: (c: DifferentialCase) => DifferentialCase | undefined;
}

/** Applies `rewrite` to every statement of every policy (undefined: unchanged); undefined when nothing changed. */
function rewriteStatements(c: DifferentialCase, rewrite: (s: StatementJson, resourcePolicy: boolean) => StatementJson | undefined): DifferentialCase | undefined {
  const policy = (p: PolicyJson, resourcePolicy: boolean): PolicyJson => ({ ...p, Statement: p.Statement.map((s) => rewrite(s, resourcePolicy) ?? s) });
  const levels = (l: readonly (readonly PolicyJson[])[] | undefined) => l?.map((level) => level.map((p) => policy(p, false)));
  const next: DifferentialCase = {
    ...c,
    identity: c.identity.map((p) => policy(p, false)),
    boundary: c.boundary && policy(c.boundary, false),
    scps: levels(c.scps),
    rcps: levels(c.rcps),
    resourcePolicy: c.resourcePolicy && policy(c.resourcePolicy, true),
  };
  return JSON.stringify(next) === JSON.stringify(c) ? undefined : next;
}

const arnOperator = /^(?:For(?:Any|All)Value:)?Arn(?:Not)?(?:Equals|Like)(?:IfExists)?$/i;

/**
 * iam-simulate splits an ARN condition value on `:` before it substitutes policy variables, and every
 * `${aws:…}` variable holds a `:`, so such a value is cut in the wrong places and matches nothing.
 * Substituting the variable first is what AWS documents; the rewrite does that for it.
 */
const arnConditionVariables: KnownDifference = {
  name: 'policy variable in an ARN condition value',
  reason:
    'AWS substitutes policy variables in the values of ARN condition operators (ArnEquals, ArnLike, …). ' +
    'iam-simulate splits the value into ARN segments at each ":" before substituting, and the ":" inside ' +
    '`${aws:PrincipalAccount}` cuts it wrongly, so `arn:aws:iam::${aws:PrincipalAccount}:user/*` never matches.',
  source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-conditionelement',
  normalize: (c) => {
    const values = derivedContext(c);
    const substitute = (value: string): string =>
      value.replace(/\$\{([^}]+)\}/g, (whole, key: string) => values[Object.keys(values).find((k) => k.toLowerCase() === key.toLowerCase()) ?? ''] ?? whole);
    return rewriteStatements(c, (s) => {
      if (!s.Condition) return undefined;
      const condition = Object.fromEntries(
        Object.entries(s.Condition).map(([operator, byKey]) => [
          operator,
          arnOperator.test(operator)
            ? Object.fromEntries(Object.entries(byKey).map(([key, value]) => [key, typeof value === 'string' ? substitute(value) : value.map(substitute)]))
            : byKey,
        ]),
      );
      return { ...s, Condition: condition };
    });
  },
};

/** The ARNs (and account id) a request by this caller is checked against, as AWS lists them for NotPrincipal. */
function callerIdentities(c: DifferentialCase): { readonly account: readonly string[]; readonly others: readonly string[] } {
  return {
    account: [accountA, `arn:aws:iam::${accountA}:root`],
    others: c.principal === 'user' ? [principalArn('user')] : [principalArn('role'), roleSessionArn],
  };
}

function awsPrincipals(p: PrincipalJson): readonly string[] {
  if (p === '*') return ['*'];
  return p.AWS === undefined ? [] : typeof p.AWS === 'string' ? [p.AWS] : p.AWS;
}

/**
 * A Deny with NotPrincipal exempts the caller only when it lists every identity AWS checks: the account,
 * and the user — or the role and its session. iam-simulate exempts the caller when any one is listed.
 * The rewrite drops the caller's partial entries, which for this caller means the same to AWS.
 */
const notPrincipalPartialList: KnownDifference = {
  name: 'NotPrincipal that names the caller only in part',
  reason:
    'With Deny, AWS may check the account, then the role, then the session (or the account, then the user) ' +
    'against NotPrincipal: one that does not list them all denies the caller. iam-simulate exempts the ' +
    'caller when any one of them is listed.',
  source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html',
  normalize: (c) => {
    const { account, others } = callerIdentities(c);
    return rewriteStatements(c, (s, resourcePolicy) => {
      if (!resourcePolicy || s.Effect !== 'Deny' || s.NotPrincipal === undefined) return undefined;
      const listed = awsPrincipals(s.NotPrincipal);
      if (listed.includes('*')) return undefined;
      const exempt = listed.some((p) => account.includes(p)) && others.every((p) => listed.includes(p));
      const partial = listed.filter((p) => account.includes(p) || others.includes(p));
      if (exempt || partial.length === 0) return undefined;
      const rest = listed.filter((p) => !partial.includes(p));
      const aws = rest.length > 0 ? rest : `arn:aws:iam::${accountC}:root`;
      const notPrincipal: PrincipalJson = s.NotPrincipal === '*' ? { AWS: aws } : { ...s.NotPrincipal, AWS: aws };
      return { ...s, NotPrincipal: notPrincipal };
    });
  },
};

export const knownDifferences: readonly KnownDifference[] = [arnConditionVariables, notPrincipalPartialList];
