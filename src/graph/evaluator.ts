import { evaluate } from '../eval/evaluate.js';
import type { Evaluation, RequestContext, RequestPrincipal, ResourcePolicies } from '../eval/types.js';
import { statementActions } from '../iam/action-set.js';
import { findAction } from '../iam/catalogue.js';
import { classifyAwsPrincipal } from '../iam/principals.js';
import { matchesResource } from '../iam/wildcard.js';
import type { Statement } from '../model/policy.js';
import { dependsOnPrincipal, documentId, namedArns, statementDependsOnPrincipal, statementId } from './documents.js';
import type { PolicySet } from './principals-policies.js';

// Every decision the graph makes goes through `evaluate`, on a concrete request. This wrapper adds
// the graph's default context and shares answers between requests that cannot differ. A request is
// decided by the statements whose actions include its action (no other statement applies), by who
// the principal is — its kind and account, unless one of those statements or the resource policy
// looks closer (a condition on its ARN or tags, a policy variable, a Principal naming it) — and by
// the resource: without a resource policy, only through which of those statements' Resource
// elements cover it. So principals whose policies differ only in statements about other actions
// share an answer, and so do resources that the same statements cover.

/** Who makes a request: an analysed principal, or a representative of an external account, the public, a service, a provider. */
export interface Subject {
  /** The node it stands for. */
  readonly node: string;
  readonly request: RequestPrincipal;
  readonly set: PolicySet;
}

/** The resource side of a request. */
export interface Target {
  readonly resource: string;
  readonly account: string | undefined;
  readonly policies: ResourcePolicies;
}

/** Extra context keys (lower case) with their values, e.g. `iam:passedtoservice`. */
export type ExtraContext = Readonly<Record<string, string>>;

const noExtra: ExtraContext = {};

/** The statements of a principal's side that bear on one action, and what they make of it. */
interface Relevant {
  /** Identifies the statements (and whether there is a boundary): equal keys, equal statements. */
  readonly key: string;
  readonly statements: readonly Statement[];
  /** Some of them look at who the principal is: answers are the principal's own. */
  readonly dependent: boolean;
}

interface Side {
  readonly key: string;
  readonly dependent: boolean;
  readonly named: ReadonlySet<string>;
  /** `account/role-name` of the roles whose sessions the policy names (`assumed-role/name/session`). */
  readonly sessionsOf: ReadonlySet<string>;
  readonly rcpStatements: readonly Statement[];
}

export class GraphEvaluator {
  private readonly cache = new Map<string, Evaluation>();
  private readonly contexts = new Map<string, RequestContext>();
  private readonly relevantCache = new Map<string, Relevant>();
  /** Short names for the lists of relevant statements. */
  private readonly relevantIds = new Map<string, number>();
  /** Actions as the catalogue spells them, by how they were asked for. */
  private readonly actionIds = new Map<string, string>();
  private readonly sides = new WeakMap<ResourcePolicies, Side>();
  /** Requests evaluated, and answered from the cache: for the bench. */
  evaluated = 0;
  shared = 0;

  constructor(readonly now: Date) {}

  /**
   * The graph's context: the caller uses TLS (`aws:SecureTransport` is true — a policy requiring it
   * is satisfiable), `now` for dates; every other key unknown, unless `extra` gives it.
   */
  context(extra: ExtraContext = noExtra): RequestContext {
    const entries = Object.entries(extra).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const key = entries.map(([k, v]) => `${k}=${v}`).join('&');
    let context = this.contexts.get(key);
    if (!context) {
      const values = new Map<string, readonly string[]>([['aws:securetransport', ['true']]]);
      for (const [k, v] of entries) values.set(k, [v]);
      context = { values, now: this.now };
      this.contexts.set(key, context);
    }
    return context;
  }

  private side(policies: ResourcePolicies): Side {
    let found = this.sides.get(policies);
    if (!found) {
      const rcps = (policies.rcps ?? []).flat();
      const policy = policies.policy;
      found = {
        key: `${policies.kind}:${policy ? documentId(policy) : ''}:${rcps.map(documentId).join(',')}`,
        dependent: (policy !== undefined && dependsOnPrincipal(policy)) || rcps.some(dependsOnPrincipal),
        named: policy ? namedArns(policy) : new Set(),
        sessionsOf: new Set(
          [...(policy ? namedArns(policy) : [])].flatMap((value) => {
            const named = classifyAwsPrincipal(value);
            return named.kind === 'assumed-role' ? [`${named.account ?? ''}/${(named.name ?? '').split('/')[0] ?? ''}`] : [];
          }),
        ),
        rcpStatements: rcps.flatMap((document) => document.statements),
      };
      this.sides.set(policies, found);
    }
    return found;
  }

  /** The statements of the set (identity, boundary, SCPs) whose actions include `action`. */
  private relevant(set: PolicySet, action: string): Relevant {
    const cacheKey = `${set.id}|${action}`;
    let found = this.relevantCache.get(cacheKey);
    if (!found) {
      const info = findAction(action);
      const { identity, boundary, scps } = set.policies;
      const documents = [...identity, ...(boundary ? [boundary] : []), ...(scps ?? []).flat()];
      const statements = documents.flatMap((document) => document.statements.filter((statement) => !info || (statementActions(statement)?.has(info) ?? false)));
      // The identity side counts as empty or not, and a boundary changes how a resource policy's NotPrincipal applies.
      const long = `${identity.length > 0 ? 'i' : '-'}${boundary ? 'b' : '-'}${(scps ?? []).map((level) => level.map(documentId).join('+')).join('/')}:${statements.map(statementId).join(',')}`;
      let id = this.relevantIds.get(long);
      if (id === undefined) {
        id = this.relevantIds.size + 1;
        this.relevantIds.set(long, id);
      }
      found = { key: String(id), statements, dependent: statements.some(statementDependsOnPrincipal) };
      this.relevantCache.set(cacheKey, found);
    }
    return found;
  }

