import type { Evaluation } from '../eval/types.js';
import { findAction, splitAction } from '../iam/catalogue.js';
import { hasWildcard } from '../iam/wildcard.js';
import { QueryError, type AccessGraph } from './access-graph.js';
import { publicKey, subjectOf } from './actors.js';
import { adminKey } from './nodes.js';
import { compare } from './principals-policies.js';
import { publicPredecessors, publicSuccessors, type Expansion } from './public-roles.js';
import type { EdgeAttributes, EdgeKind, EdgeStatus, NodeKind, PathsResult, Reach, Step, WhatCanResult, WhoCanResult } from './types.js';

export { QueryError };

/*
 * The three questions (DESIGN.md, "The graph"): who can do ACTION on RESOURCE, what can PRINCIPAL
 * reach, and how FROM gets to admin (or to a node). Chains follow `can-assume` and `escalates-to`
 * edges (and `member-of` and `can-access` for paths to a group or resource; a group's policies are
 * already its members', so membership is no step towards anything else). Two kinds of step are implied rather than stored,
 * because storing them would take an edge per principal of an account: an `admin:<account>` node
 * reaches every node of its account, and a role whose trust names everyone (one edge, from the
 * public node) is assumable by each principal as far as its own request is allowed. Of several
 * chains the unconditional one is preferred, then the shortest; ties go to the first in edge-key
 * order, so answers are the same on every run.
 */

/** Node kinds that make requests (groups never do; admin nodes and resources are ends). */
const actorKinds: ReadonlySet<NodeKind> = new Set(['root', 'user', 'role', 'external-account', 'public', 'service', 'federated']);

const becomeKinds: ReadonlySet<EdgeKind> = new Set(['can-assume', 'escalates-to']);
const allKinds: ReadonlySet<EdgeKind> = new Set(['can-assume', 'escalates-to', 'member-of', 'can-access']);

function stepOf(source: string, target: string, attributes: EdgeAttributes): Step {
  return {
    from: source,
    to: target,
    kind: attributes.kind,
    status: attributes.status,
    ...(attributes.technique === undefined ? {} : { technique: attributes.technique }),
    actions: attributes.actions,
  };
}

function decisionOf(steps: readonly Step[], final: EdgeStatus): Reach['decision'] {
  return final === 'unconditional' && steps.every((step) => step.status === 'unconditional') ? 'allowed' : 'conditional';
}

function label(graph: AccessGraph, key: string): string {
  return graph.graph.hasNode(key) ? graph.graph.getNodeAttribute(key, 'label') : key;
}

function requireActor(graph: AccessGraph, key: string): void {
  if (!graph.graph.hasNode(key) || !actorKinds.has(graph.graph.getNodeAttribute(key, 'kind'))) {
    throw new QueryError(`no principal '${key}' in the graph (a user, role, root user or other principal of the analysed accounts, or one a policy names)`);
  }
}

// ——————————————————————————————————————————————————————————— searches

/** A shortest-path tree: for each node reached, the step that reached it (from its parent, or towards its successor). */
type Tree = Map<string, Step | null>;

/**
 * Breadth-first search from `starts` (all at distance 0, in the given order) along edges of `kinds`,
 * forward or backward, only unconditional ones if asked. `implied` adds the steps the graph does
 * not store.
 */
function search(graph: AccessGraph, starts: readonly string[], kinds: ReadonlySet<EdgeKind>, options: { reverse: boolean; unconditional: boolean; implied?: Expansion; until?: readonly string[] }): Tree {
  const tree: Tree = new Map();
  const queue: string[] = [];
  for (const start of starts) {
    if (tree.has(start)) continue;
    tree.set(start, null);
    queue.push(start);
  }
  const g = graph.graph;
  // The queue grows while it is walked: for-of sees what is pushed.
  for (const node of queue) {
    // Breadth first: once every node sought is reached, by a shortest path, the rest cannot matter.
    if (options.until?.every((wanted) => tree.has(wanted))) break;
    const visit = (step: Step, next: string): void => {
      if (tree.has(next) || (options.unconditional && step.status !== 'unconditional')) return;
      tree.set(next, step);
      queue.push(next);
    };
    // graphology lists parallel edges newest first: sorting by key keeps ties in edge-key order.
    const edges: [string, Step][] = [];
    const each = (edge: string, attributes: EdgeAttributes, source: string, target: string): void => {
      if (kinds.has(attributes.kind)) edges.push([edge, stepOf(source, target, attributes)]);
    };
    if (options.reverse) g.forEachInEdge(node, each);
    else g.forEachOutEdge(node, each);
    edges.sort(([a], [b]) => compare(a, b));
    for (const [, step] of edges) visit(step, options.reverse ? step.from : step.to);
    for (const step of options.implied?.(node, (other) => tree.has(other)) ?? []) visit(step, options.reverse ? step.from : step.to);
  }
  return tree;
}

