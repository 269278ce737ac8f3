import type { Evaluation, StatementMatch } from '../eval/types.js';
import { statementActions } from '../iam/action-set.js';
import { findAction } from '../iam/catalogue.js';
import { matchesResource } from '../iam/wildcard.js';
import { isAllow, isDeny, type PolicyDocument } from '../model/policy.js';
import type { AccessGraph } from './access-graph.js';
import { publicKey } from './actors.js';
import { compare } from './principals-policies.js';
import type { Step } from './types.js';

/*
 * Roles whose trust names everyone. Such a role has one `can-assume` edge, from the public node
 * (assume.ts): the principals of the analysed accounts reach it too, each as far as its own request
 * is allowed (its boundary and Denies, and across accounts its identity policy). Storing those steps
 * would take an edge per principal and role, so the searches imply them and evaluate each request as
 * they pass, through the graph's cache.
 *
 * An organization has such roles in every account, and every account's principals are candidates for
 * each, so who is worth evaluating is indexed once per graph: within its own account a principal
 * needs only the trust; across accounts, an Allow of `sts:AssumeRole` whose Resource covers the role.
 * Those Resource patterns are grouped by the account they name, so that a role is matched only
 * against the patterns that can name its account, not against every principal of the organization.
 */

/** An expansion of a search: the implied steps from (or, searching backwards, to) a node, leaving out those to nodes `reached` already. */
export type Expansion = (node: string, reached: (other: string) => boolean) => Step[];

const assumeRole = 'sts:AssumeRole';
const accountId = /^\d{12}$/;

interface PublicRoles {
  /** The roles, in key order. */
  readonly roles: readonly string[];
  readonly set: ReadonlySet<string>;
  /** Per account: its public roles, in key order. */
  readonly rolesOf: ReadonlyMap<string, readonly string[]>;
  /** Per account: its users and roles, in key order. */
  readonly principalsOf: ReadonlyMap<string, readonly string[]>;
  /** Principals with an Allow of sts:AssumeRole that has no Resource: it may cover any role. (Here and below, only those whose boundary allows sts:AssumeRole at all.) */
  readonly everywhere: readonly string[];
  /** Resource patterns of Allows of sts:AssumeRole that name one account, by that account, with the principals that have each. */
  readonly byAccount: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;
  /** The other patterns (the account is a wildcard, or the pattern is no ARN), with the principals that have each. */
  readonly anyAccount: ReadonlyMap<string, readonly string[]>;
  /** Per public role: the patterns that cover it (memoized). */
  readonly patternsFor: Map<string, readonly string[]>;
}

/** The account an ARN pattern names, when it names exactly one (`arn:aws:iam::111122223333:role/x`). */
function namedAccount(pattern: string): string | undefined {
  const account = pattern.split(':', 6)[4];
  return account !== undefined && accountId.test(account) ? account : undefined;
}

/**
 * Whether a permissions boundary leaves sts:AssumeRole out altogether: across accounts the boundary
 * caps the identity side, which must allow, so such a principal assumes no role of another account.
 */
function boundaryForbidsAssuming(boundary: PolicyDocument | undefined): boolean {
  const action = findAction(assumeRole);
  return boundary !== undefined && action !== undefined && !boundary.statements.some((statement) => isAllow(statement) && (statementActions(statement)?.has(action) ?? false));
}

function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const indexes = new WeakMap<AccessGraph, PublicRoles>();

function publicRoles(graph: AccessGraph): PublicRoles {
  let index = indexes.get(graph);
  if (index) return index;
  const g = graph.graph;
  const roles: string[] = [];
  if (g.hasNode(publicKey)) {
    g.forEachOutEdge(publicKey, (_edge, attributes, _source, target) => {
      if (attributes.kind === 'can-assume') roles.push(target);
    });
  }
  roles.sort(compare);
  const rolesOf = new Map<string, string[]>();
  for (const role of roles) append(rolesOf, g.getNodeAttribute(role, 'account'), role);

  const principalsOf = new Map<string, string[]>();
  const everywhere: string[] = [];
  const byAccount = new Map<string, Map<string, string[]>>();
  const anyAccount = new Map<string, string[]>();
  // Only worth indexing when there is a public role: otherwise nothing asks.
  if (roles.length > 0) {
    for (const principal of graph.principals.values()) {
      if (principal.kind === 'root') continue;
      append(principalsOf, principal.account, principal.key);
      if (boundaryForbidsAssuming(principal.set.policies.boundary)) continue;
      const patterns = graph.grantPatterns(principal, assumeRole);
      if (patterns === undefined) {
        everywhere.push(principal.key);
        continue;
      }
      for (const pattern of new Set(patterns)) {
        const account = namedAccount(pattern);
        if (account === undefined) append(anyAccount, pattern, principal.key);
        else {
          let patternsOfAccount = byAccount.get(account);
          if (!patternsOfAccount) byAccount.set(account, (patternsOfAccount = new Map<string, string[]>()));
          append(patternsOfAccount, pattern, principal.key);
        }
      }
    }
  }
  index = { roles, set: new Set(roles), rolesOf, principalsOf, everywhere, byAccount, anyAccount, patternsFor: new Map() };
  indexes.set(graph, index);
  return index;
}

/** The patterns of Allows of sts:AssumeRole that cover the role. */
function patternsFor(index: PublicRoles, role: string, account: string): readonly string[] {
  let found = index.patternsFor.get(role);
  if (!found) {
    const candidates = [...(index.byAccount.get(account)?.keys() ?? []), ...index.anyAccount.keys()];
    found = candidates.filter((pattern) => matchesResource(pattern, role));
    index.patternsFor.set(role, found);
  }
  return found;
}

