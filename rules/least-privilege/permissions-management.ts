import { defineRule } from '../../src/engine/rule.js';
import { describeList } from '../../src/iam/describe.js';
import { grantsOnEveryResource } from '../../src/iam/grants.js';
import { statementLabel } from '../../src/model/policy.js';

export default defineRule({
  id: 'permissions-management',
  meta: {
    category: 'least-privilege',
    severity: 'high',
    recommended: true,
    inputs: ['policy'],
    kinds: ['identity', 'boundary'],
    description: 'Permissions-management actions (IAM changes, resource-policy writes) should not be allowed on every resource.',
    sources: [{ tool: 'parliament', id: 'PERMISSIONS_MANAGEMENT_ACTIONS' }],
  },
  messages: {
    permissionsManagement:
      'Statement {statement} allows {count} permissions-management actions ({actions}) on every resource: they change who can do what, in IAM or in resource policies. Name the resources in Resource.',
  },
  check: {
    statement(context, statement) {
      const granted = grantsOnEveryResource(statement);
      if (!granted) return;
      // Actions that only accept `*` (no resource types) cannot be scoped: not this rule's finding.
      const found = granted.actions().filter((a) => a.accessLevels.includes('Permissions management') && a.resourceTypes.length > 0);
      if (found.length > 0) {
        context.report({ messageId: 'permissionsManagement', at: statement.span('Action'), data: { statement: statementLabel(statement), count: found.length, actions: describeList(found.map((a) => a.id)) } });
      }
    },
  },
});
