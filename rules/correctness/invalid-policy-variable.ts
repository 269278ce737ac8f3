import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import { policyVariables, substitutesVariables, variableKey, type PolicyVariable } from '../../src/iam/policy-variables.js';
import { subSpan } from '../../src/iam/sub-span.js';
import { policyKinds, statementLabel, type Located, type PolicyDocument, type Statement } from '../../src/model/policy.js';

/** Variables exist only in this language version; under any other, `policy-version` reports them. */
const variablesVersion = '2012-10-17';

const messages = {
  unclosed: 'Statement {statement}: {variable} in {where} opens a policy variable that is never closed, and AWS rejects the policy. Add the missing closing brace; a literal dollar sign is written {dollar}.',
  empty: 'Statement {statement}: {variable} in {where} is an empty policy variable, which AWS rejects. Name a condition key inside the braces, such as aws:username, or remove it.',
  space: 'Statement {statement}: the policy variable {variable} in {where} has whitespace in its key, which AWS rejects. Remove it: spaces are allowed only around a default value, and a tag key with a space cannot be used as a variable.',
  symbol: "Statement {statement}: the policy variable {variable} in {where} contains '{symbol}', which no condition key has, and AWS rejects it. Keys are made of letters, digits and + - = . _ : / @; a literal *, ? or $ is written {specials}.",
  nested: 'Statement {statement}: {variable} in {where} puts a policy variable inside another; AWS substitutes variables once and rejects a nested one. Use one variable with a literal key, such as {example}.',
  quote: 'Statement {statement}: the default value of {variable} in {where} is not in single quotes, and AWS rejects it. Write the key, a comma, a space and the value in single quotes: {example}.',
  unknownKey: 'Statement {statement}: {variable} in {where} names {key}, which is no condition key AWS knows, so AWS cannot resolve it{effect}.{hint}',
  multivaluedKey: 'Statement {statement}: {variable} in {where} uses {key}, a multivalued key, which AWS cannot substitute: only single-valued keys work as variables. Test {key} in a condition with ForAnyValue: or ForAllValues: instead.',
  notSubstituted: 'Statement {statement}: {variable} in {element} is plain text: AWS substitutes policy variables only in Resource, NotResource and the values of string and ARN conditions. Write the {element} value out in full.',
  inConditionKey: 'Statement {statement}: the condition key {key} contains the policy variable {variable}, but AWS does not substitute variables in condition keys and no key contains one, so the {operator} condition always sees the key as absent. Name the key literally and put the variable in the value.',
  wrongOperator: 'Statement {statement}: {variable} in the {operator} value of {key} is plain text: AWS substitutes policy variables only under string and ARN operators. Use a string or ARN operator, or a literal value.',
} as const;

type Context = RuleContext<typeof messages, undefined>;

/** ` Did you mean ${aws:userid} or ${aws:username}?` */
function hintFor(suggestions: readonly string[]): string {
  if (suggestions.length === 0) return '';
  const written = suggestions.map((s) => `\${${s}}`);
  const last = written.pop() ?? '';
  return ` Did you mean ${written.length > 0 ? `${written.join(', ')} or ${last}` : last}?`;
}

