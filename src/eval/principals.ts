import { classifyAwsPrincipal } from '../iam/principals.js';
import type { PrincipalBlock, PrincipalEntry } from '../model/policy.js';
import type { PrincipalMatchKind, RequestPrincipal } from './types.js';

/*
 * Whether a resource or trust policy's Principal names the caller, and how — evaluate needs the how:
 * a grant to an exact user or session ARN escapes a permissions boundary, a grant to a role ARN or
 * to everyone does not, and a grant to an account only delegates to that account's own policies
 * (evaluation.md rows 5 and 7).
 */

export interface PrincipalMatch {
  /** `maybe`: a session of the calling role whose session name the request does not give. */
  readonly applies: 'yes' | 'maybe';
  readonly how: PrincipalMatchKind;
}

const kinds: readonly PrincipalMatchKind[] = ['exact', 'role', 'wildcard', 'account'];

/** The matches as shared constants: matching allocates nothing. */
const matches = new Map<string, PrincipalMatch>(kinds.flatMap((how) => (['yes', 'maybe'] as const).map((applies) => [`${applies}:${how}`, { applies, how }] as const)));

function matchOf(applies: 'yes' | 'maybe', how: PrincipalMatchKind): PrincipalMatch {
  return matches.get(`${applies}:${how}`) ?? { applies, how };
}

/** Stronger first: an exact match counts for more than a role's, everyone's or an account's. */
function rank(how: PrincipalMatchKind): number {
  return 4 - kinds.indexOf(how);
}

/** `arn:aws:sts::111122223333:assumed-role/name/`: the ARNs of the role's sessions start so (the role's path is not in them). */
const sessionPrefixes = new Map<string, string | null>();

function sessionPrefix(roleArn: string): string | undefined {
  let prefix = sessionPrefixes.get(roleArn);
  if (prefix === undefined) {
    const match = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(roleArn);
    prefix = match ? `arn:${match[1] ?? ''}:sts::${match[2] ?? ''}:assumed-role/${match[3] ?? ''}/` : null;
    sessionPrefixes.set(roleArn, prefix);
  }
  return prefix ?? undefined;
}

/** Whether `value` is the ARN of one of the role's sessions: `yes` for the request's own session, `maybe` when it does not name one. */
function namesSession(principal: RequestPrincipal, value: string): 'yes' | 'maybe' | undefined {
  if (principal.sessionArn !== undefined) return value === principal.sessionArn ? 'yes' : undefined;
  const prefix = sessionPrefix(principal.arn);
  return prefix !== undefined && value.startsWith(prefix) && value.length > prefix.length ? 'maybe' : undefined;
}

/** How an `AWS` entry names a user, role or root caller. */
function matchAws(principal: RequestPrincipal, value: string): PrincipalMatch | undefined {
  if (value === '*') return matchOf('yes', 'wildcard');
  const { kind } = principal;
  if (kind !== 'root' && kind !== 'user' && kind !== 'role') return undefined;
  const named = classifyAwsPrincipal(value);
  if (named.kind === 'account') return named.account !== undefined && named.account === principal.account ? matchOf('yes', 'account') : undefined;
  if (kind === 'user') return value === principal.arn ? matchOf('yes', 'exact') : undefined;
  if (kind === 'role') {
    if (value === principal.arn) return matchOf('yes', 'role');
    const session = named.kind === 'assumed-role' ? namesSession(principal, value) : undefined;
    return session === undefined ? undefined : matchOf(session, 'exact');
  }
  return undefined;
}

function matchEntry(principal: RequestPrincipal, entry: PrincipalEntry): PrincipalMatch | undefined {
  const value = entry.value.value;
  switch (entry.type) {
    case 'AWS':
      return matchAws(principal, value);
    case 'Service':
      if (value === '*') return matchOf('yes', 'wildcard');
      return principal.kind === 'service' && value.toLowerCase() === principal.arn.toLowerCase() ? matchOf('yes', 'exact') : undefined;
    case 'Federated':
      if (value === '*') return matchOf('yes', 'wildcard');
      return principal.kind === 'federated' && value === principal.arn ? matchOf('yes', 'exact') : undefined;
    case 'CanonicalUser':
      // S3's canonical user ids name accounts the exports do not map; they never match here.
      return undefined;
  }
}

