import { policyVariables } from '../iam/policy-variables.js';
import { resourceMatcher } from '../iam/wildcard.js';
import { keyState } from './context.js';
import type { Request } from './types.js';

/*
 * Policy variables in Resource, NotResource and condition values (IAM User Guide, "Policy variables"),
 * under Version 2012-10-17: `${key}` becomes the request's single value of `key`, `${key, 'default'}`
 * the default when the key is absent, and `${*}` `${?}` `${$}` a literal `*` `?` `$`. A key that is
 * absent with no default, or that has several values, cannot be substituted: the string then matches
 * nothing. A key the analysis does not know leaves the value open: it is matched as a wildcard and
 * the answer is at best "maybe".
 *
 * Substituted text is literal even when it holds `*` or `?`, so resolved strings are *encoded*: a
 * literal `*` or `?` becomes a private-use character (and text compared with them is encoded the same
 * way), leaving `*` and `?` for the wildcards only. This lets the linear-time matchers of
 * src/iam/wildcard.ts do the matching.
 */

const literalStar = '\uE000';
const literalQuestion = '\uE001';

/** Literal `*` and `?` encoded, so that they match only themselves. */
export function encodeLiteral(text: string): string {
  if (!text.includes('*') && !text.includes('?')) return text;
  return text.replaceAll('*', literalStar).replaceAll('?', literalQuestion);
}

/** An encoded string back to its text (for exact comparisons of a resolved string that has no wildcard). */
export function decode(text: string): string {
  if (!text.includes(literalStar) && !text.includes(literalQuestion)) return text;
  return text.replaceAll(literalStar, '*').replaceAll(literalQuestion, '?');
}

/** Whether an encoded pattern matches a text (encoded here). */
export function encodedMatch(pattern: string, text: string): boolean {
  return resourceMatcher(pattern)(encodeLiteral(text));
}

export type Resolution =
  /**
   * The encoded string. `exact` is false when a variable's value is unknown and stands as `*`: then a
   * match means only that the string may match.
   */
  | { readonly status: 'resolved'; readonly text: string; readonly exact: boolean }
  /** A variable cannot be substituted (absent without default, multivalued, malformed): matches nothing. */
  | { readonly status: 'invalid' };

const invalid: Resolution = { status: 'invalid' };

/**
 * Substitutes the policy variables of `text` from the request. With `wildcards`, the text's own `*`
 * and `?` stay wildcards (Resource, StringLike, ArnLike); without, they are literal (StringEquals).
 */
export function resolveVariables(text: string, request: Request, wildcards: boolean): Resolution {
  const variables = policyVariables(text);
  const literal = (part: string): string => (wildcards ? part : encodeLiteral(part));
  let out = '';
  let exact = true;
  let at = 0;
  for (const variable of variables) {
    if (variable.problem !== undefined) return invalid;
    out += literal(text.slice(at, variable.start));
    at = variable.end;
    if (variable.special) {
      out += encodeLiteral(variable.name);
      continue;
    }
    const state = keyState(request, variable.name.toLowerCase());
    if (state.kind === 'values' && state.values.length === 1) out += encodeLiteral(state.values[0] ?? '');
    else if (state.kind === 'values' || state.kind === 'absent') {
      // Several values (AWS substitutes single-valued keys only), none, or absent: the default, if any.
      if (variable.defaultValue === undefined) return invalid;
      out += encodeLiteral(variable.defaultValue);
    } else {
      out += '*';
      exact = false;
    }
  }
  out += literal(text.slice(at));
  return { status: 'resolved', text: out, exact };
}

const wildcarded = new Map<string, string>();

/**
 * The pattern with every variable standing for any text (escapes still literal): what the string
 * could match whatever its variables hold. Cached per string.
 */
export function anyValues(text: string): string {
  let found = wildcarded.get(text);
  if (found === undefined) {
    found = '';
    let at = 0;
    for (const variable of policyVariables(text)) {
      found += text.slice(at, variable.start) + (variable.special ? encodeLiteral(variable.name) : '*');
      at = variable.end;
    }
    found += text.slice(at);
    if (wildcarded.size >= 10_000) wildcarded.clear();
    wildcarded.set(text, found);
  }
  return found;
}
