import type { Evaluation } from '../eval/types.js';
import { findAction } from '../iam/catalogue.js';
import type { ManagedPolicy } from '../model/inventory.js';
import type { PolicyDocument } from '../model/policy.js';
import { subjectOf } from './actors.js';
import type { EveryAction } from './admin.js';
import type { BuildContext } from './context.js';
import { allowEverything } from './documents.js';
import { conditionsOf, evidenceOf, statusOf, worst } from './evidence.js';
import type { Subject } from './evaluator.js';
import type { AccountModel, PrincipalEntry } from './principals-policies.js';
import { candidateResources, type AllowStatement } from './statements.js';
import { matchesResource } from '../iam/wildcard.js';
import { computeTechniques, type ComputeTechnique } from './techniques.js';
import type { EdgeStatus } from './types.js';

/*
 * `escalates-to` edges (reference/escalation.md), each decided by evaluating the concrete requests a
 * technique makes, on the principal's combined policies (a technique whose permissions come from a
 * user's policy and its group's is one technique):
 *
 * - self techniques — writing one's own policies or joining a group (rows 1-5), or removing one's
 *   own boundary — end at `admin:<account>` when what the principal then has makes it
 *   administrator-equivalent (its boundary and the SCPs still apply: a boundary that allows only s3
 *   stops `put-user-policy` from being one);
 * - principal techniques — another user's access key or password, a role's trust (rows 6-8) — end
 *   at that principal: the principal can then act as it;
 * - writing the policies of a principal it can act as (or of a group it can join) ends at
 *   `admin:<account>` too, `via` that principal: writing them alone raises the other principal,
 *   not the writer;
 * - compute techniques (rows 10-29, techniques.ts): `new-passrole` ones end at each role trusting
 *   the technique's service that the principal may pass to it (iam:PassRole evaluated on the role
 *   with iam:PassedToService); `existing` ones, conditionally, at the service's node for the account,
 *   whose `can-assume` edges go on to the roles.
 *
 * IAM has no resource policies and PassRole works within an account only: all targets are in the
 * principal's account. Administrators get no principal or compute edges: they reach everything of
 * their account through `admin:<account>` (queries know this).
 */

const adminPolicy = (partition: string): string => `arn:${partition}:iam::aws:policy/AdministratorAccess`;

interface Found {
  readonly status: EdgeStatus;
  readonly evaluations: readonly Evaluation[];
}

function combine(technique: Evaluation, outcome: EveryAction): Found {
  return { status: worst(statusOf(technique), outcome.status), evaluations: [technique, ...outcome.evaluations] };
}

export class Escalation {
  /** Per policy set (or principal, when its set depends on who it is) and technique: the non-PassRole part. */
  private readonly parts = new Map<string, Found | null>();

  constructor(private readonly context: BuildContext) {}

  private adminNode(account: string): string {
    return `admin:${account}`;
  }

  private edge(source: PrincipalEntry, target: string, technique: string, actions: readonly string[], found: Found, extra: { via?: readonly string[]; conditions?: readonly string[] } = {}): void {
    const { names, draft } = this.context;
    draft.addEdge({
      kind: 'escalates-to',
      source: source.key,
      target,
      technique,
      ...(extra.via ? { via: extra.via } : {}),
      status: found.status,
      actions,
      evidence: evidenceOf(found.evaluations, names),
      conditions: [...conditionsOf(found.evaluations, names), ...(extra.conditions ?? [])],
    });
  }

  // ——————————————————————————————————————————————————————————— self

  /** Administrator-equivalence with other identity documents (and the same boundary and SCPs), or without the boundary. */
  private outcome(principal: PrincipalEntry, identity: readonly PolicyDocument[], boundary: PolicyDocument | undefined): EveryAction | undefined {
    const set = this.context.index.sets.get(identity, boundary, principal.set.policies.scps);
    return this.context.everyAction(principal, set);
  }

  /**
   * What a principal that can give itself any permission becomes: its boundary and the SCPs still
   * bound it. Its own Denies do not: one that can write its own policies can take them out (PMapper's
   * definition; a Deny that stops the write itself already stopped the technique).
   */
  private anything(principal: PrincipalEntry): EveryAction | undefined {
    return this.outcome(principal, [allowEverything()], principal.set.policies.boundary);
  }

