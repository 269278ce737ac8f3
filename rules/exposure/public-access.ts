import { defineRule } from '../../src/engine/rule.js';
import { callerLimit } from '../../src/iam/conditions.js';
import { describeItems } from '../../src/iam/describe.js';
import { isAllow, statementLabel, type Located, type PrincipalBlock } from '../../src/model/policy.js';

/** The `*` that makes a principal public: `"*"`, `{"AWS": "*"}`, `{"CanonicalUser": "*"}`. */
function publicPrincipal(principal: PrincipalBlock | undefined): Located<string> | PrincipalBlock | undefined {
  if (!principal) return undefined;
  if (principal.wildcard) return principal;
  return principal.entries.find((e) => (e.type === 'AWS' || e.type === 'CanonicalUser') && e.value.value === '*')?.value;
}

export default defineRule({
  id: 'public-access',
  meta: {
    category: 'exposure',
    severity: 'critical',
    recommended: true,
    inputs: ['policy'],
    kinds: ['resource', 'trust'],
    description: 'Resource and trust policies must not allow everyone unless a condition limits who can call.',
    sources: [{ tool: 'access-analyzer', id: 'public access finding' }],
  },
  messages: {
    publicResource:
      'Statement {statement} allows anyone — any AWS account, or no account at all — to perform {actions}. Name the principals, or add a condition on aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceVpce or aws:SourceIp.',
    publicTrust:
      'Statement {statement} lets anyone in any AWS account assume this role. Name the trusted principals, or add a condition on aws:PrincipalOrgID or aws:PrincipalAccount.',
  },
  check: {
    statement(context, statement, document) {
      if (!isAllow(statement)) return;
      const everyone = publicPrincipal(statement.principal);
      if (!everyone || callerLimit(statement.condition)) return;
      const label = statementLabel(statement);
      if (document.kind === 'trust') context.report({ messageId: 'publicTrust', at: everyone.span, data: { statement: label } });
      else {
        const actions = statement.action ? describeItems(statement.action) : `every action except ${describeItems(statement.notAction)}`;
        context.report({ messageId: 'publicResource', at: everyone.span, data: { statement: label, actions } });
      }
    },
  },
});
