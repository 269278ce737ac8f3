import { defineRule } from '../../src/engine/rule.js';
import { resourceFit } from '../../src/iam/arn.js';
import { describeList } from '../../src/iam/describe.js';
import { isAllow, isDeny, type PolicyKind } from '../../src/model/policy.js';

/** Trust policies are left out: their resource is the role, and Resource is usually absent. */
const kinds: readonly PolicyKind[] = ['identity', 'boundary', 'resource', 'scp', 'rcp'];

/**
 * The commonest slip is a container's ARN where its contents are meant: a bucket for its objects, a
 * log group for its streams (which CloudWatch Logs authorizes as `log-group:name:*`). When a listed
 * resource with that suffix would fit, say so.
 */
function exampleFor(action: string, resources: readonly string[]): string {
  for (const resource of resources) {
    if (resource.endsWith('*')) continue;
    const fixed = `${resource}${resource.includes(':log-group:') ? ':*' : '/*'}`;
    if (resourceFit(action, [fixed]).kind === 'fits') return `, such as ${fixed}`;
  }
  return '';
}

export default defineRule({
  id: 'resource-type-mismatch',
  meta: {
    category: 'correctness',
    severity: 'medium',
    recommended: true,
    inputs: ['policy'],
    kinds,
    description: 'Each action should have a listed resource of a type it acts on.',
    sources: [{ tool: 'parliament', id: 'RESOURCE_MISMATCH' }],
  },
  messages: {
    noResourceTypes: '{action} supports no resource-level permissions, so it is never {verb} on {resources}: use "Resource": "*" for it{own}.',
    patternNoResourceTypes:
      'None of the {count} actions {action} matches supports resource-level permissions, so none is ever {verb} on {resources}: use "Resource": "*" for them{own}.',
    mismatch: '{action} acts on {types}, and no resource listed can be one, so it is never {verb} on {resources}. List an ARN of one of those types{own}{example}.',
    patternMismatch:
      'The {count} actions {action} matches act on {types}, and no resource listed can be one, so none is ever {verb} on {resources}. List an ARN of one of those types{own}{example}.',
  },
  check: {
    statement(context, statement) {
      if (!statement.action || statement.notAction || statement.notResource || !statement.resource) return;
      const resources = statement.resource.items.map((item) => item.value);
      if (resources.length === 0) return;
      for (const item of statement.action.items) {
        const fit = resourceFit(item.value, resources);
        if (fit.kind === 'fits') continue;
        const verb = isAllow(statement) ? 'allowed' : isDeny(statement) ? 'denied' : 'matched';
        const own = statement.action.items.length > 1 ? ' (in a statement of its own if the other actions need these resources)' : '';
        const listed = describeList(resources);
        const single = fit.actions.length === 1;
        const action = single && fit.actions[0]?.id.toLowerCase() !== item.value.toLowerCase() ? `${item.value} (${fit.actions[0]?.id ?? ''})` : item.value;
        const data = { action, verb, resources: listed, own, count: fit.actions.length };
        if (fit.kind === 'noResourceTypes') {
          if (single) context.report({ messageId: 'noResourceTypes', at: item.span, data });
          else context.report({ messageId: 'patternNoResourceTypes', at: item.span, data });
        } else {
          const types = describeList(fit.types.map((t) => `${t.name} (${t.arn})`));
          const example = exampleFor(item.value, resources);
          if (single) context.report({ messageId: 'mismatch', at: item.span, data: { ...data, types, example } });
          else context.report({ messageId: 'patternMismatch', at: item.span, data: { ...data, types, example } });
        }
      }
    },
  },
});
