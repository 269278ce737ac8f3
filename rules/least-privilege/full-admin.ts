import { defineRule } from '../../src/engine/rule.js';
import { adminGrant } from '../../src/iam/admin.js';
import { describeItems } from '../../src/iam/describe.js';
import { statementLabel } from '../../src/model/policy.js';

export default defineRule({
  id: 'full-admin',
  meta: {
    category: 'least-privilege',
    severity: 'critical',
    recommended: true,
    inputs: ['policy'],
    // An Allow in an SCP, RCP or permissions boundary only sets a ceiling (FullAWSAccess is the default SCP),
    // and one in a resource policy reaches only that resource: administrator access is granted by identity policies.
    kinds: ['identity'],
    description: 'Allow statements must not grant every action on every resource, directly or through NotAction.',
    sources: [
      { tool: 'cis', id: '1.16' },
      { tool: 'checkov', id: 'CKV_AWS_1' },
      { tool: 'checkov', id: 'CKV_AWS_62' },
      { tool: 'prowler', id: 'iam_customer_attached_policy_no_administrative_privileges' },
      { tool: 'prowler', id: 'iam_inline_policy_no_administrative_privileges' },
    ],
  },
  messages: {
    everyAction: 'Statement {statement} allows every action on every resource: full administrator access. Grant only the actions and resources that are needed.',
    notAction:
      'Statement {statement} allows every action except {excluded} on every resource, which still includes {escalation}: a principal with it can grant itself anything, so this is administrator access. List the allowed actions in Action instead.',
  },
  check: {
    statement(context, statement) {
      const grant = adminGrant(statement);
      if (!grant) return;
      const label = statementLabel(statement);
      if (grant.kind === 'everyAction') {
        context.report({ messageId: 'everyAction', at: statement.span(), data: { statement: label } });
      } else {
        context.report({ messageId: 'notAction', at: statement.span('NotAction'), data: { statement: label, excluded: describeItems(statement.notAction), escalation: grant.escalation } });
      }
    },
  },
});