/** The steps from the search's start to `node` (forward tree). */
function pathTo(tree: Tree, node: string): Step[] {
  const steps: Step[] = [];
  for (let step = tree.get(node); step; step = tree.get(step.from)) steps.unshift(step);
  return steps;
}

/** The steps from `node` to the search's target (backward tree). */
function pathFrom(tree: Tree, node: string): Step[] {
  const steps: Step[] = [];
  for (let step = tree.get(node); step; step = tree.get(step.to)) steps.push(step);
  return steps;
}

function both(...expansions: Expansion[]): Expansion {
  return (node, reached) => expansions.flatMap((expand) => expand(node, reached));
}

// ——————————————————————————————————————————————————————————— admin nodes

/**
 * An administrator of an account can become, change or reach anything in it but its root user:
 * `admin:<account>` has an implied `admin-access` step to each of the account's other nodes.
 */
function adminStep(account: string, to: string): Step {
  return { from: adminKey(account), to, kind: 'escalates-to', status: 'unconditional', technique: 'admin-access', actions: ['*'] };
}

const accountNodes = new WeakMap<AccessGraph, Map<string, string[]>>();

/** The nodes an account's admin node reaches, in key order. */
function nodesOf(graph: AccessGraph, account: string): readonly string[] {
  let byAccount = accountNodes.get(graph);
  if (!byAccount) {
    const found = new Map<string, string[]>();
    graph.graph.forEachNode((node, attributes) => {
      if (attributes.account === undefined || attributes.kind === 'admin' || attributes.kind === 'root' || !graph.accounts.has(attributes.account)) return;
      const list = found.get(attributes.account) ?? [];
      list.push(node);
      found.set(attributes.account, list);
    });
    byAccount = found;
    accountNodes.set(graph, byAccount);
  }
  return byAccount.get(account) ?? [];
}

/** Forward: from an admin node to every node of its account. */
function adminSuccessors(graph: AccessGraph): Expansion {
  return (node, reached) => {
    const attributes = graph.graph.getNodeAttributes(node);
    const account = attributes.account;
    if (attributes.kind !== 'admin' || account === undefined) return [];
    return nodesOf(graph, account).flatMap((to) => (reached(to) ? [] : [adminStep(account, to)]));
  };
}

/** Backward: to a user, role or group of an analysed account, from its admin node. */
function adminPredecessor(graph: AccessGraph): Expansion {
  return (node) => {
    const attributes = graph.graph.getNodeAttributes(node);
    const account = attributes.account;
    if (account === undefined || !graph.accounts.has(account) || (attributes.kind !== 'user' && attributes.kind !== 'role' && attributes.kind !== 'group')) return [];
    return [adminStep(account, node)];
  };
}

function isAdminStep(step: Step | undefined): boolean {
  return step?.technique === 'admin-access' && step.from.startsWith('admin:');
}

// ——————————————————————————————————————————————————————————— who-can

function checkAction(action: string): void {
  if (hasWildcard(action) || !splitAction(action)) throw new QueryError(`'${action}' is not an action: give one action, as service:Name (s3:GetObject)`);
  if (!findAction(action)) throw new QueryError(`unknown action '${action}': it is not in the AWS catalogue iamlint ships`);
}

function better(a: Evaluation | undefined, b: Evaluation): boolean {
  return b.decision !== 'denied' && (!a || (a.decision === 'conditional' && b.decision === 'allowed'));
}

