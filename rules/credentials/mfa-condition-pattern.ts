import { defineRule } from '../../src/engine/rule.js';
import { parseOperator } from '../../src/iam/statement.js';
import { isAllow, isDeny, statementLabel, policyKinds } from '../../src/model/policy.js';

export default defineRule({
  id: 'mfa-condition-pattern',
  meta: {
    category: 'credentials',
    severity: 'medium',
    recommended: true,
    inputs: ['policy'],
    kinds: policyKinds,
    description: 'MFA conditions must hold for requests signed with access keys, where aws:MultiFactorAuthPresent is absent.',
    sources: [{ tool: 'parliament', id: 'BAD_PATTERN_FOR_MFA' }],
  },
  messages: {
    denyWithoutIfExists:
      'Statement {statement} denies when aws:MultiFactorAuthPresent is false, but requests signed with long-term access keys have no such key, so they are not denied. Use BoolIfExists: it also denies when the key is absent.',
    allowWithIfExists:
      'Statement {statement} allows when aws:MultiFactorAuthPresent is true or absent, and it is absent on requests signed with long-term access keys, so they are allowed without MFA. Use Bool, which requires the key.',
  },
  check: {
    statement(context, statement) {
      for (const clause of statement.condition?.clauses ?? []) {
        if (clause.key.value.toLowerCase() !== 'aws:multifactorauthpresent') continue;
        const { base, ifExists, set } = parseOperator(clause.operator.value);
        if (base.toLowerCase() !== 'bool' || set !== undefined) continue;
        const values = clause.values.map((v) => String(v.value).toLowerCase());
        const label = statementLabel(statement);
        if (isDeny(statement) && !ifExists && values.includes('false')) context.report({ messageId: 'denyWithoutIfExists', at: clause.operator.span, data: { statement: label } });
        if (isAllow(statement) && ifExists && values.includes('true')) context.report({ messageId: 'allowWithIfExists', at: clause.operator.span, data: { statement: label } });
      }
    },
  },
});
