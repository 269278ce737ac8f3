import { policyKinds } from '../../src/model/policy.js';
import { defineRule } from '../../src/engine/rule.js';
import { findConditionKey, isMultivalued } from '../../src/iam/condition-keys.js';
import { parseOperator } from '../../src/iam/statement.js';

export default defineRule({
  id: 'multivalued-key-without-qualifier',
  meta: {
    category: 'correctness',
    severity: 'medium',
    recommended: true,
    inputs: ['policy'],
    kinds: policyKinds,
    description: 'Multivalued condition keys (aws:TagKeys, aws:PrincipalOrgPaths …) should be compared with ForAllValues or ForAnyValue.',
  },
  messages: {
    missingQualifier:
      '{key} can hold several values per request, and {operator} without ForAllValues: or ForAnyValue: does not say whether all or any of them must match. Write ForAnyValue:{operator} or ForAllValues:{operator}.',
  },
  check: {
    statement(context, statement) {
      for (const clause of statement.condition?.clauses ?? []) {
        const { base } = parseOperator(clause.operator.value);
        // Any qualifier is skipped: ForAllValues: and ForAnyValue: are what this rule asks for, and
        // another (`ForEachValue:`) is unknown-condition-operator's finding, not a missing one.
        // Null only tests whether the key is present, which needs no qualifier.
        if (clause.operator.value.includes(':') || base.toLowerCase() === 'null') continue;
        const info = findConditionKey(clause.key.value);
        if (!info || !isMultivalued(info)) continue;
        context.report({ messageId: 'missingQualifier', at: clause.key.span, data: { key: clause.key.value, operator: clause.operator.value } });
      }
    },
  },
});
