import { defineRule } from '../../src/engine/rule.js';
import { isEveryResource, parseOperator } from '../../src/iam/statement.js';
import { isEveryAction, matchesAction, matchesResource } from '../../src/iam/wildcard.js';
import { isAllow, statementLabel, type ConditionBlock, type Statement } from '../../src/model/policy.js';

/** A role ARN no one would write literally: only a wildcard in the role name matches it. */
function probeRole(pattern: string): string {
  const account = /^arn:[^:]*:iam::(\d{12}):/.exec(pattern)?.[1] ?? '111122223333';
  return `arn:aws:iam::${account}:role/iamlint/probe-Zq9`;
}

/** Resource patterns that let the role be any role of an account (`*`, `…:role/*`). */
function anyRoleResource(statement: Statement): string | undefined {
  if (statement.notResource) return 'every resource except those in NotResource';
  return statement.resource?.items.find((r) => isEveryResource(r.value) || matchesResource(r.value, probeRole(r.value)))?.value;
}

/** A service principal no one would write literally: only a wildcard pattern (`*`, `*.amazonaws.com`) matches it. */
const probeService = 'iamlint-probe-zq9.amazonaws.com';

/**
 * A condition that names the services the role may be passed to. Not counted: negated operators,
 * `…IfExists`, and StringLike patterns that match any service.
 */
function limitsService(condition: ConditionBlock | undefined): boolean {
  return (
    condition?.clauses.some((clause) => {
      if (clause.key.value.toLowerCase() !== 'iam:passedtoservice') return false;
      const { base, ifExists } = parseOperator(clause.operator.value);
      if (ifExists || !/^string(equals|like)$/i.test(base)) return false;
      const like = /like$/i.test(base);
      return clause.values.length > 0 && clause.values.every((v) => typeof v.value === 'string' && !(like ? matchesResource(v.value, probeService) : /^\*+$/.test(v.value)));
    }) ?? false
  );
}

export default defineRule({
  id: 'passrole-unscoped',
  meta: {
    category: 'privilege-escalation',
    severity: 'high',
    recommended: true,
    inputs: ['policy'],
    kinds: ['identity', 'boundary'],
    description: 'iam:PassRole should name the roles that may be passed and the services they may be passed to.',
  },
  messages: {
    anyRoleAnyService:
      'Statement {statement} allows iam:PassRole on {resource} with no iam:PassedToService condition that names the services: the principal can hand any role, including an administrator role, to any service and act with its permissions. Name the roles in Resource and add a StringEquals condition on iam:PassedToService.',
    anyRole:
      'Statement {statement} allows iam:PassRole on {resource}: the principal can pass any role, including an administrator role. Name the roles that may be passed in Resource.',
    anyService:
      'Statement {statement} allows iam:PassRole with no iam:PassedToService condition that names the services, so the roles can be passed to any service. Add a StringEquals condition on iam:PassedToService that names the service, such as ec2.amazonaws.com.',
  },
  check: {
    statement(context, statement) {
      if (!isAllow(statement) || !statement.action) return;
      // `*` is full-admin's finding and NotAction is allow-not-action's; this rule is about explicit grants.
      const grant = statement.action.items.find((item) => !isEveryAction(item.value) && matchesAction(item.value, 'iam:PassRole'));
      if (!grant) return;
      const resource = anyRoleResource(statement);
      const serviceLimited = limitsService(statement.condition);
      const data = { statement: statementLabel(statement) };
      if (resource !== undefined && !serviceLimited) context.report({ messageId: 'anyRoleAnyService', at: grant.span, data: { ...data, resource } });
      else if (resource !== undefined) context.report({ messageId: 'anyRole', at: grant.span, data: { ...data, resource } });
      else if (!serviceLimited) context.report({ messageId: 'anyService', at: grant.span, data });
    },
  },
});
