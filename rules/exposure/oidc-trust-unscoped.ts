import { defineRule } from '../../src/engine/rule.js';
import { coversAction } from '../../src/iam/statement.js';
import { requiredValueSets, webIdentityPrincipals } from '../../src/iam/web-identity.js';
import { isAllow, statementLabel, type ConditionBlock } from '../../src/model/policy.js';

/** The issuer GitHub Actions uses; `github-oidc-trust-unscoped` judges its `sub`. */
const github = /^token\.actions\.githubusercontent\.com(\/|$)/i;
const eks = /^oidc\.eks\.[^/]+\.amazonaws\.com(\.cn)?\/id\//i;

/** A claim the trust must check: the key named in messages, and other keys that check it as well. */
interface Claim {
  readonly role: 'audience' | 'subject';
  readonly key: string;
  readonly alternatives?: readonly string[];
}

/**
 * The claims a trust must check, by issuer, under the key names AWS gives them. Amazon Cognito
 * identity pools are scoped by the pool (`aud`) and the authentication type (`amr`) or one identity
 * (`sub`); Google's requested audience is also `oaud`; Facebook and Login with Amazon name their keys
 * `app_id` and `id`/`user_id`. GitHub's subject is left to `github-oidc-trust-unscoped`.
 */
function claimsOf(issuer: string): readonly Claim[] {
  switch (issuer) {
    case 'cognito-identity.amazonaws.com':
      return [
        { role: 'audience', key: 'aud' },
        { role: 'subject', key: 'amr', alternatives: ['sub'] },
      ];
    case 'accounts.google.com':
      return [
        { role: 'audience', key: 'aud', alternatives: ['oaud'] },
        { role: 'subject', key: 'sub' },
      ];
    case 'graph.facebook.com':
      return [
        { role: 'audience', key: 'app_id' },
        { role: 'subject', key: 'id' },
      ];
    case 'www.amazon.com':
      return [
        { role: 'audience', key: 'app_id' },
        { role: 'subject', key: 'user_id' },
      ];
    default:
      return github.test(issuer)
        ? [{ role: 'audience', key: 'aud' }]
        : [
            { role: 'audience', key: 'aud' },
            { role: 'subject', key: 'sub' },
          ];
  }
}

/**
 * Whether the condition requires specific values for `key`. Clauses are ANDed, so one clause is
 * enough; a value that is only `*` requires nothing.
 */
function checks(condition: ConditionBlock | undefined, key: string): boolean {
  return requiredValueSets(condition, key).some(({ values }) => values.length > 0 && !values.some((v) => /^\*+$/.test(v)));
}

/** Who gets in, given the claims left unchecked. */
function riskOf(issuer: string, missing: readonly Claim[]): string {
  const audience = missing.some((c) => c.role === 'audience');
  const subject = missing.some((c) => c.role === 'subject');
  if (issuer === 'cognito-identity.amazonaws.com') {
    if (audience) return `an identity of any Cognito identity pool, in any AWS account${subject ? ', signed in or not' : ''}, can assume it`;
    return 'guest (unauthenticated) identities of the pool can assume it as well as signed-in users';
  }
  if (audience && subject) return 'any user or workload that provider issues a token to, for any application, can assume it';
  if (audience) return 'a token issued for another audience, such as one sent to a third-party service, can be replayed to assume it';
  if (eks.test(issuer)) return 'any service account in any namespace of the cluster can assume it';
  return 'any user or workload that can get a token for that audience from the provider can assume it';
}

/** How to fix: StringEquals on each claim, but ForAnyValue:StringLike on Cognito's multivalued `amr`. */
function adviceFor(issuer: string, claims: readonly Claim[]): string {
  const single = claims.filter((c) => c.key !== 'amr').map((c) => `${issuer}:${c.key}`);
  const multi = claims.filter((c) => c.key === 'amr').map((c) => `${issuer}:${c.key}`);
  const parts = [
    `${single.length === 1 ? 'a StringEquals condition' : 'StringEquals conditions'} on ${single.join(' and ')}`,
    ...multi.map((key) => `a ForAnyValue:StringLike condition on ${key} ("authenticated" or "unauthenticated")`),
  ];
  return `Add ${parts.join(' and ')}.`;
}

export default defineRule({
  id: 'oidc-trust-unscoped',
  meta: {
    category: 'exposure',
    severity: 'high',
    recommended: true,
    inputs: ['policy'],
    kinds: ['trust'],
    description: 'Web-identity trust must check both the audience and the subject of the token.',
  },
  messages: {
    missingClaims: 'Statement {statement} lets tokens from {issuer} assume this role without a condition on {missing}: {risk}. {advice}',
  },
  check: {
    statement(context, statement) {
      if (!isAllow(statement) || !coversAction(statement, 'sts:AssumeRoleWithWebIdentity')) return;
      for (const { issuer, entry } of webIdentityPrincipals(statement.principal)) {
        const claims = claimsOf(issuer);
        const missing = claims.filter((claim) => ![claim.key, ...(claim.alternatives ?? [])].some((key) => checks(statement.condition, `${issuer}:${key}`)));
        if (missing.length === 0) continue;
        context.report({
          messageId: 'missingClaims',
          at: entry.span,
          data: {
            statement: statementLabel(statement),
            issuer,
            missing: missing.map((c) => `${issuer}:${c.key}`).join(' and '),
            risk: riskOf(issuer, missing),
            advice: adviceFor(issuer, claims),
          },
        });
      }
    },
  },
});
