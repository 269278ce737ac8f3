import { defineRule } from '../../src/engine/rule.js';
import { statementActions } from '../../src/iam/action-set.js';
import type { ActionInfo } from '../../src/iam/catalogue.js';
import { conditionKeyVerdict } from '../../src/iam/condition-keys.js';
import { describeItems, describeList } from '../../src/iam/describe.js';
import { policyKinds, type Statement } from '../../src/model/policy.js';

/** How messages name the statement's actions: its Action list, or what its NotAction leaves. */
function actionsOf(statement: Statement): string {
  if (statement.action) return describeItems(statement.action);
  return `every action except ${describeItems(statement.notAction)}`;
}

/**
 * The statement's actions in one service, for messages: its Action entries for the service as
 * written (`s3:Get*`), else the actions themselves.
 */
function actionsIn(statement: Statement, prefix: string, actions: readonly ActionInfo[]): string {
  const written = statement.action?.items.map((item) => item.value).filter((value) => value.toLowerCase().startsWith(`${prefix.toLowerCase()}:`)) ?? [];
  return describeList(written.length > 0 ? written : actions.map((action) => action.id));
}

/** `a, b or c`. */
function choices(values: readonly string[]): string {
  return values.length <= 1 ? (values[0] ?? '') : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1] ?? ''}`;
}

/** Up to this many claims are listed in full; beyond, the nearest is suggested. */
const listedClaims = 8;

export default defineRule({
  id: 'unknown-condition-key',
  meta: {
    category: 'correctness',
    severity: 'medium',
    recommended: true,
    inputs: ['policy'],
    kinds: policyKinds,
    description: "Condition keys must exist, and be keys that the statement's actions support.",
    sources: [
      { tool: 'parliament', id: 'UNKNOWN_CONDITION_FOR_ACTION' },
      { tool: 'access-analyzer', id: 'Invalid global condition key' },
      { tool: 'access-analyzer', id: 'Invalid service condition key' },
    ],
  },
  messages: {
    unknownKey: "'{key}' is not a condition key: it is not global and no AWS service defines it, so it is never in the request context and the condition cannot work as written.{hint}",
    unknownClaim: "'{key}' is not a key AWS makes available for {provider}, so it is never in the request context and the condition cannot work as written.{hint}",
    otherService: "'{key}' is a condition key of {owner}, and none of the statement's actions ({actions}) belong to it: AWS leaves the key out of their request context, so the condition cannot work as written. Use a key of the statement's services, or a global key.",
    notForActions: "'{key}' is supported by {supporting}, not by the statement's {service} actions ({actions}): AWS leaves the key out of their request context, so the condition cannot work as written. Condition those actions on a key they support, or move the condition to a statement for the actions that support it.",
  },
  check: {
    statement(context, statement) {
      const clauses = statement.condition?.clauses ?? [];
      if (clauses.length === 0) return;
      const set = statementActions(statement);
      const seen = new Set<string>();
      for (const clause of clauses) {
        const key = clause.key.value;
        // One finding per key and statement, however many operators test it.
        if (seen.has(key.toLowerCase())) continue;
        seen.add(key.toLowerCase());
        const verdict = conditionKeyVerdict(key, set);
        const at = clause.key.span;
        switch (verdict.kind) {
          case 'applies':
            break;
          case 'unknown':
            context.report({ messageId: 'unknownKey', at, data: { key, hint: verdict.suggestion === undefined ? '' : ` Did you mean '${verdict.suggestion}'?` } });
            break;
          case 'unknownClaim': {
            let hint = '';
            if (verdict.claims.length <= listedClaims) hint = ` Its keys end in ${choices(verdict.claims.map((claim) => `:${claim}`))}.`;
            else if (verdict.suggestion !== undefined) hint = ` Did you mean '${verdict.suggestion}'?`;
            const provider = verdict.provider.toLowerCase() === 'saml' ? 'SAML federation' : `${verdict.provider} tokens`;
            context.report({ messageId: 'unknownClaim', at, data: { key, provider, hint } });
            break;
          }
          case 'otherService':
            context.report({
              messageId: 'otherService',
              at,
              data: { key, owner: describeList(verdict.services.map((s) => `${s.name} (${s.prefix})`)), actions: actionsOf(statement) },
            });
            break;
          case 'notForActions':
            context.report({
              messageId: 'notForActions',
              at,
              data: {
                key,
                service: verdict.service.prefix,
                actions: actionsIn(statement, verdict.service.prefix, verdict.actions),
                supporting: describeList(verdict.supporting.map((a) => a.id)),
              },
            });
            break;
        }
      }
    },
  },
});
