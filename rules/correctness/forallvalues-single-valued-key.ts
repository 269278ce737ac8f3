import { defineRule } from '../../src/engine/rule.js';
import { findConditionKey, isMultivalued } from '../../src/iam/condition-keys.js';
import { parseOperator } from '../../src/iam/statement.js';
import { isAllow, statementLabel, policyKinds } from '../../src/model/policy.js';

export default defineRule({
  id: 'forallvalues-single-valued-key',
  meta: {
    category: 'correctness',
    severity: 'high',
    recommended: true,
    inputs: ['policy'],
    kinds: policyKinds,
    description: 'ForAllValues must not qualify a single-valued condition key: the condition is then true when the key is absent.',
    sources: [{ tool: 'access-analyzer', id: 'FORALLVALUES_WITH_SINGLE_VALUED_KEY' }],
  },
  messages: {
    forAllValuesSingle:
      '{operator} on {key}, a single-valued key, is true when the request has no {key} at all{effect}. Use {fix} instead.',
  },
  check: {
    statement(context, statement) {
      for (const clause of statement.condition?.clauses ?? []) {
        const { set, base, ifExists } = parseOperator(clause.operator.value);
        // ForAllValues:Null is always true, whatever the key: unknown-condition-operator reports it.
        if (set !== 'ForAllValues' || base.toLowerCase() === 'null') continue;
        const info = findConditionKey(clause.key.value);
        // Keys the catalogue does not know are left alone rather than guessed at.
        if (!info || isMultivalued(info)) continue;
        context.report({
          messageId: 'forAllValuesSingle',
          at: clause.key.span,
          data: {
            operator: clause.operator.value,
            key: clause.key.value,
            effect: isAllow(statement) ? `, so statement ${statementLabel(statement)} allows such requests` : '',
            fix: `${base}${ifExists ? 'IfExists' : ''}`,
          },
        });
      }
    },
  },
});
