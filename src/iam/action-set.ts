import type { Statement, StringList } from '../model/policy.js';
import { catalogue, type ActionInfo } from './catalogue.js';
import { actionMatcher, hasWildcard, isEveryAction } from './wildcard.js';

/**
 * A set of catalogue actions as a bitset over the catalogue's action index. Patterns that name
 * actions the catalogue does not know are kept apart, as `unknown`.
 */
export class ActionSet {
  constructor(
    private readonly bits: Uint32Array,
    /** Literal actions (no wildcard) that are not in the catalogue. */
    readonly unknown: readonly string[],
  ) {}

  has(action: ActionInfo): boolean {
    return ((this.bits[action.index >>> 5] ?? 0) & (1 << (action.index & 31))) !== 0;
  }

  get size(): number {
    let count = 0;
    for (const word of this.bits) {
      let w = word;
      while (w !== 0) {
        w &= w - 1;
        count++;
      }
    }
    return count;
  }

  /** Sets are cached and shared, so their emptiness is worked out once. */
  private empty: boolean | undefined;

  isEmpty(): boolean {
    this.empty ??= this.bits.every((word) => word === 0);
    return this.empty;
  }

  /** The bitset itself (read it, do not change it). */
  get words(): Readonly<Uint32Array> {
    return this.bits;
  }

  /** The actions in the set, in catalogue order (only their services are parsed). */
  actions(): ActionInfo[] {
    const { actionAt } = catalogue();
    const found: ActionInfo[] = [];
    this.bits.forEach((word, w) => {
      for (let bit = 0; word !== 0 && bit < 32; bit++) {
        if ((word & (1 << bit)) === 0) continue;
        const action = actionAt(w * 32 + bit);
        if (action) found.push(action);
      }
    });
    return found;
  }
}

function emptyBits(): Uint32Array {
  return new Uint32Array((catalogue().actionCount + 31) >>> 5);
}

/** The bits of every action, without touching the actions themselves. */
function allBits(): Uint32Array {
  const count = catalogue().actionCount;
  const bits = emptyBits().fill(0xffffffff);
  const spare = bits.length * 32 - count;
  if (spare > 0) bits[bits.length - 1] = 0xffffffff >>> spare;
  return bits;
}

const patternCache = new Map<string, Uint32Array>();

/** The bits of the catalogue actions one pattern matches; each distinct pattern is computed once. */
export function patternBits(pattern: string): Uint32Array {
  const key = pattern.toLowerCase();
  let bits = patternCache.get(key);
  if (bits) return bits;
  if (isEveryAction(key)) {
    bits = allBits();
    patternCache.set(key, bits);
    return bits;
  }
  bits = emptyBits();
  const match = actionMatcher(key);
  const { service } = catalogue();
  for (const prefix of candidateServices(key)) {
    for (const action of service(prefix)?.actions.values() ?? []) {
      if (match(action.id)) bits[action.index >>> 5] = (bits[action.index >>> 5] ?? 0) | (1 << (action.index & 31));
    }
  }
  patternCache.set(key, bits);
  return bits;
}

/**
 * The services whose actions a (lowercased) pattern can match, so that only those are scanned.
 * Action names hold no colon, so a colon with no `*` before it separates the service part (where
 * `?` is one character). Otherwise a wildcard stands for the colon (`i*DeleteUserPolicy`,
 * `ds?RegisterEventTopic`), and the service starts with the text before the first wildcard.
 */
function candidateServices(pattern: string): readonly string[] {
  const { prefixes } = catalogue();
  const colon = pattern.indexOf(':');
  if (colon >= 0 && !pattern.slice(0, colon).includes('*')) {
    const servicePart = pattern.slice(0, colon);
    return hasWildcard(servicePart) ? prefixes.filter((prefix) => actionMatcher(servicePart)(prefix)) : [servicePart];
  }
  const wildcard = pattern.search(/[*?]/);
  if (wildcard < 0) return [];
  const head = actionMatcher(`${pattern.slice(0, wildcard)}*`);
  return prefixes.filter((prefix) => head(prefix));
}

const listCache = new Map<string, ActionSet>();

/** The actions a list of patterns matches (cached per distinct list). */
export function patternSet(patterns: readonly string[]): ActionSet {
  const key = patterns.join('\u0000').toLowerCase();
  let set = listCache.get(key);
  if (set) return set;
  const bits = emptyBits();
  const unknown: string[] = [];
  for (const pattern of patterns) {
    const matched = patternBits(pattern);
    let any = false;
    for (let i = 0; i < bits.length; i++) {
      const word = matched[i] ?? 0;
      if (word !== 0) any = true;
      bits[i] = (bits[i] ?? 0) | word;
    }
    if (!any && !hasWildcard(pattern)) unknown.push(pattern);
  }
  set = new ActionSet(bits, unknown);
  listCache.set(key, set);
  return set;
}

const complements = new WeakMap<ActionSet, ActionSet>();

/** Every catalogue action not in `set` (what a NotAction list allows). */
export function complement(set: ActionSet): ActionSet {
  let inverted = complements.get(set);
  if (inverted) return inverted;
  const bits = allBits();
  const own = set.words;
  for (let i = 0; i < bits.length; i++) bits[i] = (bits[i] ?? 0) & ~(own[i] ?? 0);
  inverted = new ActionSet(bits, []);
  complements.set(set, inverted);
  return inverted;
}

function values(list: StringList): string[] {
  return list.items.map((item) => item.value);
}

/** Per statement, computed once for all the rules that ask. */
const statementCache = new WeakMap<Statement, ActionSet | undefined>();

/**
 * The catalogue actions a statement applies to: its Action patterns, or everything its NotAction
 * patterns leave out. Undefined when it has neither.
 */
export function statementActions(statement: Statement): ActionSet | undefined {
  if (statementCache.has(statement)) return statementCache.get(statement);
  let set: ActionSet | undefined;
  if (statement.action) set = patternSet(values(statement.action));
  else if (statement.notAction) set = complement(patternSet(values(statement.notAction)));
  statementCache.set(statement, set);
  return set;
}

/** Per statement, computed once for all the rules that ask. */
const explicitCache = new WeakMap<Statement, ActionSet | undefined>();

/**
 * The actions a statement grants by name or pattern in Action, leaving out every-action patterns
 * (`*` is full-admin's finding) — what the "dangerous actions on every resource" rules look at.
 */
export function explicitActions(statement: Statement): ActionSet | undefined {
  if (!statement.action) return undefined;
  if (explicitCache.has(statement)) return explicitCache.get(statement);
  const set = patternSet(values(statement.action).filter((pattern) => !isEveryAction(pattern)));
  explicitCache.set(statement, set);
  return set;
}
