import type { Evaluation } from '../eval/types.js';
import { findAction } from '../iam/catalogue.js';
import { subjectOf } from './actors.js';
import type { BuildContext } from './context.js';
import type { Subject, Target } from './evaluator.js';
import { conditionsOf, evidenceOf, statusOf } from './evidence.js';
import type { PrincipalEntry } from './principals-policies.js';

/*
 * `can-assume` edges: who may assume each role. The candidates come from the trust policy, never
 * from a scan of every principal: the principals it names, and for an account it names (its root or
 * id) — which delegates to the account's own policies — only that account's principals with an
 * Allow that may grant sts:AssumeRole on the role. `Principal: "*"` names everyone: the public node's
 * edge stands for every principal (an edge from each would be thousands per role, and millions
 * across an organization; queries evaluate each principal's request when they go that way). Each
 * candidate's request is evaluated (trust, identity, boundary, SCPs, RCPs). Root users are left
 * out (AWS refuses AssumeRole with root credentials), and so are administrators of the role's
 * account, which reach it through `admin:<account>`.
 */

/** The action a federated provider's users assume a role with. */
function federatedAction(provider: string): string {
  return provider.includes(':saml-provider/') ? 'sts:AssumeRoleWithSAML' : 'sts:AssumeRoleWithWebIdentity';
}

function actionOf(subject: Subject): string {
  return subject.request.kind === 'federated' ? federatedAction(subject.request.arn) : 'sts:AssumeRole';
}

export function addAssumeEdges(context: BuildContext): void {
  const { index, actors, statements, evaluator, resources, draft, names } = context;
  const assumeRole = findAction('sts:AssumeRole');

  // Per account: the principals with an Allow that may grant sts:AssumeRole on some role.
  const assumers = new Map([...index.accounts.values()].map((model) => [model.id, [...model.users, ...model.roles].filter((principal) => statements.mayGrant(principal.set, assumeRole))]));
  for (const model of index.accounts.values()) {
    for (const role of model.roles) {
      const trust = role.entity?.type === 'role' ? role.entity.trustPolicy : undefined;
      const target = resources.roleTarget(role.key);
      if (!trust || !target) continue;
      const candidates = new Map<string, Subject[]>();
      const add = (subject: Subject): void => {
        const list = candidates.get(subject.node) ?? [];
        if (!list.some((s) => s.request.arn === subject.request.arn)) list.push(subject);
        candidates.set(subject.node, list);
      };
      const mayAssume = (principal: PrincipalEntry): boolean => statements.mayAllow(principal.set, assumeRole, role.key);
      // An administrator of the role's account reaches it through admin:<account> already (queries know).
      const implied = (principal: PrincipalEntry): boolean => principal.account === role.account && context.admins.has(principal.key);
      for (const named of actors.namedBy(trust, role.account)) {
        switch (named.kind) {
          case 'principal':
            if (!implied(named.principal)) add(subjectOf(named.principal));
            break;
          case 'account':
            for (const principal of assumers.get(named.account.id) ?? []) if (!implied(principal) && mayAssume(principal)) add(subjectOf(principal));
            break;
          case 'everyone':
            // Everyone, every analysed principal included: one edge from the public node stands for them all
            // (queries evaluate a principal's own request when they pass that way; see queries.ts).
            add(actors.publicSubject);
            actors.publicNode();
            break;
          case 'other':
            for (const subject of named.subjects) add(subject);
            break;
        }
      }
      for (const [node, subjects] of candidates) addEdge(node, subjects, role, target);
    }
  }

  function addEdge(node: string, subjects: readonly Subject[], role: PrincipalEntry, target: Target): void {
    let chosen: { evaluation: Evaluation; action: string } | undefined;
    for (const subject of subjects) {
      const action = actionOf(subject);
      // A service assumes a role for a resource of the role's account.
      const extra = subject.request.kind === 'service' ? { 'aws:sourceaccount': role.account } : undefined;
      const evaluation = evaluator.evaluate(subject, action, target, extra);
      if (evaluation.decision === 'denied') continue;
      if (!chosen || (chosen.evaluation.decision === 'conditional' && evaluation.decision === 'allowed')) chosen = { evaluation, action };
      if (evaluation.decision === 'allowed') break;
    }
    if (!chosen) return;
    draft.addEdge({
      kind: 'can-assume',
      source: node,
      target: role.key,
      status: statusOf(chosen.evaluation),
      actions: [chosen.action],
      evidence: evidenceOf([chosen.evaluation], names),
      conditions: conditionsOf([chosen.evaluation], names),
    });
  }
}
