import { defineRule } from '../../src/engine/rule.js';
import { describeList } from '../../src/iam/describe.js';
import { dangerousGrants } from '../../src/iam/grants.js';
import { statementLabel } from '../../src/model/policy.js';

/**
 * Actions that read data in bulk: object contents, secrets, parameters, decrypted plaintext.
 * Not secretsmanager:BatchGetSecretValue: it only accepts `*`, and reads nothing without
 * secretsmanager:GetSecretValue on each secret, which is on the list.
 */
const readingActions = [
  's3:GetObject',
  's3:GetObjectVersion',
  'secretsmanager:GetSecretValue',
  'ssm:GetParameter',
  'ssm:GetParameters',
  'ssm:GetParametersByPath',
  'kms:Decrypt',
  'dynamodb:Scan',
  'dynamodb:Query',
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
];

export default defineRule({
  id: 'data-exfiltration',
  meta: {
    category: 'least-privilege',
    severity: 'medium',
    recommended: true,
    inputs: ['policy'],
    kinds: ['identity', 'boundary'],
    description: 'Actions that read data in bulk should be allowed on named resources, not on every resource.',
    sources: [{ tool: 'cloudsplaining', id: 'DataExfiltration' }],
  },
  messages: {
    exfiltration: 'Statement {statement} allows {actions} on every resource: every bucket, secret, parameter, key or table the account holds, including ones created later. Name the resources in Resource.',
  },
  check: {
    statement(context, statement) {
      const found = dangerousGrants(statement, readingActions);
      if (found.length > 0) context.report({ messageId: 'exfiltration', at: statement.span('Action'), data: { statement: statementLabel(statement), actions: describeList(found) } });
    },
  },
});
