import { policyKinds } from '../../src/model/policy.js';
import { defineRule } from '../../src/engine/rule.js';
import { checkActionPattern } from '../../src/iam/action-pattern.js';

export default defineRule({
  id: 'wildcard-matches-nothing',
  meta: {
    category: 'correctness',
    severity: 'medium',
    recommended: true,
    inputs: ['policy'],
    kinds: policyKinds,
    description: 'Action patterns with wildcards should match at least one action.',
  },
  messages: {
    matchesNothing: "{action} matches no action of any AWS service in iamlint's catalogue, so it grants or denies nothing. Check the spelling.",
  },
  check: {
    statement(context, statement) {
      for (const list of [statement.action, statement.notAction]) {
        for (const item of list?.items ?? []) {
          // Malformed patterns and unknown literal prefixes get their verdict from unknown-service.
          if (checkActionPattern(item.value).kind === 'matchesNothing') context.report({ messageId: 'matchesNothing', at: item.span, data: { action: item.value } });
        }
      }
    },
  },
});
