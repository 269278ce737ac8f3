import { policyKinds } from '../../src/model/policy.js';
import { defineRule } from '../../src/engine/rule.js';
import { checkActionPattern } from '../../src/iam/action-pattern.js';

export default defineRule({
  id: 'unknown-action',
  meta: {
    category: 'correctness',
    severity: 'high',
    recommended: true,
    inputs: ['policy'],
    kinds: policyKinds,
    description: 'Actions must exist in their service.',
    sources: [{ tool: 'parliament', id: 'UNKNOWN_ACTION' }],
  },
  messages: {
    unknownAction: '{service} has no action {name}, so {action} matches nothing.{hint}',
  },
  check: {
    statement(context, statement) {
      for (const list of [statement.action, statement.notAction]) {
        for (const item of list?.items ?? []) {
          const verdict = checkActionPattern(item.value);
          if (verdict.kind !== 'unknownAction') continue;
          const { prefix } = verdict.service;
          const hint = verdict.suggestion ? ` Did you mean '${prefix}:${verdict.suggestion}'?` : '';
          context.report({ messageId: 'unknownAction', at: item.span, data: { service: prefix, name: verdict.name, action: item.value, hint } });
        }
      }
    },
  },
});
