import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import { nearest } from '../../src/iam/suggest.js';
import { isAllow, policyElements, principalTypes, statementElements, statementLabel, type PolicyKind, type Statement, type StatementElement, type StringList, policyKinds } from '../../src/model/policy.js';
import type { JsonPath } from '../../src/model/span.js';

/** The elements a statement of each kind must not have. */
const forbidden: Record<PolicyKind, readonly StatementElement[]> = {
  identity: ['Principal', 'NotPrincipal'],
  boundary: ['Principal', 'NotPrincipal'],
  scp: ['Principal', 'NotPrincipal'],
  resource: [],
  rcp: ['NotPrincipal', 'NotAction'],
  trust: ['NotPrincipal', 'Resource', 'NotResource'],
};

const needsPrincipal: readonly PolicyKind[] = ['resource', 'trust', 'rcp'];
const needsResource: readonly PolicyKind[] = ['identity', 'boundary', 'resource', 'scp', 'rcp'];

/** Actions a role trust policy may contain (lowercased for comparison). */
const trustActions = ['sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity', 'sts:TagSession', 'sts:SetSourceIdentity', 'sts:SetContext'];
const trustActionSet = new Set(trustActions.map((a) => a.toLowerCase()));

const pairs: readonly [StatementElement, StatementElement][] = [
  ['Action', 'NotAction'],
  ['Resource', 'NotResource'],
  ['Principal', 'NotPrincipal'],
];

const knownNames = [...policyElements, ...statementElements, ...principalTypes];

/** How messages name each kind, with its article: "an identity policy", "a role trust policy". */
const kindNames: Record<PolicyKind, string> = {
  identity: 'an identity',
  resource: 'a resource',
  trust: 'a role trust',
  scp: 'a service control',
  rcp: 'a resource control',
  boundary: 'a permissions boundary',
};

/** " Did you mean 'Action'?" for the key at the end of `path`, or '' when nothing is close. */
function hint(path: JsonPath): string {
  const name = path[path.length - 1];
  if (typeof name !== 'string' || name.trim() === '') return '';
  const suggestion = nearest(name.trim(), knownNames);
  return suggestion && suggestion !== name ? ` Did you mean '${suggestion}'?` : '';
}

/** Whether a list is exactly `"*"`: RCPFullAWSAccess's Action and Resource. */
function onlyStar(list: StringList | undefined): boolean {
  return list?.items.length === 1 && list.items[0]?.value === '*';
}

/**
 * Resource control policies: Principal is always `"*"` (conditions say whom a statement is for), and
 * only AWS's own RCPFullAWSAccess may allow — anything else a customer writes must deny.
 */
function checkRcp(context: RuleContext<typeof rule.messages, undefined>, statement: Statement, label: string): void {
  const principal = statement.principal;
  const everyone = principal !== undefined && (principal.wildcard || (principal.entries.length > 0 && principal.entries.every((e) => e.type === 'AWS' && e.value.value === '*')));
  if (principal && !everyone) context.report({ messageId: 'rcpPrincipal', at: principal.span });
  const fullAccess = everyone && onlyStar(statement.action) && onlyStar(statement.resource) && !statement.has('Condition');
  if (isAllow(statement) && !fullAccess && statement.effect) context.report({ messageId: 'rcpAllow', at: statement.effect.span, data: { statement: label } });
}

