import { defineRule } from '../../src/engine/rule.js';
import { explicitActions } from '../../src/iam/action-set.js';
import type { AccessLevel } from '../../src/iam/catalogue.js';
import { describeList } from '../../src/iam/describe.js';
import { isEveryResource, onEveryResource } from '../../src/iam/statement.js';
import { isAllow, statementLabel } from '../../src/model/policy.js';

/** Access levels that change things; List and Read are left to data-exfiltration and friends. */
const changing: ReadonlySet<AccessLevel> = new Set(['Write', 'Tagging', 'Permissions management']);

export default defineRule({
  id: 'wildcard-resource',
  meta: {
    category: 'least-privilege',
    severity: 'medium',
    recommended: true,
    inputs: ['policy'],
    kinds: ['identity', 'boundary'],
    description: 'Write, tagging and permissions-management actions that accept resource ARNs should name their resources instead of "*".',
    sources: [
      { tool: 'parliament', id: 'RESOURCE_STAR' },
      { tool: 'checkov', id: 'CKV_AWS_355' },
    ],
  },
  messages: {
    wildcardResource:
      'Statement {statement} allows {granted} on "{resource}", which can be limited to named resources. Name the resources in Resource, in a statement of their own if other actions need "*".',
  },
  check: {
    statement(context, statement) {
      if (!isAllow(statement) || !onEveryResource(statement)) return;
      const granted = explicitActions(statement);
      if (!granted || granted.isEmpty()) return;
      // Actions with no resource types accept only "*" (ec2:Describe*, s3:ListAllMyBuckets): nothing to fix there.
      const scopable = granted.actions().filter((action) => action.resourceTypes.length > 0 && action.accessLevels.some((level) => changing.has(level)));
      if (scopable.length === 0) return;
      // At the match-all item (`*`, `arn:aws:*:*:*:*`), not only a literal `*`.
      const resource = statement.resource?.items.find((item) => isEveryResource(item.value));
      const count = scopable.length;
      const summary = `${count} write, tagging or permissions-management ${count === 1 ? 'action' : 'actions'} (${describeList(scopable.map((a) => a.id))})`;
      context.report({
        messageId: 'wildcardResource',
        at: resource?.span ?? statement.span('Resource'),
        data: { statement: statementLabel(statement), granted: summary, resource: resource?.value ?? '*' },
      });
    },
  },
});