  private selfTechnique(principal: PrincipalEntry, technique: string, action: string, resource: string, outcome: () => EveryAction | undefined, via?: string, extra?: Readonly<Record<string, string>>): EdgeStatus | undefined {
    const evaluation = this.context.tryIdentity(subjectOf(principal), action, resource, extra);
    if (!evaluation) return undefined;
    const result = outcome();
    if (!result) return undefined;
    const found = combine(evaluation, result);
    this.edge(principal, this.adminNode(principal.account), technique, [action], found, via === undefined ? {} : { via: [via] });
    return found.status;
  }

  /** The best version of a held policy to make the default, if one makes the principal administrator-equivalent. */
  private defaultVersionOutcome(principal: PrincipalEntry, policy: ManagedPolicy): EveryAction | undefined {
    const current = policy.defaultVersion?.document;
    let bestFound: EveryAction | undefined;
    for (const version of policy.versions) {
      const candidate = version.document;
      if (version === policy.defaultVersion || !candidate) continue;
      const replaced = principal.set.policies.identity.map((document) => (document === current ? candidate : document));
      const result = this.outcome(principal, replaced, principal.set.policies.boundary);
      if (result && (!bestFound || (bestFound.status === 'conditional' && result.status === 'unconditional'))) bestFound = result;
    }
    return bestFound;
  }

  /**
   * The self techniques of a user or role: edges to `admin:<account>`. Returns the best status found,
   * if any. Service-linked roles are left out: only their service may change them.
   */
  selfTechniques(principal: PrincipalEntry, model: AccountModel): EdgeStatus | undefined {
    if (principal.kind === 'root' || principal.serviceLinked) return undefined;
    const found: (EdgeStatus | undefined)[] = [];
    const anything = (): EveryAction | undefined => this.anything(principal);
    const user = principal.kind === 'user';
    const kind = user ? 'User' : 'Role';
    const slug = user ? 'user' : 'role';
    found.push(this.selfTechnique(principal, `put-${slug}-policy`, `iam:Put${kind}Policy`, principal.key, anything));
    found.push(this.selfTechnique(principal, `attach-${slug}-policy`, `iam:Attach${kind}Policy`, principal.key, anything, undefined, { 'iam:policyarn': adminPolicy(model.partition) }));
    for (const group of principal.groups) {
      found.push(this.selfTechnique(principal, 'put-group-policy', 'iam:PutGroupPolicy', group.key, anything, group.key));
      found.push(this.selfTechnique(principal, 'attach-group-policy', 'iam:AttachGroupPolicy', group.key, anything, group.key, { 'iam:policyarn': adminPolicy(model.partition) }));
    }
    const held = new Map(principal.held.map((h) => [h.policy.arn, h.policy]));
    for (const policy of held.values()) {
      // Customer-managed only (`held` has no AWS managed policy): no one can write AWS's.
      found.push(this.selfTechnique(principal, 'create-policy-version', 'iam:CreatePolicyVersion', policy.arn, anything, policy.arn));
      if (policy.versions.length > 1) found.push(this.selfTechnique(principal, 'set-default-policy-version', 'iam:SetDefaultPolicyVersion', policy.arn, () => this.defaultVersionOutcome(principal, policy), policy.arn));
    }
    if (user) {
      const member = new Set(principal.groups.map((group) => group.key));
      for (const group of model.groups) {
        if (member.has(group.key) || !this.context.admins.has(group.key)) continue;
        const { identity, boundary } = principal.set.policies;
        found.push(this.selfTechnique(principal, 'add-user-to-group', 'iam:AddUserToGroup', group.key, () => this.outcome(principal, [...identity, ...group.documents], boundary), group.key));
      }
    }
    if (principal.set.policies.boundary) {
      found.push(this.selfTechnique(principal, `delete-${slug}-permissions-boundary`, `iam:Delete${kind}PermissionsBoundary`, principal.key, () => this.outcome(principal, principal.set.policies.identity, undefined)));
    }
    return found.includes('unconditional') ? 'unconditional' : found.includes('conditional') ? 'conditional' : undefined;
  }

  // ——————————————————————————————————————————————————————————— principal

  /** Targets of an IAM action among `candidates` (by ARN) that some Allow of the principal may cover. */
  /**
   * The keys among `candidates` (a list of the account's, named `list`) that some Allow of the
   * principal granting `action` may cover, in order, without `principal` itself. What each Resource
   * pattern covers is worked out once per account and list: principals of a team share patterns.
   */
  private coveredBy(principal: PrincipalEntry, action: string, list: string, candidates: readonly string[]): string[] {
    return this.allowedOn(principal, action, list, candidates).map(([key]) => key);
  }

