import { policyKinds } from '../../src/model/policy.js';
import { defineRule } from '../../src/engine/rule.js';
import { patternBits } from '../../src/iam/action-set.js';
import { hasWildcard, matchesAction } from '../../src/iam/wildcard.js';

/** The literal service prefix of a pattern (`s3` of `s3:Get*`), if it has one. */
function literalService(pattern: string): string | undefined {
  const colon = pattern.indexOf(':');
  const service = colon < 0 ? undefined : pattern.slice(0, colon).toLowerCase();
  return service === undefined || hasWildcard(service) ? undefined : service;
}

/** Pairs of wildcard patterns already compared: the same pairs recur across policies. */
const coverage = new Map<string, boolean>();

/** True when every action `inner` matches, `outer` matches too (and `inner` matches something). */
function covers(outer: string, inner: string): boolean {
  if (!hasWildcard(outer)) return false;
  if (!hasWildcard(inner)) return matchesAction(outer, inner);
  const outerService = literalService(outer);
  const innerService = literalService(inner);
  if (outerService !== undefined && innerService !== undefined && outerService !== innerService) return false;
  const key = `${outer}\u0000${inner}`;
  let answer = coverage.get(key);
  if (answer === undefined) {
    answer = bitsCover(outer, inner);
    coverage.set(key, answer);
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
        const { items } = list;
        // Only a wildcard pattern can cover another entry.
        const wildcards = items.filter((item) => hasWildcard(item.value));
        const seen = new Set<string>();
        items.forEach((item, index) => {
          const key = item.value.toLowerCase();
          if (seen.has(key)) {
            context.report({ messageId: 'duplicate', at: item.span, data: { action: item.value, element: list.element } });
            return;
          }
          seen.add(key);
          // Two patterns that cover each other (equal sets): only the later one is reported.
          const cover = wildcards.find(
            (other) => other !== item && other.value.toLowerCase() !== key && covers(other.value, item.value) && (!covers(item.value, other.value) || items.indexOf(other) < index),
          );
          if (cover) context.report({ messageId: 'covered', at: item.span, data: { action: item.value, pattern: cover.value, element: list.element } });
        });
      }
    },
  },
});
