import type { TrustSettings } from '../iam/principals.js';
import type { Inventory } from '../model/inventory.js';
import { addAccessEdges } from './access.js';
import { AccessGraph } from './access-graph.js';
import { addAssumeEdges } from './assume.js';
import { BuildContext } from './context.js';
import { evidenceOf, conditionsOf } from './evidence.js';
import { Escalation } from './escalation.js';
import { addNodes, adminKey, adminStatus, markAdmins } from './nodes.js';
import { collectPrincipals, type AccountModel, type GroupEntry, type PrincipalEntry } from './principals-policies.js';
import { probeName } from './statements.js';

// Builds the access graph of an inventory (DESIGN.md, "The graph"; graph-spec.md): nodes, then
// administrators, escalation techniques, assume and access edges, each decided by `evaluate`.

export interface BuildOptions {
  /** The date conditions on aws:CurrentTime and aws:TokenIssueTime compare against. */
  readonly now: Date;
  /** The zone of trust: external accounts in it are marked `trusted`. */
  readonly trust: TrustSettings;
}

/** A made-up member of a group with no policy of its own and no boundary: whether the group's policies make their holder an administrator. */
function groupMember(group: GroupEntry, model: AccountModel, context: BuildContext): PrincipalEntry {
  const arn = `arn:${model.partition}:iam::${model.id}:user/${probeName}`;
  return {
    key: group.key,
    kind: 'user',
    account: model.id,
    label: group.label,
    entity: undefined,
    request: { kind: 'user', arn, account: model.id, name: probeName },
    set: context.index.sets.get(group.documents, undefined, model.scps),
    groups: [],
    held: [],
    serviceLinked: false,
    credentials: undefined,
  };
}

/** `admin-access` edges from the principals that may call every action, and the groups whose policies make their members so. */
function addAdministrators(context: BuildContext): void {
  const { index, draft, names } = context;
  for (const model of index.accounts.values()) {
    for (const principal of [model.root, ...model.users, ...model.roles]) {
      const every = context.everyAction(principal);
      if (!every) continue;
      context.admins.set(principal.key, every.status);
      draft.addEdge({
        kind: 'escalates-to',
        source: principal.key,
        target: adminKey(model.id),
        technique: 'admin-access',
        status: every.status,
        actions: ['*'],
        evidence: evidenceOf(every.evaluations, names),
        conditions: conditionsOf(every.evaluations, names),
      });
    }
    for (const group of model.groups) {
      const every = context.everyAction(groupMember(group, model, context));
      if (every) context.admins.set(group.key, every.status);
    }
  }
}

export function buildGraph(inventory: Inventory, options: BuildOptions): AccessGraph {
  const started = performance.now();
  const index = collectPrincipals(inventory);
  const context = new BuildContext(index, inventory, options.now, options.trust);
  addNodes(context);
  addAdministrators(context);
  const escalation = new Escalation(context);
  for (const model of index.accounts.values()) {
    for (const principal of [...model.users, ...model.roles]) {
      // One that may call every action needs no other way to be an administrator.
      if (context.admins.get(principal.key) === 'unconditional') continue;
      const self = escalation.selfTechniques(principal, model);
      const status = adminStatus(context.admins.get(principal.key), self);
      if (status) context.admins.set(principal.key, status);
    }
  }
  for (const model of index.accounts.values()) {
    for (const principal of [...model.users, ...model.roles]) {
      // An administrator reaches all of its account through admin:<account> already: edges to each of its
      // principals would say nothing more (and be thousands). A conditional one reaches it as conditionally
      // as, in practice, its techniques would (the same Deny or condition bounds both).
      if (context.admins.has(principal.key)) continue;
      escalation.principalTechniques(principal, model);
      escalation.computeTechniques(principal);
    }
  }
  addAssumeEdges(context);
  for (const model of index.accounts.values()) {
    for (const principal of [...model.users, ...model.roles]) {
      // Not administrator-equivalence: these act through another principal (privesc-path's business).
      if (!context.admins.has(principal.key)) escalation.writeTechniques(principal, model);
    }
  }
  addAccessEdges(context);
  markAdmins(context);
  const graph = context.draft.build();
  const stats = { nodes: graph.order, edges: graph.size, evaluated: context.evaluator.evaluated, shared: context.evaluator.shared, milliseconds: Math.round(performance.now() - started) };
  return new AccessGraph(graph, options.now, options.trust, context, stats);
}
