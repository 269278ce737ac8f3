import { defineRule } from '../../src/engine/rule.js';
import { findService, splitAction } from '../../src/iam/catalogue.js';
import { isAllow, statementLabel } from '../../src/model/policy.js';

/** Services where every action is as good as administrator access, or opens every secret. */
const sensitive = new Set(['iam', 'sts', 'kms', 'organizations', 'secretsmanager']);

export default defineRule({
  id: 'service-wildcard',
  meta: {
    category: 'least-privilege',
    severity: 'medium',
    recommended: true,
    inputs: ['policy'],
    kinds: ['identity', 'boundary'],
    description: 'Allow statements should name the actions they need rather than every action of a service.',
    sources: [{ tool: 'cloudsplaining', id: 'ServiceWildcard' }],
  },
  messages: {
    serviceWildcard:
      'Statement {statement} allows {pattern}: all {count} actions of {service}, including every action the service adds later. List the actions that are needed.',
  },
  check: {
    statement(context, statement) {
      if (!isAllow(statement)) return;
      for (const item of statement.action?.items ?? []) {
        const parts = splitAction(item.value);
        if (!parts || !/^\*+$/.test(parts.name)) continue;
        const service = findService(parts.service);
        if (!service) continue;
        context.report({
          messageId: 'serviceWildcard',
          at: item.span,
          data: { statement: statementLabel(statement), pattern: item.value, count: service.actions.size, service: service.name },
          // Every action of these services reaches administrator access or every secret.
          ...(sensitive.has(service.prefix) ? { severity: 'high' as const } : {}),
        });
      }
    },
  },
});
