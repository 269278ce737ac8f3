import { policyKinds } from '../../src/model/policy.js';
import { defineRule } from '../../src/engine/rule.js';
import { editDistance, nearest } from '../../src/iam/suggest.js';

/** The condition operators of the IAM policy language. IAM compares their names case-sensitively. */
const operators = [
  'StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike',
  'NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals',
  'DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals',
  'Bool', 'BinaryEquals', 'IpAddress', 'NotIpAddress', 'ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike', 'Null',
];
const qualifiers = ['ForAllValues', 'ForAnyValue'];
/** Every operator with and without IfExists, which any operator but Null can take. */
const forms = [...operators, ...operators.filter((o) => o !== 'Null').map((o) => `${o}IfExists`)];

/**
 * The nearest candidate, only if it is at most two edits away. A wider net would offer the opposite
 * of what was meant: `Not` is three edits (`StringContains` is nearer `StringNotLike` than anything
 * else), and ForAllValues and ForAnyValue differ in meaning as much as in spelling.
 */
function suggest(name: string, candidates: readonly string[]): string | undefined {
  const found = nearest(name, candidates);
  return found !== undefined && editDistance(name.toLowerCase(), found.toLowerCase()) <= 2 ? found : undefined;
}

/**
 * The hint after a message: IAM compares operator names and qualifiers case-sensitively, so a
 * suggestion that differs only in case says so.
 */
function hint(written: string, suggestion: string | undefined, what: string): string {
  if (suggestion === undefined) return '';
  return suggestion.toLowerCase() === written.toLowerCase() ? ` ${what} are case-sensitive: write '${suggestion}'.` : ` Did you mean '${suggestion}'?`;
}

export default defineRule({
  id: 'unknown-condition-operator',
  meta: {
    category: 'correctness',
    severity: 'high',
    recommended: true,
    inputs: ['policy'],
    kinds: policyKinds,
    description: 'Condition operators must be IAM operators, spelled as IAM spells them, with IfExists and ForAllValues/ForAnyValue only where they work.',
    sources: [
      { tool: 'parliament', id: 'UNKNOWN_OPERATOR' },
      { tool: 'access-analyzer', id: 'Null with qualifier' },
    ],
  },
  messages: {
    unknownOperator: '{operator} is not a condition operator, so AWS rejects the policy.{hint}',
    unknownQualifier: "'{qualifier}:' is not a set qualifier: only ForAllValues: and ForAnyValue: can precede an operator.{hint}",
    nullIfExists: 'Null cannot take IfExists: Null already tests whether the key is present. Use Null alone.',
    nullQualified: '{qualifier}:Null is {result}, whatever the request, so it tests nothing. Use Null alone to test whether the key is present.',
  },
  check: {
    statement(context, statement) {
      const seen = new Set<string>();
      for (const clause of statement.condition?.clauses ?? []) {
        const written = clause.operator.value;
        // One report per operator, not one per key under it.
        if (seen.has(written)) continue;
        seen.add(written);
        const at = clause.operator.span;
        const colon = written.indexOf(':');
        const qualifier = colon >= 0 ? written.slice(0, colon) : undefined;
        const operator = colon >= 0 ? written.slice(colon + 1) : written;
        if (qualifier !== undefined && !qualifiers.includes(qualifier)) {
          const suggestion = suggest(qualifier, qualifiers);
          context.report({ messageId: 'unknownQualifier', at, data: { qualifier, hint: hint(`${qualifier}:`, suggestion && `${suggestion}:`, 'Set qualifiers') } });
          continue;
        }
        const ifExists = operator.endsWith('IfExists');
        const base = ifExists ? operator.slice(0, -'IfExists'.length) : operator;
        if (!operators.includes(base)) {
          // A qualified operator is suggested with its qualifier, and never as Null, which a qualifier makes meaningless.
          const suggestion = suggest(operator, qualifier === undefined ? forms : forms.filter((o) => o !== 'Null'));
          context.report({ messageId: 'unknownOperator', at, data: { operator: written, hint: hint(written, suggestion && (qualifier === undefined ? suggestion : `${qualifier}:${suggestion}`), 'Operator names') } });
        } else if (base === 'Null' && ifExists) {
          context.report({ messageId: 'nullIfExists', at });
        } else if (base === 'Null' && qualifier !== undefined) {
          // As IAM Access Analyzer documents: ForAllValues:Null always returns true, ForAnyValue:Null false.
          context.report({ messageId: 'nullQualified', at, data: { qualifier, result: qualifier === 'ForAllValues' ? 'always true' : 'always false' } });
        }
      }
    },
  },
});
