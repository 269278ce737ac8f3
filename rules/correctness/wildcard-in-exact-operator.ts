import { policyKinds } from '../../src/model/policy.js';
import { defineRule } from '../../src/engine/rule.js';
import { parseOperator } from '../../src/iam/statement.js';

/** Operators that compare strings exactly, and the operator that understands wildcards. */
const stringLikeFor: Readonly<Record<string, string>> = {
  stringequals: 'StringLike',
  stringnotequals: 'StringNotLike',
  stringequalsignorecase: 'StringLike',
  stringnotequalsignorecase: 'StringNotLike',
};

/** ArnEquals and ArnNotEquals match wildcards exactly as ArnLike and ArnNotLike do, whatever their names say. */
const arnLikeFor: Readonly<Record<string, string>> = {
  arnequals: 'ArnLike',
  arnnotequals: 'ArnNotLike',
};

/** `*` or `?` outside the `${*}` / `${?}` / `${$}` escapes, which stand for the literal characters. */
function hasWildcard(value: string): boolean {
  return /[*?]/.test(value.replace(/\$\{[*?$]\}/g, ''));
}

export default defineRule({
  id: 'wildcard-in-exact-operator',
  meta: {
    category: 'correctness',
    severity: 'low',
    recommended: true,
    inputs: ['policy'],
    kinds: policyKinds,
    description: 'Condition values with * or ? belong in a Like operator; StringEquals compares them literally, and ArnEquals matches them despite its name.',
  },
  messages: {
    literalWildcard: '{operator} compares "{value}" literally: a * or ? in it matches only that character. Use {like} for a wildcard match.',
    arnWildcard: '{operator} matches "{value}" as a wildcard pattern, exactly as {like} does, although its name reads as an exact match. Write {like} so the policy says what it does.',
  },
  check: {
    statement(context, statement) {
      for (const clause of statement.condition?.clauses ?? []) {
        const operator = parseOperator(clause.operator.value);
        const base = operator.base.toLowerCase();
        const stringLike = stringLikeFor[base];
        const arnLike = arnLikeFor[base];
        const like = stringLike ?? arnLike;
        if (!like) continue;
        // The same operator with the same qualifier and IfExists, so the suggestion can replace it as is.
        const replacement = `${operator.set ? `${operator.set}:` : ''}${like}${operator.ifExists ? 'IfExists' : ''}`;
        for (const value of clause.values) {
          if (typeof value.value === 'string' && hasWildcard(value.value)) {
            const data = { operator: clause.operator.value, value: value.value, like: replacement };
            if (stringLike) context.report({ messageId: 'literalWildcard', at: value.span, data });
            else context.report({ messageId: 'arnWildcard', at: value.span, data });
          }
        }
      }
    },
  },
});
