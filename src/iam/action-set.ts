import type { Statement, StringList } from '../model/policy.js';
import { catalogue, type ActionInfo } from './catalogue.js';
import { actionMatcher, hasWildcard, isEveryAction } from './wildcard.js';

/**
 * A set of catalogue actions as a bitset over the catalogue's action index. Patterns that name
 * actions the catalogue does not know are kept apart, as `unknown`. Only the words from the first
 * to the last that hold an action need be stored: a service's actions are numbered together, and
 * most sets are of a few services.
 */
export class ActionSet {
  constructor(
    /** Words `offset` on of the bitset; the words outside hold no action. */
    private readonly bits: Uint32Array,
    private readonly offset: number,
    /** Literal actions (no wildcard) that are not in the catalogue. */
    readonly unknown: readonly string[],
  ) {}

  has(action: ActionInfo): boolean {
    return this.hasIndex(action.index);
  }

  /** Whether the action numbered `index` (`ActionInfo.index`) is in the set, without looking the action up. */
  hasIndex(index: number): boolean {
    return (this.word(index >>> 5) & (1 << (index & 31))) !== 0;
  }

  /** Word `i` of the bitset: the actions numbered 32·i to 32·i + 31. */
  word(i: number): number {
    return this.bits[i - this.offset] ?? 0;
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

  /** The actions in the set, in catalogue order (only their services are parsed). */
  actions(): ActionInfo[] {
    const { actionAt } = catalogue();
    const found: ActionInfo[] = [];
    this.bits.forEach((word, w) => {
      for (let bit = 0; word !== 0 && bit < 32; bit++) {
        if ((word & (1 << bit)) === 0) continue;
        const action = actionAt((this.offset + w) * 32 + bit);
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

/**
 * The bits of the actions a pattern matches, and the words from `from` up to `to` that hold them
 * (`to` is 0 when it matches none): a service's actions are numbered together, so a pattern's bits are
 * usually a few words of the hundreds.
 */
interface MatchedBits {
  readonly bits: Uint32Array;
  readonly from: number;
  readonly to: number;
}

const patternCache = new Map<string, MatchedBits>();

function matchedBits(pattern: string): MatchedBits {
  const key = pattern.toLowerCase();
  let matched = patternCache.get(key);
  if (matched) return matched;
  let bits: Uint32Array;
  if (isEveryAction(key)) bits = allBits();
  else {
    bits = emptyBits();
    const match = actionMatcher(key);
    const { service } = catalogue();
    for (const prefix of candidateServices(key)) {
      for (const action of service(prefix)?.actions.values() ?? []) {
        if (match(action.id)) bits[action.index >>> 5] = (bits[action.index >>> 5] ?? 0) | (1 << (action.index & 31));
      }
    }
  }
  const from = bits.findIndex((word) => word !== 0);
  matched = from < 0 ? { bits, from: 0, to: 0 } : { bits, from, to: bits.findLastIndex((word) => word !== 0) + 1 };
  patternCache.set(key, matched);
  return matched;
}

/** The bits of the catalogue actions one pattern matches; each distinct pattern is computed once. */
export function patternBits(pattern: string): Uint32Array {
  return matchedBits(pattern).bits;
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
  const matched = patterns.map(matchedBits);
  const unknown = patterns.filter((pattern, i) => matched[i]?.to === 0 && !hasWildcard(pattern));
  const [only] = matched;
  // Sets are read, never changed: a one-pattern list shares its pattern's bits.
  if (matched.length === 1 && only !== undefined) set = new ActionSet(only.bits, 0, unknown);
  else {
    const used = matched.filter(({ to }) => to > 0);
    const offset = used.length === 0 ? 0 : Math.min(...used.map(({ from }) => from));
    const bits = new Uint32Array(Math.max(offset, ...used.map(({ to }) => to)) - offset);
    for (const { bits: words, from, to } of used) {
      for (let i = from; i < to; i++) bits[i - offset] = (bits[i - offset] ?? 0) | (words[i] ?? 0);
    }
    set = new ActionSet(bits, offset, unknown);
  }
  listCache.set(key, set);
  return set;
}

const complements = new WeakMap<ActionSet, ActionSet>();

/** Every catalogue action not in `set` (what a NotAction list allows). */
export function complement(set: ActionSet): ActionSet {
  let inverted = complements.get(set);
  if (inverted) return inverted;
  const bits = allBits();
  for (let i = 0; i < bits.length; i++) bits[i] = (bits[i] ?? 0) & ~set.word(i);
  inverted = new ActionSet(bits, 0, []);
  complements.set(set, inverted);
  return inverted;
}

function values(list: StringList): string[] {
  return list.items.map((item) => item.value);
}

/** Per statement, computed once for all the rules that ask; `null` records that there is none. */
const statementCache = new WeakMap<Statement, ActionSet | null>();

/**
 * The catalogue actions a statement applies to: its Action patterns, or everything its NotAction
 * patterns leave out. Undefined when it has neither.
 */
export function statementActions(statement: Statement): ActionSet | undefined {
  let set = statementCache.get(statement);
  if (set === undefined) {
    if (statement.action) set = patternSet(values(statement.action));
    else if (statement.notAction) set = complement(patternSet(values(statement.notAction)));
    else set = null;
    statementCache.set(statement, set);
  }
  return set ?? undefined;
}

/** Per statement, computed once for all the rules that ask. */
const explicitCache = new WeakMap<Statement, ActionSet>();

/**
 * The actions a statement grants by name or pattern in Action, leaving out every-action patterns
 * (`*` is full-admin's finding) — what the "dangerous actions on every resource" rules look at.
 */
export function explicitActions(statement: Statement): ActionSet | undefined {
  if (!statement.action) return undefined;
  const cached = explicitCache.get(statement);
  if (cached) return cached;
  // Usually nothing is left out: then it is the statement's own set, which other rules ask for too.
  const set = statement.action.items.some((item) => isEveryAction(item.value))
    ? patternSet(values(statement.action).filter((pattern) => !isEveryAction(pattern)))
    : statementActions(statement);
  if (set) explicitCache.set(statement, set);
  return set;
}
