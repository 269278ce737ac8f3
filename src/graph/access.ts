import type { Evaluation } from '../eval/types.js';
import { statementActions } from '../iam/action-set.js';
import { formatMatches, parseArn } from '../iam/arn.js';
import type { ActionInfo } from '../iam/catalogue.js';
import { isAllow } from '../model/policy.js';
import { subjectOf } from './actors.js';
import type { BuildContext } from './context.js';
import type { Subject } from './evaluator.js';
import { conditionsOf, evidenceOf } from './evidence.js';
import { compare, type PrincipalEntry } from './principals-policies.js';
import type { ResourceEntry } from './resources.js';
import { coversResource, instantiate } from './statements.js';

/*
 * `can-access` edges: for each resource with a policy, who may do what on it. The actions tried are
 * those of the resource's service that its policy's Allow statements name; each is evaluated on a
 * resource of a type it acts on (a bucket policy's `bucket/*` for object actions, the bucket for
 * bucket actions). The principals tried are those the policy names (as for trust policies: see
 * assume.ts; `*` is the public node alone) and the principals of the resource's account whose own
 * Allows may reach it — in the same account an identity policy alone can grant access. The account's
 * administrators are left out: they reach it through `admin:<account>`.
 */

/** For each action: the ARNs it is evaluated on (the answer is the best of them). */
function requests(resource: ResourceEntry): { action: ActionInfo; arns: readonly string[] }[] {
  const arn = resource.key;
  const service = parseArn(arn)?.service;
  const document = resource.policy.document;
  const home = { partition: parseArn(arn)?.partition ?? 'aws', account: resource.account ?? '', userName: undefined };
  const byAction = new Map<ActionInfo, string[]>();
  for (const statement of document.statements) {
    if (!isAllow(statement)) continue;
    const set = statementActions(statement);
    if (!set) continue;
    const arns = [arn, ...(statement.resource?.items ?? []).map((item) => instantiate(item.value, home))];
    for (const action of set.actions()) {
      if (action.service.prefix !== service) continue;
      const list = byAction.get(action) ?? [];
      for (const candidate of arns) if (!list.includes(candidate)) list.push(candidate);
      byAction.set(action, list);
    }
  }
  return [...byAction]
    .sort(([a], [b]) => a.index - b.index)
    .map(([action, arns]) => {
      const formats = action.resourceTypes.flatMap((type) => {
        const format = action.service.resourceTypes.get(type.name)?.arn;
        return format === undefined ? [] : [format];
      });
      // Those of a type the action acts on (an object action on `bucket/*`, not on the bucket); the resource itself otherwise.
      const fitting = arns.filter((candidate) => formats.some((format) => formatMatches(format, candidate)));
      return { action, arns: fitting.length > 0 ? fitting : [arn] };
    });
}

export function addAccessEdges(context: BuildContext): void {
  const { index, actors, statements, evaluator, resources, draft, names } = context;

  for (const resource of resources.byKey.values()) {
    const tried = requests(resource);
    if (tried.length === 0) continue;
    const arns = [...new Set(tried.flatMap((t) => t.arns))];
    const reaches = (subject: Subject): boolean =>
      statements.allows(subject.set).some((allow) => arns.some((arn) => coversResource(allow, arn)) && tried.some(({ action }) => allow.actions?.has(action) ?? false));
    const candidates = new Map<string, Subject[]>();
    // An administrator of the resource's account reaches it through admin:<account> already (queries know).
    const implied = (principal: PrincipalEntry): boolean => principal.account === resource.account && context.admins.has(principal.key);
    const add = (subject: Subject): void => {
      const list = candidates.get(subject.node) ?? [];
      if (!list.some((s) => s.request.arn === subject.request.arn)) list.push(subject);
      candidates.set(subject.node, list);
    };
    const model = resource.account === undefined ? undefined : index.accounts.get(resource.account);
    for (const named of actors.namedBy(resource.policy.document, resource.account)) {
      switch (named.kind) {
        case 'principal':
          if (!implied(named.principal)) add(subjectOf(named.principal));
          break;
        case 'account':
          for (const principal of [...named.account.users, ...named.account.roles]) if (!implied(principal) && (named.account === model || reaches(subjectOf(principal)))) add(subjectOf(principal));
          break;
        case 'everyone':
          // The public node's edge stands for every principal; those of the account whose own Allows reach the resource are added below.
          actors.publicNode();
          add(actors.publicSubject);
          break;
        case 'other':
          for (const subject of named.subjects) add(subject);
          break;
      }
    }
    for (const principal of [...(model?.users ?? []), ...(model?.roles ?? [])]) if (!implied(principal) && reaches(subjectOf(principal))) add(subjectOf(principal));

    for (const [node, subjects] of candidates) {
      const allowed: string[] = [];
      const conditional: string[] = [];
      const evaluations: Evaluation[] = [];
      for (const { action, arns: on } of tried) {
        let chosen: Evaluation | undefined;
        for (const subject of subjects) {
          for (const arn of on) {
            const evaluation = evaluator.evaluate(subject, action.id, { ...resource.target, resource: arn });
            if (evaluation.decision === 'denied') continue;
            if (!chosen || evaluation.decision === 'allowed') chosen = evaluation;
            if (evaluation.decision === 'allowed') break;
          }
          if (chosen?.decision === 'allowed') break;
        }
        if (!chosen) continue;
        (chosen.decision === 'allowed' ? allowed : conditional).push(action.id);
        evaluations.push(chosen);
      }
      if (evaluations.length === 0) continue;
      draft.addEdge({
        kind: 'can-access',
        source: node,
        target: resource.key,
        status: allowed.length > 0 ? 'unconditional' : 'conditional',
        actions: [...allowed, ...conditional].sort(compare),
        conditionalActions: conditional.sort(compare),
        evidence: evidenceOf(evaluations, names),
        conditions: conditionsOf(evaluations, names),
      });
    }
  }
}
