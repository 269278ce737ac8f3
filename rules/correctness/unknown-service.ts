import { policyKinds } from '../../src/model/policy.js';
import { defineRule } from '../../src/engine/rule.js';
import { checkActionPattern } from '../../src/iam/action-pattern.js';
import { splitAction } from '../../src/iam/catalogue.js';

export default defineRule({
  id: 'unknown-service',
  meta: {
    category: 'correctness',
    severity: 'high',
    recommended: true,
    inputs: ['policy'],
    kinds: policyKinds,
    description: 'Actions must start with the prefix of an AWS service.',
    sources: [{ tool: 'parliament', id: 'UNKNOWN_PREFIX' }],
  },
  messages: {
    unknownService: "'{service}' in {action} is not the prefix of any AWS service, so the action matches nothing.{hint}",
    malformed: '{action} is not an action: actions are written service:Action, such as s3:GetObject, or * for every action.',
  },
  check: {
    statement(context, statement) {
      for (const list of [statement.action, statement.notAction]) {
        for (const item of list?.items ?? []) {
          const verdict = checkActionPattern(item.value);
          if (verdict.kind === 'malformed') context.report({ messageId: 'malformed', at: item.span, data: { action: item.value } });
          else if (verdict.kind === 'unknownService') {
            const hint = verdict.suggestion ? ` Did you mean '${verdict.suggestion}'?` : '';
            context.report({ messageId: 'unknownService', at: item.span, data: { service: splitAction(item.value)?.service ?? verdict.service, action: item.value, hint } });
          }
        }
      }
    },
  },
});
