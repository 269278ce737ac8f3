import { policyKinds } from '../../src/model/policy.js';
import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  id: 'empty-statement',
  meta: {
    category: 'correctness',
    severity: 'low',
    recommended: true,
    inputs: ['policy'],
    kinds: policyKinds,
    description: 'Policies should have statements, and statements should not have empty Action, Resource or Principal lists.',
  },
  messages: {
    noStatements: 'The policy has an empty Statement list, so it allows and denies nothing. Add statements or delete the policy.',
    emptyList: '{element} is empty, so this statement matches nothing. Fill it in or remove the statement.',
    emptyExclusion: '{element} is empty, so it excludes nothing and this statement applies to every {noun}. List what to exclude, or use {positive} instead.',
  },
  check: {
    document(context, document) {
      if (document.statementList?.empty) {
        context.report({ messageId: 'noStatements', at: document.statementList.span });
      }
    },
    statement(context, statement) {
      for (const list of [statement.action, statement.resource, statement.principal]) {
        if (list?.empty) context.report({ messageId: 'emptyList', at: list.span, data: { element: list.element } });
      }
      // An empty exclusion list excludes nothing: the statement covers everything of its kind.
      const exclusions = [
        [statement.notAction, 'action', 'Action'],
        [statement.notResource, 'resource', 'Resource'],
        [statement.notPrincipal, 'principal', 'Principal'],
      ] as const;
      for (const [list, noun, positive] of exclusions) {
        if (list?.empty) context.report({ messageId: 'emptyExclusion', at: list.span, data: { element: list.element, noun, positive } });
      }
    },
  },
});
