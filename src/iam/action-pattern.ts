import { patternBits } from './action-set.js';
import { catalogue, findService, splitAction, type ServiceInfo } from './catalogue.js';
import { nearest } from './suggest.js';
import { hasWildcard, isEveryAction } from './wildcard.js';

/** What is wrong with an action pattern, if anything; unknown-service, unknown-action and wildcard-matches-nothing report these. */
export type ActionPatternVerdict =
  | { readonly kind: 'ok' }
  /** Not `service:action` (and not `*`). */
  | { readonly kind: 'malformed' }
  | { readonly kind: 'unknownService'; readonly service: string; readonly suggestion: string | undefined }
  | { readonly kind: 'unknownAction'; readonly service: ServiceInfo; readonly name: string; readonly suggestion: string | undefined }
  /** A wildcard pattern that matches no catalogue action. */
  | { readonly kind: 'matchesNothing' };

const verdicts = new Map<string, ActionPatternVerdict>();

function judge(pattern: string): ActionPatternVerdict {
  if (isEveryAction(pattern)) return { kind: 'ok' };
  const parts = splitAction(pattern);
  if (!parts) return { kind: 'malformed' };
  const matchesSomething = (): boolean => patternBits(pattern).some((word) => word !== 0);
  // A wildcard in the prefix can only be judged by what it matches.
  if (hasWildcard(parts.service)) return matchesSomething() ? { kind: 'ok' } : { kind: 'matchesNothing' };
  const service = findService(parts.service);
  if (!service) return { kind: 'unknownService', service: parts.service, suggestion: nearest(parts.service, catalogue().prefixes) };
  if (hasWildcard(parts.name)) return matchesSomething() ? { kind: 'ok' } : { kind: 'matchesNothing' };
  if (service.actions.has(parts.name.toLowerCase())) return { kind: 'ok' };
  const suggestion = nearest(parts.name, [...service.actions.values()].map((a) => a.name));
  return { kind: 'unknownAction', service, name: parts.name, suggestion };
}

/** The verdict on an action pattern, computed once per distinct pattern. */
export function checkActionPattern(pattern: string): ActionPatternVerdict {
  let verdict = verdicts.get(pattern);
  if (!verdict) {
    verdict = judge(pattern);
    verdicts.set(pattern, verdict);
  }
  return verdict;
}