/** The principals that can make the request themselves, with the best evaluation of each node. */
function direct(graph: AccessGraph, action: string, resource: string): Map<string, Evaluation> {
  const target = graph.target(resource, action);
  const named = graph.namedBy(target);
  const principals = new Set<string>();
  const accounts = new Set<string>();
  let everyone = false;
  const found = new Map<string, Evaluation>();
  const consider = (node: string, evaluation: Evaluation): void => {
    if (graph.graph.hasNode(node) && better(found.get(node), evaluation)) found.set(node, evaluation);
  };
  for (const entry of named) {
    if (entry.kind === 'principal') principals.add(entry.principal.key);
    else if (entry.kind === 'account') accounts.add(entry.account.id);
    else if (entry.kind === 'everyone') everyone = true;
    else for (const subject of entry.subjects) consider(entry.node, graph.evaluate(subject, action, target));
  }
  if (everyone) consider(graph.publicSubject.node, graph.evaluate(graph.publicSubject, action, target));
  for (const principal of graph.principals.values()) {
    // A principal no identity Allow of which can grant the request needs the resource policy to name it.
    const candidate = principal.kind === 'root' || everyone || principals.has(principal.key) || accounts.has(principal.account) || graph.mayAllow(principal, action, resource);
    if (candidate) consider(principal.key, graph.evaluate(subjectOf(principal), action, target));
  }
  return found;
}

/**
 * `who-can ACTION RESOURCE`: every principal that can perform the action on the resource — itself
 * (evaluated with the resource's policy when the inventory has it), or by a chain of assumed roles
 * and escalations to one that can, or to the resource account's `admin:` node. Sorted by key.
 * Throws QueryError for something that is not one known action.
 */
export function whoCan(graph: AccessGraph, action: string, resource: string): WhoCanResult {
  checkAction(action);
  const able = direct(graph, action, resource);
  const account = graph.target(resource, action).account;
  const finals = new Map<string, EdgeStatus>([...able].map(([node, evaluation]) => [node, evaluation.decision === 'allowed' ? 'unconditional' : 'conditional']));
  if (account !== undefined && graph.graph.hasNode(adminKey(account))) finals.set(adminKey(account), 'unconditional');
  const sources = [...finals.keys()].sort(compare);
  // Each search has its own expansions: they remember what they have offered.
  const implied = (sure: boolean): Expansion => both(adminPredecessor(graph), publicPredecessors(graph, sure));
  const sure = search(
    graph,
    sources.filter((node) => finals.get(node) === 'unconditional'),
    becomeKinds,
    { reverse: true, unconditional: true, implied: implied(true) },
  );
  const any = search(graph, sources, becomeKinds, { reverse: true, unconditional: false, implied: implied(false) });
  const principals: Reach[] = [];
  for (const node of [...any.keys()].sort(compare)) {
    if (!actorKinds.has(graph.graph.getNodeAttribute(node, 'kind'))) continue;
    const own = able.get(node);
    const named = { principal: node, label: label(graph, node) };
    if (own?.decision === 'allowed') principals.push({ ...named, decision: 'allowed', steps: [] });
    else if (sure.has(node)) principals.push({ ...named, decision: 'allowed', steps: pathFrom(sure, node) });
    else if (own) principals.push({ ...named, decision: 'conditional', steps: [] });
    else {
      const steps = pathFrom(any, node);
      const end = steps[steps.length - 1]?.to ?? node;
      principals.push({ ...named, decision: decisionOf(steps, finals.get(end) ?? 'conditional'), steps });
    }
  }
  return { action, resource, principals };
}

// ——————————————————————————————————————————————————————————— what-can

/** The best chain to each node reached from `from`: unconditional if there is one, else the shortest. */
function reachable(graph: AccessGraph, from: string, kinds: ReadonlySet<EdgeKind>, implied: Expansion): Map<string, Step[]> {
  const sure = search(graph, [from], kinds, { reverse: false, unconditional: true, implied });
  const any = search(graph, [from], kinds, { reverse: false, unconditional: false, implied });
  const found = new Map<string, Step[]>();
  for (const node of any.keys()) found.set(node, sure.has(node) ? pathTo(sure, node) : pathTo(any, node));
  return found;
}

/**
 * `what-can PRINCIPAL`: whether it is administrator-equivalent, the principals (and admin nodes) it
 * can become by assuming roles and escalating, and the resources with policies it can then access
 * (all of an account's when it reaches the account's admin node). The nodes of an account it
 * administers are not listed one by one: its `admin:` node stands for them. Throws QueryError for a
 * key that is not a principal of the graph.
 */