  /** Which of the statements' Resource (or NotResource) elements cover the resource, as bits; undefined when a policy variable makes that depend on the request. */
  private static signature(statements: readonly Statement[], resource: string): string | undefined {
    let bits = '';
    for (const statement of statements) {
      const list = statement.resource ?? statement.notResource;
      if (!list) continue;
      let matched = false;
      for (const { value } of list.items) {
        if (value.includes('${')) return undefined;
        if (matchesResource(value, resource)) {
          matched = true;
          break;
        }
      }
      bits += matched === (statement.resource !== undefined) ? '1' : '0';
    }
    return bits;
  }

  /** Whether the resource policy names the principal itself: by its ARN, or one of its sessions. */
  private static names(side: Side, request: RequestPrincipal): boolean {
    if (side.named.has(request.arn) || (request.sessionArn !== undefined && side.named.has(request.sessionArn))) return true;
    if (request.kind !== 'role' || side.sessionsOf.size === 0) return false;
    return side.sessionsOf.has(`${request.account ?? ''}/${request.arn.slice(request.arn.lastIndexOf('/') + 1)}`);
  }

  /** What answers may differ by, for principals whose relevant statements do not look at who they are. */
  private static who(request: RequestPrincipal): string {
    return `${request.kind}:${request.account ?? ''}:${request.serviceLinked === true ? 'slr' : ''}:${request.kind === 'service' || request.kind === 'federated' ? request.arn : ''}`;
  }

  private readonly lists = new Map<string, readonly (readonly [string, Evaluation])[]>();

  /**
   * The request on each of `resources` (IAM entities, roles to pass: resources without a resource
   * policy are grouped by which statements cover them), with the evaluations that are not denied,
   * in order. `list` names the list of resources: subjects
   * whose statements about the action are the same share the answer, which spares a principal that
   * may do nothing to the thousands of users of an account as many lookups as there are users.
   */
  allowedOn(subject: Subject, action: string, resources: readonly string[], list: string, targetOf: (resource: string) => Target, extra: ExtraContext = noExtra): readonly (readonly [string, Evaluation])[] {
    const relevant = this.relevant(subject.set, this.actionId(action));
    const who = relevant.dependent ? `@${subject.request.arn}` : GraphEvaluator.who(subject.request);
    const extraKey = extra === noExtra ? '' : Object.entries(extra).map(([k, v]) => `${k}=${v}`).sort().join('&');
    const key = `${relevant.key}|${who}|${this.actionId(action)}|${list}|${extraKey}`;
    let found = this.lists.get(key);
    if (!found) {
      const allowed: (readonly [string, Evaluation])[] = [];
      // Resources the same statements cover get the same answer: one evaluation per kind of resource.
      const byCoverage = new Map<string, Evaluation>();
      for (const resource of resources) {
        const target = targetOf(resource);
        const rcps = this.side(target.policies).rcpStatements;
        const own = target.policies.policy ? undefined : GraphEvaluator.signature(relevant.statements, resource);
        const rcp = rcps.length > 0 ? GraphEvaluator.signature(rcps, resource) : '';
        const coverage = own === undefined || rcp === undefined ? undefined : `${own}/${rcp}|${target.account ?? ''}`;
        let evaluation = coverage === undefined ? undefined : byCoverage.get(coverage);
        if (!evaluation) {
          evaluation = this.evaluate(subject, action, target, extra);
          if (coverage !== undefined) byCoverage.set(coverage, evaluation);
        }
        if (evaluation.decision !== 'denied') allowed.push([resource, evaluation]);
      }
      found = allowed;
      this.lists.set(key, found);
    }
    return found;
  }

  private actionId(action: string): string {
    let id = this.actionIds.get(action);
    if (id === undefined) {
      id = findAction(action)?.id ?? action;
      this.actionIds.set(action, id);
    }
    return id;
  }

  evaluate(subject: Subject, action: string, target: Target, extra: ExtraContext = noExtra): Evaluation {
    const { request, set } = subject;
    const side = this.side(target.policies);
    const actionId = this.actionId(action);
    const relevant = this.relevant(set, actionId);
    const extraKey = extra === noExtra ? '' : Object.entries(extra).map(([k, v]) => `${k}=${v}`).sort().join('&');
    let key: string | undefined;
    if (!target.policies.policy) {
      const rcp = side.rcpStatements.length > 0 ? GraphEvaluator.signature(side.rcpStatements, target.resource) : '';
      const own = GraphEvaluator.signature(relevant.statements, target.resource);
      const where = own === undefined || rcp === undefined ? target.resource : `${own}/${rcp}`;
      const who = relevant.dependent || side.dependent ? `@${request.arn}` : GraphEvaluator.who(request);
      key = `${relevant.key}|${who}|${actionId}|${where}|${target.account ?? ''}|${side.key}|${extraKey}`;
    } else if (!relevant.dependent && !side.dependent && !GraphEvaluator.names(side, request)) {
      key = `${relevant.key}|${GraphEvaluator.who(request)}|${actionId}|${target.resource}|${target.account ?? ''}|${side.key}|${extraKey}`;
    }
    if (key !== undefined) {
      const cached = this.cache.get(key);
      if (cached) {
        this.shared++;
        return cached;
      }
    }
    this.evaluated++;
    const evaluation = evaluate({ principal: request, action: actionId, resource: target.resource, resourceAccount: target.account, context: this.context(extra) }, set.policies, target.policies);
    if (key !== undefined) this.cache.set(key, evaluation);
    return evaluation;
  }
}