  /**
   * The candidates (the account's list named `list`) on which the principal's request is not
   * denied, without the principal itself, with the evaluations. Only those some Allow of the
   * principal may cover are evaluated; what each Resource pattern covers is worked out once per
   * account and list (principals of a team share patterns), and principals whose statements about
   * the action are the same share the evaluations (see GraphEvaluator.allowedOn).
   */
  private allowedOn(principal: PrincipalEntry, action: string, list: string, candidates: readonly string[], extra?: Readonly<Record<string, string>>): (readonly [string, Evaluation])[] {
    const info = findAction(action);
    if (!info) return [];
    const grants = this.context.statements.grantsOf(principal.set, info);
    if (grants.length === 0) return [];
    const all = grants.some((grant) => grant.resources === undefined);
    let chosen = candidates;
    let name = `${principal.account}|${list}|*`;
    if (!all) {
      const found = new Set<string>();
      const patterns = [...new Set(grants.flatMap((grant) => grant.resources ?? []))].sort();
      for (const pattern of patterns) {
        const key = `${principal.account}|${list}|${pattern}`;
        let matched = this.matched.get(key);
        if (!matched) {
          matched = candidates.filter((candidate) => matchesResource(pattern, candidate));
          this.matched.set(key, matched);
        }
        for (const candidate of matched) found.add(candidate);
      }
      chosen = candidates.filter((candidate) => found.has(candidate));
      name = `${principal.account}|${list}|${patterns.join('\u0000')}`;
    }
    const { evaluator, resources } = this.context;
    return evaluator.allowedOn(subjectOf(principal), action, chosen, name, (resource) => resources.target(resource, action), extra).filter(([key]) => key !== principal.key);
  }

  private readonly matched = new Map<string, readonly string[]>();
  private readonly lists = new Map<string, readonly string[]>();

  /** The keys of an account's users, roles that may be changed (not service-linked) or groups. */
  private keys(model: AccountModel, list: 'users' | 'roles' | 'groups'): readonly string[] {
    const key = `${model.id}|${list}`;
    let found = this.lists.get(key);
    if (!found) {
      found = list === 'users' ? model.users.map((u) => u.key) : list === 'roles' ? model.roles.filter((r) => !r.serviceLinked).map((r) => r.key) : model.groups.map((g) => g.key);
      this.lists.set(key, found);
    }
    return found;
  }

  /** An edge for a technique whose first action was allowed (`first`); any further action is evaluated on the same resource. */
  private principalTechnique(principal: PrincipalEntry, target: string, technique: string, actions: readonly string[], first: Evaluation, resource: string): void {
    const evaluations: Evaluation[] = [first];
    for (const action of actions.slice(1)) {
      const evaluation = this.context.tryIdentity(subjectOf(principal), action, resource);
      if (!evaluation) return;
      evaluations.push(evaluation);
    }
    this.edge(principal, target, technique, actions, { status: worst(...evaluations.map(statusOf)), evaluations });
  }

  /** Two access keys already: a third needs one deleted first. */
  private static hasTwoKeys(user: PrincipalEntry): boolean {
    return user.credentials?.accessKeys.every((key) => key.lastRotated.kind === 'value') ?? false;
  }

  /**
   * The techniques that let a principal act as another: an access key or console password of a user,
   * a role's trust rewritten to name it (then it assumes the role; naming it exactly needs no
   * identity Allow of sts:AssumeRole in the same account).
   */
  principalTechniques(principal: PrincipalEntry, model: AccountModel): void {
    const users = this.keys(model, 'users');
    for (const [key, evaluation] of this.allowedOn(principal, 'iam:CreateAccessKey', 'users', users)) {
      const user = this.context.index.principals.get(key);
      if (!user) continue;
      const actions = Escalation.hasTwoKeys(user) ? ['iam:CreateAccessKey', 'iam:DeleteAccessKey'] : ['iam:CreateAccessKey'];
      this.principalTechnique(principal, key, 'create-access-key', actions, evaluation, key);
    }
    for (const [technique, action, wanted] of [
      ['create-login-profile', 'iam:CreateLoginProfile', false],
      ['update-login-profile', 'iam:UpdateLoginProfile', true],
    ] as const) {
      for (const [key, evaluation] of this.allowedOn(principal, action, 'users', users)) {
        // The credential report says whether the user has a password: CreateLoginProfile needs none, UpdateLoginProfile one.
        const password = this.context.index.principals.get(key)?.credentials?.passwordEnabled;
        if (password?.kind === 'value' && password.value !== wanted) continue;
        this.principalTechnique(principal, key, technique, [action], evaluation, key);
      }
    }
    // Service-linked roles: only their service may change them.
    for (const [key, evaluation] of this.allowedOn(principal, 'iam:UpdateAssumeRolePolicy', 'roles', this.keys(model, 'roles'))) {
      this.principalTechnique(principal, key, 'update-assume-role-policy', ['iam:UpdateAssumeRolePolicy'], evaluation, key);
    }
  }

