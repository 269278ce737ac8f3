import { defineRule } from '../../src/engine/rule.js';
import { describeItems } from '../../src/iam/describe.js';
import { isAllow, statementLabel } from '../../src/model/policy.js';

export default defineRule({
  id: 'allow-not-action',
  meta: {
    category: 'least-privilege',
    severity: 'high',
    recommended: true,
    inputs: ['policy'],
    kinds: ['identity', 'resource', 'trust'],
    description: 'Allow statements should list the actions they grant, not the ones they leave out.',
  },
  messages: {
    allowNotAction:
      'Statement {statement} allows every action except {excluded}, including every action AWS adds in the future. List the allowed actions in Action instead.',
  },
  check: {
    statement(context, statement) {
      if (!isAllow(statement) || !statement.notAction) return;
      context.report({ messageId: 'allowNotAction', at: statement.span('NotAction'), data: { statement: statementLabel(statement), excluded: describeItems(statement.notAction) } });
    },
  },
});
