import { defineRule } from '../../src/engine/rule.js';
import { allowsOnEveryResource } from '../../src/iam/statement.js';
import { isEveryAction, matchesAction } from '../../src/iam/wildcard.js';
import { statementLabel } from '../../src/model/policy.js';

export default defineRule({
  id: 'assume-any-role',
  meta: {
    category: 'least-privilege',
    severity: 'high',
    recommended: true,
    inputs: ['policy'],
    kinds: ['identity', 'boundary'],
    description: 'sts:AssumeRole should be allowed on named roles, not on every role.',
    sources: [{ tool: 'prowler', id: 'iam_no_custom_policy_permissive_role_assumption' }],
  },
  messages: {
    assumeAnyRole:
      'Statement {statement} allows {action} on {resource}: the principal can assume any role whose trust policy lets its account in, in this account or any other. Name the roles in Resource.',
  },
  check: {
    statement(context, statement) {
      if (!statement.action || !allowsOnEveryResource(statement)) return;
      // `*` is full-admin's finding: this rule is about explicit grants of AssumeRole.
      const grant = statement.action.items.find((item) => !isEveryAction(item.value) && matchesAction(item.value, 'sts:AssumeRole'));
      if (!grant) return;
      const resource = statement.notResource ? 'every resource except those in NotResource' : 'every resource';
      context.report({ messageId: 'assumeAnyRole', at: grant.span, data: { statement: statementLabel(statement), action: grant.value, resource } });
    },
  },
});