  /**
   * Writing another principal's policies (rows 1-4 on another user, role or group) raises that
   * principal, not the writer — unless the writer can also act as it: assume the role, take the
   * user's credentials, join the group. Then the two together make the writer an administrator
   * (pathfinding.cloud iam-014 to iam-021): an edge to `admin:<account>` with both actions, `via`
   * the principal written. Needs the edges that say whom the principal can act as (assume.ts, and
   * the techniques above).
   */
  writeTechniques(principal: PrincipalEntry, model: AccountModel): void {
    const { draft, index } = this.context;
    const partition = model.partition;
    for (const [key, actAs] of draft.actsAs(principal.key)) {
      const other = index.principals.get(key);
      if (other?.account !== principal.account || other.kind === 'root' || other.serviceLinked) continue;
      const anything = (): EveryAction | undefined => this.anything(other);
      const kind = other.kind === 'user' ? 'User' : 'Role';
      const slug = other.kind === 'user' ? 'user' : 'role';
      const writes: [string, string, string, (() => EveryAction | undefined), string | undefined, Readonly<Record<string, string>> | undefined][] = [
        [`put-${slug}-policy`, `iam:Put${kind}Policy`, other.key, anything, undefined, undefined],
        [`attach-${slug}-policy`, `iam:Attach${kind}Policy`, other.key, anything, undefined, { 'iam:policyarn': adminPolicy(partition) }],
      ];
      const held = new Map(other.held.map((h) => [h.policy.arn, h.policy]));
      for (const policy of held.values()) {
        writes.push(['create-policy-version', 'iam:CreatePolicyVersion', policy.arn, anything, policy.arn, undefined]);
        if (policy.versions.length > 1) writes.push(['set-default-policy-version', 'iam:SetDefaultPolicyVersion', policy.arn, () => this.defaultVersionOutcome(other, policy), policy.arn, undefined]);
      }
      for (const group of other.groups) {
        writes.push(['put-group-policy', 'iam:PutGroupPolicy', group.key, anything, group.key, undefined]);
        writes.push(['attach-group-policy', 'iam:AttachGroupPolicy', group.key, anything, group.key, { 'iam:policyarn': adminPolicy(partition) }]);
      }
      const actions = [...(draft.actsAsActions(principal.key, key) ?? [])];
      for (const [technique, action, resource, outcome, via, extra] of writes) {
        const evaluation = this.context.tryIdentity(subjectOf(principal), action, resource, extra);
        if (!evaluation) continue;
        const result = outcome();
        if (!result) continue;
        const found = combine(evaluation, result);
        this.edge(principal, this.adminNode(principal.account), technique, [action, ...actions], { status: worst(found.status, actAs), evaluations: found.evaluations }, { via: [other.key, ...(via === undefined ? [] : [via])].sort() });
      }
    }
    if (principal.kind !== 'user') return;
    // A group it can join and write: its policies are then the principal's.
    const member = new Set(principal.groups.map((group) => group.key));
    const joinable = new Set(this.coveredBy(principal, 'iam:AddUserToGroup', 'groups', this.keys(model, 'groups')));
    if (joinable.size === 0) return;
    const anything = (): EveryAction | undefined => this.anything(principal);
    for (const group of model.groups) {
      if (!joinable.has(group.key) || member.has(group.key)) continue;
      const join = this.context.tryIdentity(subjectOf(principal), 'iam:AddUserToGroup', group.key);
      if (!join) continue;
      const writes: [string, string, string, string | undefined, Readonly<Record<string, string>> | undefined][] = [
        ['put-group-policy', 'iam:PutGroupPolicy', group.key, undefined, undefined],
        ['attach-group-policy', 'iam:AttachGroupPolicy', group.key, undefined, { 'iam:policyarn': adminPolicy(partition) }],
        ...group.held.map((h): [string, string, string, string | undefined, undefined] => ['create-policy-version', 'iam:CreatePolicyVersion', h.policy.arn, h.policy.arn, undefined]),
      ];
      for (const [technique, action, resource, via, extra] of writes) {
        const evaluation = this.context.tryIdentity(subjectOf(principal), action, resource, extra);
        if (!evaluation) continue;
        const result = anything();
        if (!result) continue;
        const found = combine(evaluation, result);
        this.edge(principal, this.adminNode(principal.account), technique, [action, 'iam:AddUserToGroup'], { status: worst(found.status, statusOf(join)), evaluations: [join, ...found.evaluations] }, { via: [group.key, ...(via === undefined ? [] : [via])].sort() });
      }
    }
  }

