import { defineRule } from '../../src/engine/rule.js';
import { isAllow, statementLabel } from '../../src/model/policy.js';

export default defineRule({
  id: 'allow-not-principal',
  meta: {
    category: 'exposure',
    severity: 'high',
    recommended: true,
    inputs: ['policy'],
    kinds: ['resource', 'trust', 'rcp'],
    description: 'Allow statements should name the principals they grant access to, not exclude some.',
    sources: [{ tool: 'parliament', id: 'NOTPRINCIPAL_WITH_ALLOW' }],
  },
  messages: {
    allowNotPrincipal:
      'Statement {statement} allows every principal except those in NotPrincipal: every other AWS account, and anonymous callers where the service allows them. Name the allowed principals in Principal instead.',
  },
  check: {
    statement(context, statement) {
      if (isAllow(statement) && statement.notPrincipal) context.report({ messageId: 'allowNotPrincipal', at: statement.notPrincipal.span, data: { statement: statementLabel(statement) } });
    },
  },
});
