import type { Request, RequestPrincipal } from './types.js';

/*
 * What a request says about a condition key. The context may give a key's values or say it is
 * absent; otherwise the evaluator derives the keys that follow from the principal, the resource and
 * `now` (graph-spec "Conditions"), and every other key is unknown.
 */

/** What is known about one condition key in a request. */
export type KeyState =
  | { readonly kind: 'values'; readonly values: readonly string[] }
  | { readonly kind: 'absent' }
  | { readonly kind: 'unknown' }
  /**
   * A date known only to lie between `earliest` and `latest` (milliseconds since the epoch), and
   * perhaps absent altogether: aws:TokenIssueTime, whose exact value a static analysis never knows.
   */
  | { readonly kind: 'window'; readonly earliest: number; readonly latest: number; readonly mayBeAbsent: boolean };

export const absentKey: KeyState = { kind: 'absent' };
export const unknownKey: KeyState = { kind: 'unknown' };

/**
 * The longest temporary credentials live: GetSessionToken and GetFederationToken issue them for up
 * to 36 hours (AssumeRole for 12). A token used at `now` was therefore issued at most this long before.
 */
export const maxTokenAge = 36 * 60 * 60 * 1000;

/** Given value lists, wrapped once per list (the graph reuses one context for many requests). */
const wrapped = new WeakMap<readonly string[], KeyState>();

function valuesOf(values: readonly string[]): KeyState {
  let state = wrapped.get(values);
  if (!state) {
    state = { kind: 'values', values };
    wrapped.set(values, state);
  }
  return state;
}

/** Derived single values, one state per distinct string. */
const singles = new Map<string, KeyState>();

function single(value: string): KeyState {
  let state = singles.get(value);
  if (!state) {
    if (singles.size >= 50_000) singles.clear();
    state = { kind: 'values', values: [value] };
    singles.set(value, state);
  }
  return state;
}

const principalTypes: Readonly<Record<RequestPrincipal['kind'], string | undefined>> = {
  root: 'Account',
  user: 'User',
  role: 'AssumedRole',
  anonymous: 'Anonymous',
  // A service principal or a web-identity/SAML caller: AWS does not document the value.
  service: undefined,
  federated: undefined,
};

/** The last part of a user's ARN (`user/path/name` → `name`), its friendly name. */
function userName(principal: RequestPrincipal): string | undefined {
  if (principal.name !== undefined) return principal.name;
  const slash = principal.arn.lastIndexOf('/');
  return slash < 0 ? undefined : principal.arn.slice(slash + 1);
}

/**
 * The keys that describe the caller. Users, roles and the root user are known exactly; service
 * principals and federated callers only in part (AWS does not document every key for them, so the
 * rest stay unknown); anonymous callers have none but their type.
 */
function principalKey(principal: RequestPrincipal, key: string): KeyState {
  const { kind } = principal;
  const known = kind === 'root' || kind === 'user' || kind === 'role';
  switch (key) {
    case 'aws:principalarn':
      if (known) return single(principal.arn);
      return kind === 'anonymous' ? absentKey : unknownKey;
    case 'aws:principalaccount':
      if (principal.account !== undefined) return single(principal.account);
      return kind === 'anonymous' ? absentKey : unknownKey;
    case 'aws:principaltype': {
      const type = principalTypes[kind];
      return type === undefined ? unknownKey : single(type);
    }
    case 'aws:username': {
      if (kind !== 'user') return kind === 'federated' ? unknownKey : absentKey;
      const name = userName(principal);
      return name === undefined ? unknownKey : single(name);
    }
    case 'aws:userid':
      // The root user's id is its account; a user's or role's unique id is not in the exports read.
      if (kind === 'root' && principal.account !== undefined) return single(principal.account);
      return kind === 'anonymous' ? single('anonymous') : unknownKey;
    case 'aws:principalisawsservice':
      if (kind === 'anonymous') return absentKey;
      return single(kind === 'service' ? 'true' : 'false');
    case 'aws:principalservicename':
      return kind === 'service' ? single(principal.arn) : absentKey;
    default:
      return unknownKey;
  }
}

/** Tag keys lower-cased (condition keys, tag keys included, are case-insensitive), once per tag map. */
const lowerTags = new WeakMap<ReadonlyMap<string, string>, ReadonlyMap<string, string>>();

function principalTag(principal: RequestPrincipal, tagKey: string): KeyState {
  const { kind, tags } = principal;
  if (kind === 'anonymous' || kind === 'root') return absentKey;
  if (kind !== 'user' && kind !== 'role') return unknownKey;
  if (!tags) return unknownKey;
  let lower = lowerTags.get(tags);
  if (!lower) {
    lower = new Map([...tags].map(([k, v]) => [k.toLowerCase(), v]));
    lowerTags.set(tags, lower);
  }
  const value = lower.get(tagKey);
  return value === undefined ? absentKey : single(value);
}

/** The time keys, for the last `now` asked about (a graph build uses one). */
let timeFor: { now: number; current: KeyState; epoch: KeyState } | undefined;

function timeKeys(now: Date): { current: KeyState; epoch: KeyState } {
  const ms = now.getTime();
  if (timeFor?.now !== ms) {
    timeFor = { now: ms, current: { kind: 'values', values: [now.toISOString()] }, epoch: { kind: 'values', values: [String(Math.floor(ms / 1000))] } };
  }
  return timeFor;
}

/**
 * aws:TokenIssueTime: present only with temporary credentials, and then at most `maxTokenAge`
 * before `now`. Roles and federated callers always use temporary credentials; users and the root
 * user may use either (access keys, or GetSessionToken); services and anonymous callers have none.
 */
function tokenIssueTime(principal: RequestPrincipal, now: Date): KeyState {
  const { kind } = principal;
  if (kind === 'service' || kind === 'anonymous') return absentKey;
  const latest = now.getTime();
  if (tokenFor?.now !== latest) {
    const earliest = latest - maxTokenAge;
    tokenFor = { now: latest, temporary: { kind: 'window', earliest, latest, mayBeAbsent: false }, either: { kind: 'window', earliest, latest, mayBeAbsent: true } };
  }
  return kind === 'user' || kind === 'root' ? tokenFor.either : tokenFor.temporary;
}

let tokenFor: { now: number; temporary: KeyState; either: KeyState } | undefined;

const principalKeys: ReadonlySet<string> = new Set(['aws:principalarn', 'aws:principalaccount', 'aws:principaltype', 'aws:username', 'aws:userid', 'aws:principalisawsservice', 'aws:principalservicename']);
const tagPrefix = 'aws:principaltag/';

/** What the request says about a condition key (lower case): given by the context, derived, or unknown. */
export function keyState(request: Request, key: string): KeyState {
  const { context } = request;
  const given = context.values?.get(key);
  if (given) return valuesOf(given);
  if (context.absent?.has(key) === true) return absentKey;
  if (principalKeys.has(key)) return principalKey(request.principal, key);
  if (key.startsWith(tagPrefix)) return principalTag(request.principal, key.slice(tagPrefix.length));
  switch (key) {
    case 'aws:resourceaccount':
      return request.resourceAccount === undefined ? unknownKey : single(request.resourceAccount);
    case 'aws:currenttime':
      return timeKeys(context.now).current;
    case 'aws:epochtime':
      return timeKeys(context.now).epoch;
    case 'aws:tokenissuetime':
      return tokenIssueTime(request.principal, context.now);
    default:
      return unknownKey;
  }
}
