import { defineRule } from '../../src/engine/rule.js';
import { describeItems } from '../../src/iam/describe.js';
import { isAllow, statementLabel } from '../../src/model/policy.js';

export default defineRule({
  id: 'allow-not-resource',
  meta: {
    category: 'least-privilege',
    severity: 'high',
    recommended: true,
    inputs: ['policy'],
    kinds: ['identity', 'resource', 'trust'],
    description: 'Allow statements should name the resources they grant access to, not exclude some.',
    sources: [{ tool: 'parliament', id: 'NOTRESOURCE_WITH_ALLOW' }],
  },
  messages: {
    allowNotResource:
      'Statement {statement} allows {actions} on every resource except {excluded}, including resources created later and in other accounts. List the resources in Resource instead.',
  },
  check: {
    statement(context, statement) {
      if (!isAllow(statement) || !statement.notResource) return;
      const actions = statement.action ? describeItems(statement.action) : `every action except ${describeItems(statement.notAction)}`;
      context.report({
        messageId: 'allowNotResource',
        at: statement.span('NotResource'),
        data: { statement: statementLabel(statement), actions, excluded: describeItems(statement.notResource) },
      });
    },
  },
});
