import { defineRule } from '../../src/engine/rule.js';
import { requiresMfa } from '../../src/iam/conditions.js';
import { describeAwsPrincipal, outsidePrincipals, zoneOf } from '../../src/iam/principals.js';
import { coversAction } from '../../src/iam/statement.js';
import { requiredValueSets } from '../../src/iam/web-identity.js';
import { isAllow, statementLabel, type ConditionBlock } from '../../src/model/policy.js';

/**
 * Whether the condition requires an external ID: a narrowing clause on `sts:ExternalId` (not
 * IfExists, not negated, not ForAllValues) with a value that is more than wildcards.
 */
function requiresExternalId(condition: ConditionBlock | undefined): boolean {
  return requiredValueSets(condition, 'sts:ExternalId').some(({ values }) => values.length > 0 && values.every((v) => !/^[*?]*$/.test(v)));
}

export default defineRule({
  id: 'trust-missing-external-id',
  meta: {
    category: 'exposure',
    severity: 'medium',
    recommended: true,
    inputs: ['policy'],
    kinds: ['trust'],
    description: 'A role that an account outside the zone of trust can assume should require an sts:ExternalId.',
    sources: [{ tool: 'checkov', id: 'CKV_AWS_61' }],
  },
  messages: {
    outsideZone:
      'Statement {statement} lets {principal}, outside the zone of trust, assume this role without an sts:ExternalId condition: if that account belongs to a third party that assumes roles for many customers, another of its customers can have it assume this role for them (confused deputy). Require the external ID the third party gave you with a StringEquals condition on sts:ExternalId; if account {account} is yours, add it to "trust.accounts" in .iamlint.json.',
    undeclaredZone:
      'Statement {statement} lets {principal} assume this role without an sts:ExternalId condition, and no zone of trust is declared, so iamlint cannot tell whether account {account} is yours. If it is, list it in "trust.accounts" in .iamlint.json or pass --trusted-account {account}; if it belongs to a third party, require the external ID it gave you with a StringEquals condition on sts:ExternalId.',
  },
  check: {
    statement(context, statement, document) {
      if (!isAllow(statement) || !coversAction(statement, 'sts:AssumeRole')) return;
      if (requiresExternalId(statement.condition) || requiresMfa(statement.condition)) return;
      const zone = zoneOf(context.trust, document);
      for (const { entry, principal, account } of outsidePrincipals(statement, document, zone)) {
        context.report({
          messageId: zone.declared ? 'outsideZone' : 'undeclaredZone',
          at: entry.span,
          data: { statement: statementLabel(statement), principal: describeAwsPrincipal(principal), account },
        });
      }
    },
  },
});