/** Reports one variable in a place where AWS substitutes variables, if it is malformed or cannot resolve. */
function checkVariable(context: Context, document: PolicyDocument, statement: Statement, item: Located<string>, found: PolicyVariable, where: string): void {
  const at = subSpan(document.source, item.span, item.value, found.start, found.end - found.start);
  const base = { statement: statementLabel(statement), variable: found.text, where };
  const problem = found.problem;
  if (problem) {
    switch (problem.kind) {
      case 'unclosed':
        context.report({ messageId: 'unclosed', at, data: { ...base, dollar: '${$}' } });
        return;
      case 'empty':
        context.report({ messageId: 'empty', at, data: base });
        return;
      case 'space':
        context.report({ messageId: 'space', at, data: base });
        return;
      case 'symbol':
        context.report({ messageId: 'symbol', at, data: { ...base, symbol: problem.symbol, specials: '${*}, ${?} or ${$}' } });
        return;
      case 'nested':
        context.report({ messageId: 'nested', at, data: { ...base, example: '${aws:PrincipalTag/team}' } });
        return;
      case 'quote':
        context.report({ messageId: 'quote', at, data: { ...base, example: `\${${found.name.trim()}, 'value'}` } });
        return;
    }
  }
  if (found.special) return;
  const key = variableKey(found.name);
  if (key.status === 'multivalued') {
    context.report({ messageId: 'multivaluedKey', at, data: { ...base, key: key.key } });
  } else if (key.status === 'unknown') {
    const effect = found.defaultValue === undefined ? ' and the statement does not apply as written' : ` and always uses the default value '${found.defaultValue}'`;
    context.report({ messageId: 'unknownKey', at, data: { ...base, key: found.name, hint: hintFor(key.suggestions), effect } });
  }
}

export default defineRule({
  id: 'invalid-policy-variable',
  meta: {
    category: 'correctness',
    severity: 'medium',
    recommended: true,
    inputs: ['policy'],
    kinds: policyKinds,
    description: 'Policy variables should be well formed, name a single-valued condition key, and sit where AWS substitutes them.',
    sources: [
      { tool: 'access-analyzer', id: 'MISSING_BRACE_IN_VARIABLE' },
      { tool: 'access-analyzer', id: 'EMPTY_VARIABLE' },
      { tool: 'access-analyzer', id: 'UNSUPPORTED_SPACE_IN_VARIABLE' },
      { tool: 'access-analyzer', id: 'Unsupported symbol in variable' },
      { tool: 'access-analyzer', id: 'MISSING_QUOTE_IN_VARIABLE' },
      { tool: 'access-analyzer', id: 'VARIABLE_UNSUPPORTED_IN_ELEMENT' },
      { tool: 'access-analyzer', id: 'INVALID_VARIABLE_FOR_OPERATOR' },
    ],
  },
  messages,
  check: {
    statement(context, statement, document) {
      if (document.version?.value !== variablesVersion) return;
      const label = statementLabel(statement);
      const source = document.source;

      // Where AWS substitutes variables.
      for (const list of [statement.resource, statement.notResource]) {
        if (!list) continue;
        for (const item of list.items) {
          for (const found of policyVariables(item.value)) checkVariable(context, document, statement, item, found, list.element);
        }
      }
      for (const clause of statement.condition?.clauses ?? []) {
        const operator = clause.operator.value;
        const key = clause.key;
        const inKey = policyVariables(key.value)[0];
        if (inKey) {
          context.report({
            messageId: 'inConditionKey',
            at: subSpan(source, key.span, key.value, inKey.start, inKey.end - inKey.start),
            data: { statement: label, key: key.value, variable: inKey.text, operator },
          });
        }
        const substitutes = substitutesVariables(operator);
        for (const value of clause.values) {
          if (typeof value.value !== 'string') continue;
          const item = { value: value.value, span: value.span };
          for (const found of policyVariables(item.value)) {
            if (substitutes === false) {
              context.report({
                messageId: 'wrongOperator',
                at: subSpan(source, item.span, item.value, found.start, found.end - found.start),
                data: { statement: label, variable: found.text, operator, key: key.value },
              });
            } else {
              checkVariable(context, document, statement, item, found, `the ${operator} value of ${key.value}`);
            }
          }
        }
      }

      // Where variables are plain text.
      const literal = (item: Located<string>, element: string): void => {
        for (const found of policyVariables(item.value)) {
          context.report({
            messageId: 'notSubstituted',
            at: subSpan(source, item.span, item.value, found.start, found.end - found.start),
            data: { statement: label, variable: found.text, element },
          });
        }
      };
      for (const list of [statement.action, statement.notAction]) {
        if (list) for (const item of list.items) literal(item, list.element);
      }
      for (const block of [statement.principal, statement.notPrincipal]) {
        if (block) for (const entry of block.entries) literal(entry.value, block.element);
      }
    },
  },
});
