import type { ConditionBlock, Located, PrincipalBlock } from '../model/policy.js';
import { parseOperator } from './statement.js';

/** Identity providers AWS federates without an IAM OIDC provider resource. */
const builtInProviders = new Set(['accounts.google.com', 'graph.facebook.com', 'www.amazon.com', 'cognito-identity.amazonaws.com']);

/**
 * The issuer of a web-identity principal: `oidc.eks.us-east-1.amazonaws.com/id/ABC` from
 * `arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC`, or a built-in
 * provider name. Its condition keys are `<issuer>:aud`, `<issuer>:sub` …
 */
export function webIdentityIssuer(value: string): string | undefined {
  const provider = /^arn:[^:]+:iam::[^:]*:oidc-provider\/(.+)$/.exec(value);
  if (provider) return provider[1];
  return builtInProviders.has(value.toLowerCase()) ? value.toLowerCase() : undefined;
}

/** Each web-identity issuer a Principal names, with the entry that names it. */
export function webIdentityPrincipals(principal: PrincipalBlock | undefined): { issuer: string; entry: Located<string> }[] {
  const found: { issuer: string; entry: Located<string> }[] = [];
  for (const entry of principal?.entries ?? []) {
    if (entry.type !== 'Federated') continue;
    const issuer = webIdentityIssuer(entry.value.value);
    if (issuer) found.push({ issuer, entry: entry.value });
  }
  return found;
}

/** The values one condition clause requires for a key, and whether they are StringLike patterns. */
export interface RequiredValues {
  readonly values: string[];
  readonly like: boolean;
}

/**
 * Each clause of a condition that requires `key` (any case) to have one of some string values:
 * clauses whose operator narrows (StringEquals, StringLike, their IgnoreCase and ForAnyValue:
 * forms), not negated, not IfExists, not ForAllValues: (true when the key is absent). Clauses are
 * ANDed, so the key is limited when any one of them limits it.
 */
export function requiredValueSets(condition: ConditionBlock | undefined, key: string): RequiredValues[] {
  const lower = key.toLowerCase();
  const found: RequiredValues[] = [];
  for (const clause of condition?.clauses ?? []) {
    if (clause.key.value.toLowerCase() !== lower) continue;
    const { base, ifExists, set } = parseOperator(clause.operator.value);
    if (ifExists || set === 'ForAllValues' || !/^string(equals|like)(ignorecase)?$/i.test(base)) continue;
    const values = clause.values.flatMap((v) => (typeof v.value === 'string' ? [v.value] : []));
    found.push({ values, like: /like/i.test(base) });
  }
  return found;
}
