import { defineRule } from '../../src/engine/rule.js';
import { describeItems, describeList } from '../../src/iam/describe.js';
import { describeAwsPrincipal, outsidePrincipals, zoneOf, type OutsidePrincipal, type Zone } from '../../src/iam/principals.js';
import { coversAction } from '../../src/iam/statement.js';
import { isAllow, statementLabel, type PolicyDocument, type Statement } from '../../src/model/policy.js';

/** What the statement lets the principal do, for messages. */
function accessOf(statement: Statement, document: PolicyDocument): string {
  if (document.kind === 'trust') return 'assume this role';
  if (statement.action) return `perform ${describeItems(statement.action)}`;
  return `perform every action except ${describeItems(statement.notAction)}`;
}

/**
 * The outside principals a statement grants access to. In a trust policy only statements that
 * cover `sts:AssumeRole` let them in: `sts:TagSession` or `sts:SetSourceIdentity` alone grant nothing.
 */
function granted(statement: Statement, document: PolicyDocument, zone: Zone): OutsidePrincipal[] {
  if (!isAllow(statement) || (document.kind === 'trust' && !coversAction(statement, 'sts:AssumeRole'))) return [];
  return outsidePrincipals(statement, document, zone);
}

export default defineRule({
  id: 'cross-account-access',
  meta: {
    category: 'exposure',
    severity: 'high',
    recommended: true,
    inputs: ['policy'],
    kinds: ['resource', 'trust'],
    description: 'Resource and trust policies should not allow accounts outside the zone of trust.',
    sources: [{ tool: 'access-analyzer', id: 'external access finding' }],
  },
  messages: {
    outsideZone:
      'Statement {statement} allows {principal}, outside the zone of trust, to {access}. If account {account} is yours, add it to "trust.accounts" in .iamlint.json or pass --trusted-account {account}; if it is not, remove it unless this access is intended.',
    undeclaredZone:
      'Statement {statement} allows {principal} to {access}, but no zone of trust is declared, so iamlint cannot tell whether {accounts} {verb} yours. List your accounts in "trust.accounts" (and organizations in "trust.organizationIds") in .iamlint.json, or pass --trusted-account ID; accounts outside the zone are then reported one by one.',
  },
  check: {
    // With no zone at all, one finding per policy asks for the zone instead of one per principal.
    document(context, document) {
      const zone = zoneOf(context.trust, document);
      if (zone.declared) return;
      const found = document.statements.flatMap((statement) => granted(statement, document, zone).map((outside) => ({ statement, ...outside })));
      const first = found[0];
      if (!first) return;
      const accounts = [...new Set(found.map((f) => f.account))];
      context.report({
        messageId: 'undeclaredZone',
        at: first.entry.span,
        data: {
          statement: statementLabel(first.statement),
          principal: describeAwsPrincipal(first.principal),
          access: accessOf(first.statement, document),
          accounts: `${accounts.length === 1 ? 'account' : 'accounts'} ${describeList(accounts, 5)}`,
          verb: accounts.length === 1 ? 'is' : 'are',
        },
      });
    },
    statement(context, statement, document) {
      const zone = zoneOf(context.trust, document);
      if (!zone.declared) return;
      for (const { entry, principal, account } of granted(statement, document, zone)) {
        context.report({
          messageId: 'outsideZone',
          at: entry.span,
          data: { statement: statementLabel(statement), principal: describeAwsPrincipal(principal), access: accessOf(statement, document), account },
        });
      }
    },
  },
});