/**
 * How a `Principal` element names the caller, or undefined when it does not. Of several entries the
 * strongest sure match wins, else the strongest possible one. `"*"` and `{"AWS": "*"}` name everyone,
 * anonymous callers and service principals included.
 */
export function matchPrincipal(block: PrincipalBlock, principal: RequestPrincipal): PrincipalMatch | undefined {
  if (block.wildcard) return matchOf('yes', 'wildcard');
  let best: PrincipalMatch | undefined;
  for (const entry of block.entries) {
    const found = matchEntry(principal, entry);
    if (!found) continue;
    if (!best || (found.applies === 'yes' && best.applies === 'maybe') || (found.applies === best.applies && rank(found.how) > rank(best.how))) best = found;
  }
  return best;
}

/** Whether one of the entries names exactly this identity (`yes`), may (`maybe`), or none does (undefined). */
function listed(block: PrincipalBlock, test: (entry: PrincipalEntry) => 'yes' | 'maybe' | undefined): 'yes' | 'maybe' | undefined {
  let found: 'maybe' | undefined;
  for (const entry of block.entries) {
    const answer = test(entry);
    if (answer === 'yes') return answer;
    if (answer === 'maybe') found = answer;
  }
  return found;
}

const isAccountOf =
  (principal: RequestPrincipal) =>
  (entry: PrincipalEntry): 'yes' | undefined => {
    if (entry.type !== 'AWS') return undefined;
    const named = classifyAwsPrincipal(entry.value.value);
    return named.kind === 'account' && named.account !== undefined && named.account === principal.account ? 'yes' : undefined;
  };

const isValue =
  (type: PrincipalEntry['type'], value: string) =>
  (entry: PrincipalEntry): 'yes' | undefined =>
    entry.type === type && entry.value.value === value ? 'yes' : undefined;

/**
 * Whether a `NotPrincipal` element leaves the caller out, so that its statement does not apply:
 * `yes`, `maybe`, or `no`. Every identity the request carries must be listed (evaluation.md row 8,
 * IAM User Guide "NotPrincipal"): a user and its account; a role session, its role and its account;
 * otherwise the statement applies to the caller through the identity left unlisted. `"*"` and
 * `{"AWS": "*"}` leave everyone out.
 */
export function excludedBy(block: PrincipalBlock, principal: RequestPrincipal): 'yes' | 'maybe' | 'no' {
  if (block.wildcard || block.entries.some((entry) => entry.type === 'AWS' && entry.value.value === '*')) return 'yes';
  const identities: ((entry: PrincipalEntry) => 'yes' | 'maybe' | undefined)[] = [];
  switch (principal.kind) {
    case 'root':
      identities.push(isAccountOf(principal));
      break;
    case 'user':
      identities.push(isValue('AWS', principal.arn), isAccountOf(principal));
      break;
    case 'role':
      identities.push((entry) => (entry.type === 'AWS' && classifyAwsPrincipal(entry.value.value).kind === 'assumed-role' ? namesSession(principal, entry.value.value) : undefined), isValue('AWS', principal.arn), isAccountOf(principal));
      break;
    case 'service':
      identities.push((entry) => (entry.type === 'Service' && entry.value.value.toLowerCase() === principal.arn.toLowerCase() ? 'yes' : undefined));
      break;
    case 'federated':
      identities.push(isValue('Federated', principal.arn));
      break;
    case 'anonymous':
      return 'no';
  }
  let answer: 'yes' | 'maybe' = 'yes';
  for (const identity of identities) {
    const found = listed(block, identity);
    if (found === undefined) return 'no';
    if (found === 'maybe') answer = 'maybe';
  }
  return answer;
}
