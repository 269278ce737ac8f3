import { policyKinds, type Located } from '../../src/model/policy.js';
import { defineRule } from '../../src/engine/rule.js';
import { patternBits } from '../../src/iam/action-set.js';
import { hasWildcard, matchesAction } from '../../src/iam/wildcard.js';

/** An Action or NotAction entry, with what `covers` asks about it worked out once. */
interface Entry {
  readonly item: Located<string>;
  /** Lowercased: action names are case-insensitive, so the entry's identity. */
  readonly key: string;
  readonly wildcard: boolean;
  /** For a wildcard entry, its literal service prefix (`s3` of `s3:Get*`), if it has one. */
  readonly service: string | undefined;
}

/** The literal service prefix of a lowercased pattern, if it has one. */
function literalService(key: string): string | undefined {
  const colon = key.indexOf(':');
  const service = colon < 0 ? undefined : key.slice(0, colon);
  return service === undefined || hasWildcard(service) ? undefined : service;
}

function entryOf(item: Located<string>): Entry {
  const key = item.value.toLowerCase();
  const wildcard = hasWildcard(key);
  return { item, key, wildcard, service: wildcard ? literalService(key) : undefined };
}

/** Pairs of wildcard patterns already compared (outer, then inner, lowercased): the same pairs recur across policies. */
const coverage = new Map<string, Map<string, boolean>>();

/** True when every action `inner` matches, `outer` matches too (and `inner` matches something). */
function covers(outer: Entry, inner: Entry): boolean {
  if (!outer.wildcard) return false;
  if (!inner.wildcard) return matchesAction(outer.key, inner.key);
  if (outer.service !== undefined && inner.service !== undefined && outer.service !== inner.service) return false;
  let answers = coverage.get(outer.key);
  if (!answers) {
    answers = new Map();
    coverage.set(outer.key, answers);
  }
  let answer = answers.get(inner.key);
  if (answer === undefined) {
    answer = bitsCover(outer.key, inner.key);
    answers.set(inner.key, answer);
  }
  return answer;
}

function bitsCover(outer: string, inner: string): boolean {
  const innerBits = patternBits(inner);
  const outerBits = patternBits(outer);
  let any = false;
  for (let i = 0; i < innerBits.length; i++) {
    const word = innerBits[i] ?? 0;
    if (word === 0) continue;
    any = true;
    if ((word & ~(outerBits[i] ?? 0)) !== 0) return false;
  }
  return any;
}

export default defineRule({
  id: 'redundant-action',
  meta: {
    category: 'correctness',
    severity: 'info',
    recommended: true,
    inputs: ['policy'],
    kinds: policyKinds,
    description: 'An action list should not repeat an action or list one that a wildcard in the same list already covers.',
    sources: [{ tool: 'access-analyzer', id: 'REDUNDANT_ACTION' }],
  },
  messages: {
    duplicate: '{action} is listed twice in {element}; remove one.',
    covered: '{action} is already covered by {pattern} in the same {element}; remove it.',
  },
  check: {
    statement(context, statement) {
      for (const list of [statement.action, statement.notAction]) {
        if (!list || list.items.length < 2) continue;
        const entries = list.items.map(entryOf);
        // Only a wildcard pattern can cover another entry.
        const wildcards = entries.filter((entry) => entry.wildcard);
        const seen = new Set<string>();
        entries.forEach((entry, index) => {
          const { item } = entry;
          if (seen.has(entry.key)) {
            context.report({ messageId: 'duplicate', at: item.span, data: { action: item.value, element: list.element } });
            return;
          }
          seen.add(entry.key);
          // Two patterns that cover each other (equal sets): only the later one is reported.
          const cover = wildcards.find(
            (other) => other !== entry && other.key !== entry.key && covers(other, entry) && (!covers(entry, other) || entries.indexOf(other) < index),
          );
          if (cover) context.report({ messageId: 'covered', at: item.span, data: { action: item.value, pattern: cover.item.value, element: list.element } });
        });
      }
    },
  },
});