  // ——————————————————————————————————————————————————————————— compute

  /** The best evaluation of any action of `entry` on a resource `mode` chooses, or undefined if none is allowed. */
  private entry(subject: Subject, principal: PrincipalEntry, actions: readonly NonNullable<ReturnType<typeof findAction>>[], mode: 'some' | 'any'): { evaluation: Evaluation; action: string } | undefined {
    const { statements, evaluator, resources, index } = this.context;
    const partition = index.accounts.get(principal.account)?.partition ?? 'aws';
    const home = { partition, account: principal.account, userName: principal.kind === 'user' ? principal.entity?.name : undefined };
    let bestFound: { evaluation: Evaluation; action: string } | undefined;
    for (const action of actions) {
      const grants: AllowStatement[] = statements.grantsOf(principal.set, action);
      if (grants.length === 0) continue;
      for (const resource of candidateResources(action, grants, mode, home)) {
        const evaluation = evaluator.evaluate(subject, action.id, resources.target(resource, action.id));
        if (evaluation.decision === 'denied') continue;
        if (!bestFound || (bestFound.evaluation.decision === 'conditional' && evaluation.decision === 'allowed')) bestFound = { evaluation, action: action.id };
        if (evaluation.decision === 'allowed') return bestFound;
      }
    }
    return bestFound;
  }

  /** Every entry of the technique but iam:PassRole, for the principal: shared by principals with the same documents. */
  private part(principal: PrincipalEntry, technique: ComputeTechnique): (Found & { actions: readonly string[] }) | undefined {
    const key = `${principal.set.dependent ? principal.key : `${principal.set.id}|${principal.kind}|${principal.account}`}|${technique.id}`;
    const cached = this.parts.get(key);
    if (cached !== undefined) return cached === null ? undefined : (cached as Found & { actions: readonly string[] });
    const subject = subjectOf(principal);
    const evaluations: Evaluation[] = [];
    const actions: string[] = [];
    let result: (Found & { actions: readonly string[] }) | undefined;
    const mode = technique.kind === 'new-passrole' ? 'some' : 'any';
    for (const entry of technique.requires) {
      const found = this.entry(subject, principal, entry, mode);
      if (!found) {
        evaluations.length = 0;
        break;
      }
      evaluations.push(found.evaluation);
      actions.push(found.action);
    }
    if (evaluations.length === technique.requires.length) result = { status: worst(...evaluations.map(statusOf)), evaluations, actions };
    this.parts.set(key, result ?? null);
    return result;
  }

  /** For an instance profile the principal makes itself: iam:CreateInstanceProfile and iam:AddRoleToInstanceProfile. */
  private profilePart(principal: PrincipalEntry): (Found & { actions: readonly string[] }) | undefined {
    const create = findAction('iam:CreateInstanceProfile');
    const add = findAction('iam:AddRoleToInstanceProfile');
    if (!create || !add) return undefined;
    const subject = subjectOf(principal);
    const found = [this.entry(subject, principal, [create], 'some'), this.entry(subject, principal, [add], 'some')];
    if (found.some((f) => !f)) return undefined;
    const evaluations = found.flatMap((f) => (f ? [f.evaluation] : []));
    return { status: worst(...evaluations.map(statusOf)), evaluations, actions: found.flatMap((f) => (f ? [f.action] : [])) };
  }

