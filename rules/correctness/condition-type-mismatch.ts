import { defineRule } from '../../src/engine/rule.js';
import { resolveConditionKey } from '../../src/iam/condition-keys.js';
import { conditionOperator, expectedValue, fitsKey, suggestedOperator, valueFits, valueType, type OperatorFamily, type ValueType } from '../../src/iam/condition-types.js';
import { policyKinds } from '../../src/model/policy.js';

/** How messages name what an operator family compares. */
const compares: Readonly<Record<OperatorFamily, string>> = {
  String: 'strings',
  Numeric: 'numbers',
  Date: 'dates',
  Bool: 'booleans',
  Binary: 'binary data',
  IpAddress: 'IP addresses',
  Arn: 'ARNs',
  Null: 'presence',
};

/** How messages name what a key holds. */
const holds: Readonly<Record<ValueType, string>> = {
  String: 'text (String)',
  ARN: 'ARNs (ARN)',
  Numeric: 'numbers (Numeric)',
  Date: 'dates (Date)',
  Bool: 'booleans (Bool)',
  IPAddress: 'IP addresses (IPAddress)',
  Binary: 'binary data (Binary)',
};

export default defineRule({
  id: 'condition-type-mismatch',
  meta: {
    category: 'correctness',
    severity: 'medium',
    recommended: true,
    inputs: ['policy'],
    kinds: policyKinds,
    description: 'Condition operators must fit the type of their key, and values must be of the type the operator compares.',
    sources: [
      { tool: 'parliament', id: 'MISMATCHED_TYPE' },
      { tool: 'parliament', id: 'MISMATCHED_TYPE_OPERATION_TO_NULL' },
      { tool: 'access-analyzer', id: 'Type mismatch' },
    ],
  },
  messages: {
    operatorMismatch: '{operator} compares {family}, but {key} holds {holds}, so the condition does not compare what it seems to. Use {suggestion}.',
    badValue: '{operator} needs {expected}; {value} is not one, so this value cannot match as intended.',
  },
  check: {
    statement(context, statement) {
      for (const clause of statement.condition?.clauses ?? []) {
        const operator = conditionOperator(clause.operator.value);
        if (!operator) continue;
        const { family } = operator.operator;
        const key = clause.key.value;
        const type = resolveConditionKey(key)?.info.type;
        if (type !== undefined && !fitsKey(family, type, key)) {
          context.report({
            messageId: 'operatorMismatch',
            at: clause.key.span,
            data: { operator: clause.operator.value, family: compares[family], key, holds: holds[valueType(type)], suggestion: suggestedOperator(operator, type) },
          });
          continue;
        }
        if (family === 'String') continue;
        for (const value of clause.values) {
          if (valueFits(family, value.value)) continue;
          context.report({
            messageId: 'badValue',
            at: value.span,
            data: { operator: clause.operator.value, expected: expectedValue[family], value: JSON.stringify(value.value) },
          });
        }
      }
    },
  },
});
