import type { Evaluation } from '../eval/types.js';
import { findAction } from '../iam/catalogue.js';
import type { TrustSettings } from '../iam/principals.js';
import type { Inventory } from '../model/inventory.js';
import { isAllow } from '../model/policy.js';
import { Actors, subjectOf } from './actors.js';
import { AdminTest, everyResourceProbe, type EveryAction } from './admin.js';
import type { DocumentNames } from './documents.js';
import { GraphDraft } from './draft.js';
import { GraphEvaluator, type ExtraContext, type Subject, type Target } from './evaluator.js';
import type { PrincipalEntry, PrincipalIndex } from './principals-policies.js';
import { Resources } from './resources.js';
import { StatementIndex } from './statements.js';
import type { EdgeStatus } from './types.js';

// What the parts of the build share: the principals and their policies, the evaluator with its
// cache, the statement index that picks candidates, the draft graph, and what earlier parts found
// (administrators, the roles each service may assume).

/** A role a service principal may assume, as its trust policy says. */
export interface ServiceRole {
  readonly role: PrincipalEntry;
  readonly service: string;
  readonly trust: Evaluation;
}

export class BuildContext {
  readonly evaluator: GraphEvaluator;
  readonly statements = new StatementIndex();
  readonly draft = new GraphDraft();
  readonly actors: Actors;
  readonly resources: Resources;
  readonly admin: AdminTest;
  /** Administrator-equivalent principals and groups, by key, with how. */
  readonly admins = new Map<string, EdgeStatus>();
  /** Per account, per service principal (lower case): the roles it may assume. */
  private readonly serviceRoles = new Map<string, Map<string, ServiceRole[]>>();

  constructor(
    readonly index: PrincipalIndex,
    inventory: Inventory,
    readonly now: Date,
    readonly trust: TrustSettings,
  ) {
    this.evaluator = new GraphEvaluator(now);
    this.actors = new Actors(index, this.draft, trust);
    this.resources = new Resources(inventory, index, index.names);
    this.admin = new AdminTest(this.evaluator);
  }

  get names(): DocumentNames {
    return this.index.names;
  }

  /**
   * Evaluates a request that only the subject's own policies can grant (an IAM action on an IAM
   * entity: IAM has no resource policies), skipping it when no Allow of them could: undefined when denied.
   */
  tryIdentity(subject: Subject, action: string, resource: string, extra?: ExtraContext): Evaluation | undefined {
    if (!this.statements.mayAllow(subject.set, findAction(action), resource)) return undefined;
    const evaluation = this.evaluator.evaluate(subject, action, this.resources.target(resource, action), extra);
    return evaluation.decision === 'denied' ? undefined : evaluation;
  }

  /** The request that tests "every action on every resource" of the principal's account. */
  probeTarget(principal: PrincipalEntry): Target {
    const partition = this.index.accounts.get(principal.account)?.partition ?? 'aws';
    return this.resources.target(everyResourceProbe(partition, principal.account), '');
  }

  everyAction(principal: PrincipalEntry, set = principal.set): EveryAction | undefined {
    return this.admin.everyAction({ ...subjectOf(principal), set }, this.probeTarget(principal));
  }

  /** The roles of `account` whose trust lets `service` assume them (with aws:SourceAccount the account: the service acts for it). */
  rolesTrusting(account: string, service: string): readonly ServiceRole[] {
    let byService = this.serviceRoles.get(account);
    if (!byService) {
      byService = this.trustedServices(account);
      this.serviceRoles.set(account, byService);
    }
    return byService.get(service) ?? [];
  }

  private trustedServices(account: string): Map<string, ServiceRole[]> {
    const found = new Map<string, ServiceRole[]>();
    for (const role of this.index.accounts.get(account)?.roles ?? []) {
      const trust = role.entity?.type === 'role' ? role.entity.trustPolicy : undefined;
      if (!trust) continue;
      const services = new Set<string>();
      for (const statement of trust.statements) {
        if (!isAllow(statement)) continue;
        for (const entry of statement.principal?.entries ?? []) if (entry.type === 'Service') services.add(entry.value.value.toLowerCase());
      }
      const target = this.resources.roleTarget(role.key);
      if (!target) continue;
      for (const service of [...services].sort()) {
        const subject = this.actors.serviceSubject(service, account);
        const evaluation = this.evaluator.evaluate(subject, 'sts:AssumeRole', target, { 'aws:sourceaccount': account });
        if (evaluation.decision === 'denied') continue;
        const list = found.get(service) ?? [];
        list.push({ role, service, trust: evaluation });
        found.set(service, list);
      }
    }
    return found;
  }
}