export function whatCan(graph: AccessGraph, principalArn: string): WhatCanResult {
  requireActor(graph, principalArn);
  const g = graph.graph;
  // What its edges reach, then what it reaches beyond an account it administers.
  const chains = reachable(graph, principalArn, becomeKinds, publicSuccessors(graph));
  for (const [node, steps] of reachable(graph, principalArn, becomeKinds, both(adminSuccessors(graph), publicSuccessors(graph)))) {
    if (!chains.has(node) && !isAdminStep(steps[steps.length - 1])) chains.set(node, steps);
  }
  const principals: Reach[] = [];
  for (const [node, steps] of chains) {
    if (node === principalArn) continue;
    principals.push({ principal: node, label: label(graph, node), decision: decisionOf(steps, 'unconditional'), steps });
  }
  principals.sort((a, b) => compare(a.principal, b.principal));

  const resources = new Map<string, Reach & { readonly actions: readonly string[] }>();
  const offer = (candidate: Reach & { readonly actions: readonly string[] }): void => {
    const existing = resources.get(candidate.principal);
    const wins = !existing || (existing.decision === 'conditional' && candidate.decision === 'allowed') || (existing.decision === candidate.decision && candidate.steps.length < existing.steps.length);
    if (wins) resources.set(candidate.principal, candidate);
  };
  // `chains` holds the principal itself, with no steps.
  for (const [node, steps] of chains) {
    g.forEachOutEdge(node, (_edge, attributes, source, target) => {
      if (attributes.kind !== 'can-access') return;
      const all = [...steps, stepOf(source, target, attributes)];
      offer({ principal: target, label: label(graph, target), decision: decisionOf(all, 'unconditional'), steps: all, actions: attributes.actions });
    });
  }
  // What everyone may access (one edge, from the public node), each principal reached may too.
  if (g.hasNode(publicKey)) {
    g.forEachOutEdge(publicKey, (_edge, attributes, _source, target) => {
      if (attributes.kind !== 'can-access') return;
      for (const [node, steps] of chains) {
        if (!actorKinds.has(g.getNodeAttribute(node, 'kind')) || node === publicKey) continue;
        const all = [...steps, stepOf(node, target, attributes)];
        offer({ principal: target, label: label(graph, target), decision: decisionOf(all, 'unconditional'), steps: all, actions: attributes.actions });
      }
    });
  }
  for (const [node, steps] of chains) {
    if (g.getNodeAttribute(node, 'kind') !== 'admin') continue;
    const account = g.getNodeAttribute(node, 'account');
    for (const resource of graph.resources.values()) {
      if (resource.account === account && !resources.has(resource.key)) offer({ principal: resource.key, label: label(graph, resource.key), decision: decisionOf(steps, 'unconditional'), steps, actions: ['*'] });
    }
  }
  const admin = g.getNodeAttribute(principalArn, 'admin');
  return {
    principal: principalArn,
    admin: admin ?? 'no',
    principals,
    resources: [...resources.values()].sort((a, b) => compare(a.principal, b.principal)),
  };
}

// ——————————————————————————————————————————————————————————— paths

/**
 * `paths FROM --to admin|KEY` (`to` is `admin` or a node key): per node reached (each `admin:` node
 * for `admin`), the shortest unconditional path and, when a conditional one is shorter, that one
 * too; unconditional first, then shorter, then by node key. Throws QueryError for an unknown `from`
 * or `to`.
 */
export function paths(graph: AccessGraph, fromArn: string, to: string): PathsResult {
  requireActor(graph, fromArn);
  const g = graph.graph;
  if (to !== 'admin' && !g.hasNode(to)) throw new QueryError(`no node '${to}' in the graph: give 'admin' or the ARN of a principal or resource`);
  if (to === fromArn) return { from: fromArn, to, paths: [{ principal: to, label: label(graph, to), decision: 'allowed', steps: [] }] };
  const targets = to === 'admin' ? g.filterNodes((_node, attributes) => attributes.kind === 'admin') : [to];
  const implied = both(adminSuccessors(graph), publicSuccessors(graph));
  const sure = search(graph, [fromArn], allKinds, { reverse: false, unconditional: true, implied, until: targets });
  const any = search(graph, [fromArn], allKinds, { reverse: false, unconditional: false, implied, until: targets });
  const found: Reach[] = [];
  for (const target of targets) {
    const certain = sure.has(target) ? pathTo(sure, target) : undefined;
    const shortest = any.has(target) ? pathTo(any, target) : undefined;
    if (certain) found.push({ principal: target, label: label(graph, target), decision: 'allowed', steps: certain });
    if (shortest && (!certain || shortest.length < certain.length)) found.push({ principal: target, label: label(graph, target), decision: decisionOf(shortest, 'unconditional'), steps: shortest });
  }
  found.sort((a, b) => Number(a.decision !== 'allowed') - Number(b.decision !== 'allowed') || a.steps.length - b.steps.length || compare(a.principal, b.principal));
  return { from: fromArn, to, paths: found };
}