function principalsWith(index: PublicRoles, pattern: string, account: string): readonly string[] {
  return index.byAccount.get(account)?.get(pattern) ?? index.anyAccount.get(pattern) ?? [];
}

/**
 * Whether a Deny of the principal's own policies (identity, boundary, SCPs) bears alike on its every
 * request to assume a role: it names every resource, and no condition of it looks at the resource.
 */
function bearsOnEveryRole(match: StatementMatch): boolean {
  const { statement } = match;
  if (match.principal !== undefined || !isDeny(statement) || !statement.resource?.items.some((item) => item.value === '*')) return false;
  const clauses = statement.condition?.clauses ?? [];
  return clauses.every((clause) => !/resource/i.test(clause.key.value) && clause.values.every(({ value }) => typeof value !== 'string' || !value.includes('${')));
}

/**
 * The best any request of the principal to assume a role can get, learnt from one such request: a
 * Deny that bears on every role and applies denies them all; one whose conditions are open lets
 * none be assumed for sure.
 */
type Ceiling = 'denied' | 'conditional';

function ceilingOf(evaluation: Evaluation): Ceiling | undefined {
  const denies = evaluation.deniedBy.filter(bearsOnEveryRole);
  if (denies.some((match) => match.applies === 'yes')) return 'denied';
  return denies.length > 0 ? 'conditional' : undefined;
}

const ceilings = new WeakMap<AccessGraph, Map<string, Ceiling>>();

function ceilingFor(graph: AccessGraph, principal: string): Ceiling | undefined {
  return ceilings.get(graph)?.get(principal);
}

const assumeSteps = new WeakMap<AccessGraph, Map<string, Step | null>>();

/** The principal's own request to assume the role, as a step (memoized per graph): undefined when denied. */
function assumeStep(graph: AccessGraph, principal: string, role: string): Step | undefined {
  let memo = assumeSteps.get(graph);
  if (!memo) {
    memo = new Map();
    assumeSteps.set(graph, memo);
  }
  const key = `${principal}\n${role}`;
  let step = memo.get(key);
  if (step === undefined) {
    const entry = graph.principal(principal);
    const evaluation = principal === role || !entry || entry.kind === 'root' ? undefined : graph.can(principal, assumeRole, role);
    const ceiling = evaluation && ceilingOf(evaluation);
    if (ceiling) {
      let known = ceilings.get(graph);
      if (!known) ceilings.set(graph, (known = new Map<string, Ceiling>()));
      known.set(principal, ceiling);
    }
    step = !evaluation || evaluation.decision === 'denied' ? null : { from: principal, to: role, kind: 'can-assume', status: evaluation.decision === 'allowed' ? 'unconditional' : 'conditional', actions: [assumeRole] };
    memo.set(key, step);
  }
  return step ?? undefined;
}

/** Forward: from an analysed user or role to the public roles it may assume, in key order. */
export function publicSuccessors(graph: AccessGraph): Expansion {
  return (node, reached) => {
    const index = publicRoles(graph);
    const entry = graph.principal(node);
    if (index.roles.length === 0 || !entry || entry.kind === 'root') return [];
    const roles = new Set(index.rolesOf.get(entry.account));
    const patterns = graph.grantPatterns(entry, assumeRole);
    if (patterns === undefined) for (const role of index.roles) roles.add(role);
    else {
      for (const pattern of patterns) {
        const account = namedAccount(pattern);
        for (const role of account === undefined ? index.roles : (index.rolesOf.get(account) ?? [])) if (matchesResource(pattern, role)) roles.add(role);
      }
    }
    return [...roles].sort(compare).flatMap((role) => (reached(role) ? [] : (assumeStep(graph, node, role) ?? [])));
  };
}

/**
 * Backward: to a public role, from every analysed user and role allowed to assume it, in key order.
 * One expansion serves one search: each list of candidates (an account's principals, those with a
 * pattern) keeps only those not yet reached for sure, so a principal is looked at again only while it
 * is still out of reach — and while some role may still let it in: one whose requests a Deny of its
 * own refuses (or, for a search of `sure` steps only, leaves open) is dropped.
 */
export function publicPredecessors(graph: AccessGraph, sure: boolean): Expansion {
  const pending = new Map<string, readonly string[]>();
  return (node, reached) => {
    const index = publicRoles(graph);
    if (!index.set.has(node)) return [];
    const account = graph.graph.getNodeAttribute(node, 'account') ?? '';
    const steps: Step[] = [];
    const considered = new Set<string>();
    /** Evaluates the list's principals not reached yet; keeps those this step does not reach for sure. */
    const walk = (listKey: string, initial: readonly string[], acrossOnly: boolean): void => {
      const kept: string[] = [];
      for (const principal of pending.get(listKey) ?? initial) {
        if (reached(principal)) continue;
        // A principal of the role's own account is its own account's candidate (the trust suffices).
        if (considered.has(principal) || (acrossOnly && graph.principal(principal)?.account === account)) {
          kept.push(principal);
          continue;
        }
        const ceiling = ceilingFor(graph, principal);
        if (ceiling === 'denied' || (sure && ceiling === 'conditional')) continue;
        considered.add(principal);
        const step = assumeStep(graph, principal, node);
        if (step) steps.push(step);
        if (step?.status !== 'unconditional') kept.push(principal);
      }
      pending.set(listKey, kept);
    };
    walk(`account\n${account}`, index.principalsOf.get(account) ?? [], false);
    walk('everywhere', index.everywhere, true);
    for (const pattern of patternsFor(index, node, account)) walk(`pattern\n${pattern}`, principalsWith(index, pattern, account), true);
    return steps.sort((a, b) => compare(a.from, b.from));
  };
}
