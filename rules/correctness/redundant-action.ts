import { defineRule } from '../../src/engine/rule.js';
import { patternBits } from '../../src/iam/action-set.js';
import { actionMatcher, hasWildcard } from '../../src/iam/wildcard.js';
import type { Located } from '../../src/model/policy.js';

/** True when every action `inner` matches, `outer` matches too (and `inner` matches something). */
function covers(outer: string, inner: string): boolean {
  if (!hasWildcard(outer)) return false;
  if (!hasWildcard(inner)) return actionMatcher(outer)(inner);
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
        const seen = new Map<string, Located<string>>();
        for (const item of list.items) {
          const key = item.value.toLowerCase();
          if (seen.has(key)) {
            context.report({ messageId: 'duplicate', at: item.span, data: { action: item.value, element: list.element } });
            continue;
          }
          seen.set(key, item);
          // Two patterns that cover each other (equal sets): only the later one is reported.
          const cover = list.items.find((other) => other !== item && other.value.toLowerCase() !== key && covers(other.value, item.value) && (!covers(item.value, other.value) || list.items.indexOf(other) < list.items.indexOf(item)));
          if (cover) context.report({ messageId: 'covered', at: item.span, data: { action: item.value, pattern: cover.value, element: list.element } });
        }
      }
    },
  },
});