  /** Whether the principal's Allows may grant some action of every entry (and iam:PassRole): most principals fail here. */
  private mayUse(principal: PrincipalEntry, technique: ComputeTechnique, passRole: NonNullable<ReturnType<typeof findAction>>): boolean {
    const { statements } = this.context;
    if (technique.kind === 'new-passrole' && !statements.mayGrant(principal.set, passRole)) return false;
    return technique.requires.every((entry) => entry.some((action) => statements.mayGrant(principal.set, action)));
  }

  /**
   * Taking over compute that already runs with a role reaches whatever roles the account's existing
   * functions, instances, stacks … hold: any role that trusts the service. The edge ends at the
   * service's node for the account (`lambda.amazonaws.com@111122223333`), whose `can-assume` edges
   * go on to those roles — one edge per principal and technique instead of one per role, which on a
   * large account would be hundreds of thousands. Conditional: only if such compute exists.
   */
  private existingCompute(principal: PrincipalEntry, technique: ComputeTechnique, part: Found & { actions: readonly string[] }): void {
    for (const service of technique.services) {
      const roles = this.runningRoles(principal.account, service, technique.instanceProfile);
      if (roles.length === 0 || (roles.length === 1 && roles[0] === principal.key)) continue;
      const node = this.context.actors.serviceSubject(service, principal.account).node;
      this.edge(principal, node, technique.id, part.actions, { status: 'conditional', evaluations: part.evaluations }, { conditions: [`only through ${service} resources of ${principal.account} that already run with a role`] });
    }
  }

  private readonly trustingKeys = new Map<string, readonly string[]>();

  private roleKeys(account: string, service: string, trusting: readonly { readonly role: PrincipalEntry }[]): readonly string[] {
    const key = `${account}|${service}`;
    let found = this.trustingKeys.get(key);
    if (!found) {
      found = trusting.map(({ role }) => role.key);
      this.trustingKeys.set(key, found);
    }
    return found;
  }

  private readonly running = new Map<string, readonly string[]>();

  /** The roles of the account that trust the service (for instances, only those in an instance profile: a role in none runs on no instance). */
  private runningRoles(account: string, service: string, onInstances: boolean): readonly string[] {
    const key = `${account}|${service}|${String(onInstances)}`;
    let found = this.running.get(key);
    if (!found) {
      found = this.context
        .rolesTrusting(account, service)
        .filter(({ role }) => !onInstances || (role.entity?.type === 'role' && role.entity.instanceProfiles.length > 0))
        .map(({ role }) => role.key);
      this.running.set(key, found);
    }
    return found;
  }

  computeTechniques(principal: PrincipalEntry): void {
    const passRole = findAction('iam:PassRole');
    if (!passRole) return;
    for (const technique of computeTechniques()) {
      if (!this.mayUse(principal, technique, passRole)) continue;
      const part = this.part(principal, technique);
      if (!part) continue;
      if (technique.kind === 'existing') {
        this.existingCompute(principal, technique, part);
        continue;
      }
      let profile: (Found & { actions: readonly string[] }) | null | undefined;
      const seen = new Set<string>();
      for (const service of technique.services) {
        const trusting = this.context.rolesTrusting(principal.account, service);
        // iam:PassRole on each role that trusts the service, passed to that service.
        const passable = new Map(this.allowedOn(principal, 'iam:PassRole', `roles trusting ${service}`, this.roleKeys(principal.account, service, trusting), { 'iam:passedtoservice': service }));
        for (const { role, trust } of trusting) {
          const pass = passable.get(role.key);
          if (!pass || seen.has(role.key)) continue;
          seen.add(role.key);
          const profiles = role.entity?.type === 'role' ? role.entity.instanceProfiles.length : 0;
          let extra: (Found & { actions: readonly string[] }) | undefined;
          if (technique.instanceProfile && profiles === 0) {
            if (profile === undefined) profile = this.profilePart(principal) ?? null;
            if (profile === null) continue;
            extra = profile;
          }
          const evaluations = [pass, ...part.evaluations, ...(extra?.evaluations ?? []), trust];
          const status = worst(statusOf(pass), part.status, extra?.status ?? 'unconditional', statusOf(trust));
          this.edge(principal, role.key, technique.id, ['iam:PassRole', ...part.actions, ...(extra?.actions ?? [])], { status, evaluations });
        }
      }
    }
  }
}
