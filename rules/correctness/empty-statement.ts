import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  id: 'empty-statement',
  meta: {
    category: 'correctness',
    severity: 'low',
    recommended: true,
    inputs: ['policy'],
    description: 'Policies should have statements, and statements should not have empty Action, Resource or Principal lists.',
  },
  messages: {
    noStatements: 'The policy has an empty Statement list, so it allows and denies nothing. Add statements or delete the policy.',
    emptyList: '{element} is an empty list, so this statement matches nothing. Fill in the list or remove the statement.',
  },
  check: {
    document(context, document) {
      if (document.statementList?.empty) {
        context.report({ messageId: 'noStatements', at: document.statementList.span });
      }
    },
    statement(context, statement) {
      for (const list of [statement.action, statement.notAction, statement.resource, statement.notResource, statement.principal, statement.notPrincipal]) {
        if (list?.empty) context.report({ messageId: 'emptyList', at: list.span, data: { element: list.element } });
      }
    },
  },
});
