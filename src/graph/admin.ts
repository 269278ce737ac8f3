import type { Evaluation } from '../eval/types.js';
import { statementActions, type ActionSet } from '../iam/action-set.js';
import { catalogue } from '../iam/catalogue.js';
import { matchesResource } from '../iam/wildcard.js';
import { isAllow, type PolicyDocument, type Statement } from '../model/policy.js';
import type { GraphEvaluator, Subject, Target } from './evaluator.js';
import { statusOf, worst } from './evidence.js';
import type { PolicySet } from './principals-policies.js';
import { probeName } from './statements.js';
import type { EdgeStatus } from './types.js';

/*
 * Administrator-equivalence, first half (PMapper's definition; the self-granting techniques are the
 * second half, in escalation.ts): the principal may call every action on every resource.
 *
 * Every action is tested without evaluating seventeen thousand requests. The catalogue's actions are
 * split into classes that no statement tells apart — each statement of the principal's identity
 * policies, boundary and SCPs that bears on a resource-wildcard request either holds all of a
 * class's actions or none — so one request per class, evaluated, decides for the whole class. Before
 * that, a cheaper test with the action bitsets: the Allows of each layer (identity, boundary, each
 * SCP level) that bear on such a request must together cover every action, or no class can pass.
 */

/** What an every-action test found: no (undefined), or with what status, and the evaluations behind it. */
export interface EveryAction {
  readonly status: EdgeStatus;
  readonly evaluations: readonly Evaluation[];
}

/** A resource that every resource wildcard (`*`, `arn:*`, `arn:aws:*:*:*:*`) matches and nothing narrower does. */
export function everyResourceProbe(partition: string, account: string): string {
  return `arn:${partition}:iamlint:us-east-1:${account}:${probeName}`;
}

/** Whether the statement bears on a request on `resource`, resources alone considered (policy variables may match). */
function onResource(statement: Statement, resource: string): boolean {
  const matches = (pattern: string): boolean => pattern.includes('${') || matchesResource(pattern, resource);
  if (statement.resource) return statement.resource.items.some((item) => matches(item.value));
  if (statement.notResource) return !statement.notResource.items.some((item) => !item.value.includes('${') && matchesResource(item.value, resource));
  return true;
}

function wordCount(): number {
  return (catalogue().actionCount + 31) >>> 5;
}

/** Word `i` of the set of every action. */
function fullWord(i: number): number {
  const count = catalogue().actionCount;
  const last = (count + 31) >>> 5;
  if (i < last - 1) return 0xffffffff;
  const spare = last * 32 - count;
  return spare === 0 ? 0xffffffff : 0xffffffff >>> spare;
}

/** Whether the Allows among `sets` cover every catalogue action, word by word (most layers fail on an early word). */
function coversEverything(sets: readonly ActionSet[]): boolean {
  const words = wordCount();
  for (let i = 0; i < words; i++) {
    let word = 0;
    for (const set of sets) word |= set.word(i);
    if (word >>> 0 !== fullWord(i)) return false;
  }
  return true;
}

/** The action sets of the Allow statements of `documents` that bear on `resource`. */
function allowSets(documents: readonly PolicyDocument[], resource: string): ActionSet[] {
  const sets: ActionSet[] = [];
  for (const document of documents) {
    for (const statement of document.statements) {
      if (!isAllow(statement) || !onResource(statement, resource)) continue;
      const set = statementActions(statement);
      if (set) sets.push(set);
    }
  }
  return sets;
}

/**
 * One action of each class of actions that the statements of `documents` bearing on `resource`
 * cannot tell apart: the coarsest partition of the catalogue that each statement's action set is a
 * union of parts of.
 */
function representatives(documents: readonly PolicyDocument[], resource: string): string[] {
  const words = wordCount();
  let classes: Uint32Array[] = [Uint32Array.from({ length: words }, (_, i) => fullWord(i))];
  const seen = new Set<ActionSet>();
  for (const document of documents) {
    for (const statement of document.statements) {
      if (!onResource(statement, resource)) continue;
      const set = statementActions(statement);
      if (!set || seen.has(set)) continue;
      seen.add(set);
      const next: Uint32Array[] = [];
      for (const part of classes) {
        const inside = new Uint32Array(words);
        const outside = new Uint32Array(words);
        let anyInside = 0;
        let anyOutside = 0;
        for (let i = 0; i < words; i++) {
          const word = part[i] ?? 0;
          const bits = set.word(i);
          inside[i] = word & bits;
          outside[i] = word & ~bits;
          anyInside |= inside[i] ?? 0;
          anyOutside |= outside[i] ?? 0;
        }
        if (anyInside !== 0) next.push(inside);
        if (anyOutside !== 0) next.push(outside);
      }
      classes = next;
    }
  }
  const { actionAt } = catalogue();
  return classes.flatMap((part) => {
    const i = part.findIndex((word) => word !== 0);
    if (i < 0) return [];
    const word = part[i] ?? 0;
    const bit = 31 - Math.clz32(word & -word);
    const action = actionAt(i * 32 + bit);
    return action ? [action.id] : [];
  });
}

export class AdminTest {
  /** Per policy set and resource: the representatives, or null when some layer cannot cover every action. */
  private readonly classes = new Map<string, readonly string[] | null>();

  constructor(private readonly evaluator: GraphEvaluator) {}

  private classesOf(set: PolicySet, applies: { boundary: boolean; scps: boolean; identity: boolean }, resource: string): readonly string[] | null {
    const key = `${set.id}|${String(applies.identity)}${String(applies.boundary)}${String(applies.scps)}|${resource}`;
    let found = this.classes.get(key);
    if (found !== undefined) return found;
    const { identity, boundary, scps } = set.policies;
    const layers: (readonly PolicyDocument[])[] = [];
    if (applies.identity) layers.push(identity);
    if (applies.boundary && boundary) layers.push([boundary]);
    if (applies.scps) for (const level of scps ?? []) if (level.length > 0) layers.push(level);
    const covered = layers.every((documents) => coversEverything(allowSets(documents, resource)));
    found = covered ? representatives([...identity, ...(boundary && applies.boundary ? [boundary] : []), ...(applies.scps ? (scps ?? []).flat() : [])], resource) : null;
    this.classes.set(key, found);
    return found;
  }

  /**
   * Whether the subject may call every action on every resource of its account: undefined if not,
   * else `unconditional` or `conditional`. What SCPs deny is left out of "every": they bound every
   * principal of the account alike, its root user included, who always passes.
   */
  everyAction(subject: Subject, target: Target): EveryAction | undefined {
    const { request, set } = subject;
    if (request.kind === 'root') return { status: 'unconditional', evaluations: [] };
    if (request.kind !== 'user' && request.kind !== 'role') return undefined;
    const applies = { identity: true, boundary: true, scps: request.serviceLinked !== true };
    const actions = this.classesOf(set, applies, target.resource);
    if (!actions) return undefined;
    const evaluations: Evaluation[] = [];
    let status: EdgeStatus = 'unconditional';
    for (const action of actions) {
      const evaluation = this.evaluator.evaluate(subject, action, target);
      if (evaluation.decision === 'denied') {
        // What the SCPs deny, they deny every principal of the account: an administrator is one that may do all the rest.
        if (evaluation.reason === 'scp') continue;
        return undefined;
      }
      status = worst(status, statusOf(evaluation));
      evaluations.push(evaluation);
    }
    return evaluations.length > 0 ? { status, evaluations } : undefined;
  }
}
