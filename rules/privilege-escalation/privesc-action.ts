import { defineRule } from '../../src/engine/rule.js';
import { describeList } from '../../src/iam/describe.js';
import { escalatingActions } from '../../src/iam/escalation.js';
import { dangerousGrants } from '../../src/iam/grants.js';
import { statementLabel } from '../../src/model/policy.js';

export default defineRule({
  id: 'privesc-action',
  meta: {
    category: 'privilege-escalation',
    severity: 'high',
    recommended: true,
    inputs: ['policy'],
    kinds: ['identity', 'boundary'],
    description: 'Actions that escalate privileges on their own should not be allowed on every resource.',
    sources: [{ tool: 'cloudsplaining', id: 'PrivilegeEscalation' }],
  },
  messages: {
    escalation:
      'Statement {statement} allows {actions} on every resource: each lets a principal give itself or another identity more permissions (up to administrator). Name the users, groups, roles or policies in Resource.',
  },
  check: {
    statement(context, statement) {
      const found = dangerousGrants(statement, escalatingActions);
      if (found.length > 0) context.report({ messageId: 'escalation', at: statement.span('Action'), data: { statement: statementLabel(statement), actions: describeList(found) } });
    },
  },
});
