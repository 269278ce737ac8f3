import type { MultiDirectedGraph } from 'graphology';
import type { Evaluation } from '../eval/types.js';
import { findAction } from '../iam/catalogue.js';
import type { TrustSettings } from '../iam/principals.js';
import { subjectOf, type Named } from './actors.js';
import type { BuildContext } from './context.js';
import type { Subject, Target } from './evaluator.js';
import type { AccountModel, GroupEntry, PrincipalEntry } from './principals-policies.js';
import type { ResourceEntry } from './resources.js';
import type { EdgeAttributes, NodeAttributes } from './types.js';

/** A query about something the graph does not know (an unknown principal, action or node): the CLI says so and exits 2. */
export class QueryError extends Error {
  override name = 'QueryError';
}

/** What `buildGraph` measured: for the bench and `--debug`. */
export interface BuildStats {
  readonly nodes: number;
  readonly edges: number;
  /** Requests evaluated, and answered from the cache of requests that cannot differ between principals with the same policies. */
  readonly evaluated: number;
  readonly shared: number;
  readonly milliseconds: number;
}

/**
 * The access graph of some accounts: the graphology graph (nodes and edges as src/graph/types.ts
 * describes them), and what queries and graph rules need besides — each analysed principal with its
 * policies as the evaluator takes them, the resources with policies, and `can`, which evaluates any
 * request for a principal.
 */
export class AccessGraph {
  constructor(
    readonly graph: MultiDirectedGraph<NodeAttributes, EdgeAttributes>,
    readonly now: Date,
    readonly trust: TrustSettings,
    private readonly context: BuildContext,
    readonly stats: BuildStats,
  ) {}

  /** The analysed accounts (those with authorization details), by id. */
  get accounts(): ReadonlyMap<string, AccountModel> {
    return this.context.index.accounts;
  }

  /** Every user, role and root user of the analysed accounts, by ARN, in key order. */
  get principals(): ReadonlyMap<string, PrincipalEntry> {
    return this.context.index.principals;
  }

  get groups(): ReadonlyMap<string, GroupEntry> {
    return this.context.index.groups;
  }

  /** Resources that have a policy in the exports, by ARN. */
  get resources(): ReadonlyMap<string, ResourceEntry> {
    return this.context.resources.byKey;
  }

  /**
   * Managed policies that principals hold (or have as a boundary) but the exports do not contain,
   * as `user/dev: arn:aws:iam::aws:policy/PowerUserAccess`: their permissions are not counted.
   */
  get unresolved(): readonly string[] {
    return this.context.index.unresolved;
  }

  principal(key: string): PrincipalEntry | undefined {
    return this.context.index.principals.get(key);
  }

  /** What decides a request for `action` on `resource`: a trust policy, a resource policy, or none (with the RCPs of the resource's account). */
  target(resource: string, action: string): Target {
    return this.context.resources.target(resource, action);
  }

  /** Evaluates a request of an analysed principal with the graph's context (TLS, `now`). Throws QueryError for an unknown principal. */
  can(principalKey: string, action: string, resource: string): Evaluation {
    const principal = this.principal(principalKey);
    if (!principal) throw new QueryError(`no principal '${principalKey}' in the analysed accounts`);
    return this.evaluate(subjectOf(principal), action, this.target(resource, action));
  }

  /** Evaluates a request of any subject (see `subjectsNamedBy`), through the graph's cache. */
  evaluate(subject: Subject, action: string, target: Target): Evaluation {
    return this.context.evaluator.evaluate(subject, action, target);
  }

  /**
   * Who a trust or resource policy names, as `actors.ts` reads it: analysed principals, analysed
   * accounts, everyone, and other nodes (external accounts, services, providers, the public) with
   * the subjects that stand for them.
   */
  namedBy(target: Target): Named[] {
    const policy = target.policies.policy;
    return policy ? this.context.actors.namedBy(policy, target.account) : [];
  }

  /** Whether an identity Allow of the principal may grant the action on the resource: false means only a resource policy can let it. */
  mayAllow(principal: PrincipalEntry, action: string, resource: string): boolean {
    return this.context.statements.mayAllow(principal.set, findAction(action), resource);
  }

  /**
   * The Resource patterns (policy variables widened to `*`) of the principal's identity Allows that
   * may grant the action; undefined when one of them has no Resource element (it may cover anything)
   * or the action is not in the catalogue.
   */
  grantPatterns(principal: PrincipalEntry, action: string): readonly string[] | undefined {
    const info = findAction(action);
    if (!info) return undefined;
    const patterns: string[] = [];
    for (const grant of this.context.statements.grantsOf(principal.set, info)) {
      if (grant.resources === undefined) return undefined;
      patterns.push(...grant.resources);
    }
    return patterns;
  }

  /** Whether some identity Allow of the principal may grant the action at all, on some resource. */
  mayGrant(principal: PrincipalEntry, action: string): boolean {
    return this.context.statements.mayGrant(principal.set, findAction(action));
  }

  /** The subject that stands for the public. */
  get publicSubject(): Subject {
    return this.context.actors.publicSubject;
  }
}
