import { defineRule } from '../../src/engine/rule.js';
import { coversAction } from '../../src/iam/statement.js';
import { requiredValueSets, webIdentityPrincipals } from '../../src/iam/web-identity.js';
import { isAllow, statementLabel } from '../../src/model/policy.js';

/** GitHub Actions' issuer, or an enterprise's own (`token.actions.githubusercontent.com/<enterprise>`). */
const github = /^token\.actions\.githubusercontent\.com(\/|$)/i;

/**
 * A `sub` value that pins the GitHub organization: `repo:my-org/…`, with no wildcard before the
 * slash. `repo:my-org*` would also match `my-org-evil`; `*:environment:prod` matches every repository.
 */
function pinsOrganization(value: string, like: boolean): boolean {
  const match = /^repo:([^/]+)\//i.exec(value);
  return match !== null && !(like && /[*?]/.test(match[1] ?? ''));
}

export default defineRule({
  id: 'github-oidc-trust-unscoped',
  meta: {
    category: 'exposure',
    severity: 'critical',
    recommended: true,
    inputs: ['policy'],
    kinds: ['trust'],
    description: 'A role trusted by GitHub Actions must limit token.actions.githubusercontent.com:sub to your own organization and repositories.',
  },
  messages: {
    missingSub:
      'Statement {statement} trusts GitHub Actions without a condition on {key}: a workflow in any repository on GitHub, anyone\'s, can assume this role. Add StringEquals (or StringLike) on {key}, such as "repo:my-org/my-repo:ref:refs/heads/main".',
    anyOrganization:
      'Statement {statement} allows {key} "{value}", which matches repositories of other GitHub organizations too: any of their workflows can assume this role. Start the value with repo:<your-org>/ and no wildcard before the slash.',
  },
  check: {
    statement(context, statement) {
      if (!isAllow(statement) || !coversAction(statement, 'sts:AssumeRoleWithWebIdentity')) return;
      for (const { issuer, entry } of webIdentityPrincipals(statement.principal)) {
        if (!github.test(issuer)) continue;
        const label = statementLabel(statement);
        // The condition key is named after the issuer: an enterprise's issuer has its own keys.
        const key = `${issuer}:sub`;
        const sets = requiredValueSets(statement.condition, key).filter(({ values }) => values.length > 0);
        if (sets.length === 0) {
          context.report({ messageId: 'missingSub', at: entry.span, data: { statement: label, key } });
          continue;
        }
        // Clauses are ANDed: one clause whose every value pins the organization is enough.
        if (sets.some(({ values, like }) => values.every((value) => pinsOrganization(value, like)))) continue;
        const first = sets[0];
        const open = first?.values.find((value) => !pinsOrganization(value, first.like));
        if (open !== undefined) context.report({ messageId: 'anyOrganization', at: entry.span, data: { statement: label, key, value: open } });
      }
    },
  },
});