const rule = defineRule({
  id: 'policy-grammar',
  meta: {
    category: 'correctness',
    severity: 'high',
    recommended: true,
    inputs: ['policy'],
    kinds: policyKinds,
    description: 'Policies must follow the IAM policy grammar of their kind (identity, resource, trust …).',
    sources: [
      { tool: 'parliament', id: 'MALFORMED' },
      { tool: 'access-analyzer', id: 'ERROR' },
    ],
  },
  messages: {
    unknownElement: '{element} is not a policy element, so AWS rejects the policy.{hint}',
    wrongType: '{element} must be {expected}.',
    duplicateKey: '{element} is given more than once, so all but one (usually the last) are silently dropped. Merge them into one.',
    missingStatement: 'The policy has no Statement element.',
    missingEffect: 'Statement {statement} has no Effect; add "Effect": "Allow" or "Effect": "Deny".',
    invalidEffect: 'Statement {statement} has Effect "{effect}"; it must be exactly "Allow" or "Deny".',
    missingAction: 'Statement {statement} has neither Action nor NotAction.',
    missingResource: 'Statement {statement} has neither Resource nor NotResource, which {kind} policy needs.',
    missingPrincipal: 'Statement {statement} has no Principal, which {kind} policy needs to say whom it applies to.',
    bothElements: 'Statement {statement} has both {element} and {other}; use one of them.',
    notAllowedInKind: '{element} cannot be used in {kind} policy; remove it.',
    trustAction: 'A role trust policy cannot allow {action}; it may only hold {allowed}.',
    rcpPrincipal:
      'A resource control policy applies to every principal: its Principal must be "*". Express whom the statement applies to with conditions such as aws:PrincipalAccount or aws:PrincipalOrgID.',
    rcpAllow:
      'Statement {statement} allows in a resource control policy, which AWS accepts only in its own RCPFullAWSAccess policy (Allow "*" to "*" on "*"). An RCP restricts: write Deny statements with conditions.',
  },
  check: {
    document(context, document) {
      for (const problem of document.problems) {
        if (problem.code === 'unknownElement') context.report({ messageId: 'unknownElement', at: problem.span, data: { element: problem.element, hint: hint(problem.span.path) } });
        else if (problem.code === 'duplicateKey') context.report({ messageId: 'duplicateKey', at: problem.span, data: { element: problem.element } });
        else context.report({ messageId: 'wrongType', at: problem.span, data: { element: problem.element, expected: problem.expected ?? 'another type' } });
      }
      if (!document.has('Statement')) context.report({ messageId: 'missingStatement', at: document.span() });
    },
    statement(context, statement, document) {
      const label = statementLabel(statement);
      const { kind } = document;
      if (!statement.has('Effect')) context.report({ messageId: 'missingEffect', at: statement.span(), data: { statement: label } });
      else if (statement.effect && statement.effect.value !== 'Allow' && statement.effect.value !== 'Deny') {
        context.report({ messageId: 'invalidEffect', at: statement.effect.span, data: { statement: label, effect: statement.effect.value } });
      }
      if (!statement.has('Action') && !statement.has('NotAction')) context.report({ messageId: 'missingAction', at: statement.span(), data: { statement: label } });
      for (const [element, other] of pairs) {
        if (statement.has(element) && statement.has(other)) context.report({ messageId: 'bothElements', at: statement.span(other), data: { statement: label, element, other } });
      }
      for (const element of forbidden[kind]) {
        if (statement.has(element)) context.report({ messageId: 'notAllowedInKind', at: statement.span(element), data: { kind: kindNames[kind], element } });
      }
      if (needsPrincipal.includes(kind) && !statement.has('Principal') && !statement.has('NotPrincipal')) {
        context.report({ messageId: 'missingPrincipal', at: statement.span(), data: { statement: label, kind: kindNames[kind] } });
      }
      if (needsResource.includes(kind) && !statement.has('Resource') && !statement.has('NotResource')) {
        context.report({ messageId: 'missingResource', at: statement.span(), data: { statement: label, kind: kindNames[kind] } });
      }
      if (kind === 'rcp') checkRcp(context, statement, label);
      if (kind === 'trust') {
        for (const action of statement.action?.items ?? []) {
          if (!trustActionSet.has(action.value.toLowerCase())) context.report({ messageId: 'trustAction', at: action.span, data: { action: action.value, allowed: trustActions.join(', ') } });
        }
      }
    },
  },
});

export default rule;
