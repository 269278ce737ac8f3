import type { ActionSet } from './action-set.js';
import { catalogue, findService, type ActionInfo, type ConditionKeyInfo, type ServiceInfo } from './catalogue.js';
import { nearest } from './suggest.js';
import { actionMatcher, type Matcher } from './wildcard.js';

/*
 * Condition keys as the catalogue defines them. Many are templates that match any text in place of
 * a placeholder, which the data spells four ways: `ec2:ResourceTag/${TagKey}`,
 * `s3:ExistingObjectTag/<key>`, `aws:PrincipalTag/tag-key` and, for a few services, a bare trailing
 * slash (`glacier:ResourceTag/`).
 */

const placeholder = /\$\{[^}]*\}|<[^>]*>|(?<=\/)tag-key$|(?<=\/)$/g;

function isTemplate(key: string): boolean {
  return key.search(placeholder) >= 0;
}

function templateMatcher(key: string): Matcher {
  return actionMatcher(key.replace(placeholder, '*'));
}

interface Template {
  readonly info: ConditionKeyInfo;
  readonly match: Matcher;
}

function templatesOf(keys: Iterable<ConditionKeyInfo>): Template[] {
  return [...keys].filter((info) => isTemplate(info.key)).map((info) => ({ info, match: templateMatcher(info.key) }));
}

let globalTemplates: Template[] | undefined;
const serviceTemplates = new Map<string, Template[]>();

/** The service's definition of the key (any case; templates match their filled-in forms). */
function definedBy(service: ServiceInfo, key: string, lower: string): ConditionKeyInfo | undefined {
  const exact = service.conditionKeys.get(lower);
  if (exact) return exact;
  let templates = serviceTemplates.get(service.prefix);
  if (!templates) {
    templates = templatesOf(service.conditionKeys.values());
    serviceTemplates.set(service.prefix, templates);
  }
  return templates.find((t) => t.match(key))?.info;
}

function findGlobal(key: string, lower: string): ConditionKeyInfo | undefined {
  const { globalConditionKeys } = catalogue();
  const global = globalConditionKeys.get(lower);
  if (global) return global;
  globalTemplates ??= templatesOf(globalConditionKeys.values());
  return globalTemplates.find((t) => t.match(key))?.info;
}

/**
 * The services that may define keys under a prefix: the service it names, then those the catalogue
 * lists for it — for prefixes that are no service (`saml:sub` → sts), the prefix itself possibly a
 * template (`token.actions.${Domain}.ghe.com`), and for service prefixes whose keys other services
 * define as well (`ec2:osuser` → ec2-instance-connect).
 */
function servicesFor(prefix: string): ServiceInfo[] {
  const { keyPrefixes } = catalogue();
  const lowerPrefix = prefix.toLowerCase();
  const owners = Object.entries(keyPrefixes)
    .filter(([name]) => (isTemplate(name) ? templateMatcher(name)(prefix) : name.toLowerCase() === lowerPrefix))
    .flatMap(([, services]) => services);
  const found: ServiceInfo[] = [];
  for (const name of [prefix, ...owners]) {
    const service = findService(name);
    if (service && !found.includes(service)) found.push(service);
  }
  return found;
}

/** Where a key is defined: the catalogue's entry (global, else the first service's) and every service that defines it. */
interface Definition {
  readonly info: ConditionKeyInfo;
  readonly global: boolean;
  readonly services: readonly ServiceInfo[];
}

const definitions = new Map<string, Definition | undefined>();

function define(key: string): Definition | undefined {
  const lower = key.toLowerCase();
  const global = findGlobal(key, lower);
  if (global) return { info: global, global: true, services: [] };
  const colon = key.indexOf(':');
  if (colon < 0) return undefined;
  let info: ConditionKeyInfo | undefined;
  const services: ServiceInfo[] = [];
  for (const service of servicesFor(key.slice(0, colon))) {
    const defined = definedBy(service, key, lower);
    if (!defined) continue;
    info ??= defined;
    services.push(service);
  }
  return info && { info, global: false, services };
}

function definition(key: string): Definition | undefined {
  if (!definitions.has(key)) definitions.set(key, define(key));
  return definitions.get(key);
}

/** The catalogue's definition of a condition key (any case), global or of a service; cached per key. */
export function findConditionKey(key: string): ConditionKeyInfo | undefined {
  return definition(key)?.info;
}

/** Multivalued keys (`ArrayOf…` types) hold a set of values per request: aws:TagKeys, aws:PrincipalOrgPaths … */
export function isMultivalued(info: ConditionKeyInfo): boolean {
  return info.type.startsWith('ArrayOf');
}

/*
 * Keys of federated sessions. A role trust policy conditions AssumeRoleWithWebIdentity on the
 * token's claims as `<issuer>:<claim>` (`accounts.google.com:aud`, an EKS cluster's
 * `oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE:sub`) and AssumeRoleWithSAML on `saml:…` keys; AWS
 * also puts these keys in the context of the requests the federated session makes.
 */

/** Claims of any OIDC provider that AWS makes available as `<issuer>:<claim>`: IAM User Guide, keys for web identity federation. */
const oidcClaims = ['aud', 'sub', 'amr', 'azp', 'oaud', 'email'];

/** Providers whose keys are only those the catalogue lists: Facebook and Login with Amazon tokens are no OIDC tokens (`app_id`, `id`, `user_id`); SAML has its own keys. */
const closedProviders = new Set(['graph.facebook.com', 'www.amazon.com', 'saml']);

/** An identity provider's key prefix: `saml`, or an issuer (a host name, possibly with a path); no service prefix holds a dot or a slash. */
function isProviderPrefix(prefix: string): boolean {
  return prefix.toLowerCase() === 'saml' || /[./]/.test(prefix);
}

export type KeyScope = 'global' | 'service' | 'federation';

export interface ResolvedConditionKey {
  /** The key's definition; for an OIDC provider's standard claims not in the catalogue, `<issuer>:<claim>` typed String. */
  readonly info: ConditionKeyInfo;
  /** Global keys apply to every action; service keys to the actions that support them; federation keys to the federated session's requests. */
  readonly scope: KeyScope;
  /** For service keys: the services that define it, the one its prefix names first. */
  readonly services: readonly ServiceInfo[];
}

const resolved = new Map<string, ResolvedConditionKey | undefined>();

function resolve(key: string): ResolvedConditionKey | undefined {
  const defined = definition(key);
  if (defined?.global) return { info: defined.info, scope: 'global', services: [] };
  const colon = key.indexOf(':');
  if (colon < 0) return undefined;
  const prefix = key.slice(0, colon);
  if (!isProviderPrefix(prefix)) return defined && { info: defined.info, scope: 'service', services: defined.services };
  if (defined) return { info: defined.info, scope: 'federation', services: [] };
  const claim = key.slice(colon + 1).toLowerCase();
  if (closedProviders.has(prefix.toLowerCase()) || !oidcClaims.includes(claim)) return undefined;
  return { info: { key: `${prefix}:${claim}`, type: 'String' }, scope: 'federation', services: [] };
}

/**
 * A condition key (any case) as global, a service's, or a federated session's key (an OIDC
 * provider's `<issuer>:aud`, `:sub` … whether or not the catalogue lists the issuer, and `saml:…`).
 * Undefined for keys that are none of these. Cached per key.
 */
export function resolveConditionKey(key: string): ResolvedConditionKey | undefined {
  if (!resolved.has(key)) resolved.set(key, resolve(key));
  return resolved.get(key);
}

/** What a statement's actions make of a condition key. */
export type KeyVerdict =
  /** Global, a federation key, or supported by at least one of the actions (or nothing to judge by). */
  | { readonly kind: 'applies' }
  /** Defined nowhere; `suggestion` is the nearest defined key, if one is near. */
  | { readonly kind: 'unknown'; readonly suggestion: string | undefined }
  /** An identity provider's prefix with a claim AWS does not make available for it; `claims` are those it does (`aud`, `sub` …). */
  | { readonly kind: 'unknownClaim'; readonly provider: string; readonly claims: readonly string[]; readonly suggestion: string | undefined }
  /** Defined by services none of the statement's actions belong to. */
  | { readonly kind: 'otherService'; readonly services: readonly ServiceInfo[] }
  /** Defined by a service the statement has actions in, but none of those actions support it. */
  | { readonly kind: 'notForActions'; readonly service: ServiceInfo; readonly actions: readonly ActionInfo[]; readonly supporting: readonly ActionInfo[] };

/** Per service: the indexes of the actions that support each key, directly or through their resource types. */
interface KeyIndex {
  readonly exact: Map<string, number[]>;
  readonly templates: { readonly match: Matcher; readonly indexes: number[] }[];
}

const keyIndexes = new Map<ServiceInfo, KeyIndex>();

function keyIndexOf(service: ServiceInfo): KeyIndex {
  let index = keyIndexes.get(service);
  if (index) return index;
  const byKey = new Map<string, { key: string; indexes: number[] }>();
  for (const action of service.actions.values()) {
    const keys = new Set(action.conditionKeys);
    for (const type of action.resourceTypes) for (const key of service.resourceTypes.get(type.name)?.conditionKeys ?? []) keys.add(key);
    for (const key of keys) {
      const lower = key.toLowerCase();
      const entry = byKey.get(lower) ?? { key, indexes: [] };
      entry.indexes.push(action.index);
      byKey.set(lower, entry);
    }
  }
  index = { exact: new Map(), templates: [] };
  for (const [lower, { key, indexes }] of byKey) {
    index.exact.set(lower, indexes);
    if (isTemplate(key)) index.templates.push({ match: templateMatcher(key), indexes });
  }
  keyIndexes.set(service, index);
  return index;
}

/** The actions of the service that support the key (any case, templates filled in). */
function supportingIndexes(service: ServiceInfo, key: string): number[] {
  const index = keyIndexOf(service);
  const exact = index.exact.get(key.toLowerCase());
  if (exact) return exact;
  return index.templates.filter((t) => t.match(key)).flatMap((t) => t.indexes);
}

function actionsOf(service: ServiceInfo, set: ActionSet): ActionInfo[] {
  return [...service.actions.values()].filter((action) => set.has(action));
}

/** The claims AWS makes available for a provider prefix, as `claim` names. */
function claimsOf(prefix: string): string[] {
  const claims = new Set<string>();
  const lowerPrefix = prefix.toLowerCase();
  for (const service of servicesFor(prefix)) {
    for (const { key } of service.conditionKeys.values()) {
      const colon = key.indexOf(':');
      const keyPrefix = key.slice(0, colon);
      if (isTemplate(keyPrefix) ? templateMatcher(keyPrefix)(prefix) : keyPrefix.toLowerCase() === lowerPrefix) claims.add(key.slice(colon + 1));
    }
  }
  if (!closedProviders.has(lowerPrefix)) for (const claim of oidcClaims) if (![...claims].some((c) => c.toLowerCase() === claim)) claims.add(claim);
  return [...claims].sort();
}

/**
 * The candidate the written text was meant to be: one it is the start of (`repo` → `repository`,
 * `aws:RequestTag` → `aws:RequestTag/tag-key`), else the nearest by spelling.
 */
function closest(written: string, candidates: readonly string[]): string | undefined {
  const lower = written.toLowerCase();
  const extended = candidates.filter((c) => c.toLowerCase().startsWith(lower)).sort((a, b) => a.length - b.length)[0];
  return extended ?? nearest(written, candidates);
}

/** The nearest defined key: global keys, and those of the prefix's service (or of the nearest service prefix). */
function suggestKey(key: string): string | undefined {
  const colon = key.indexOf(':');
  const { globalConditionKeys, prefixes } = catalogue();
  const candidates = [...globalConditionKeys.values()].map((info) => info.key);
  if (colon > 0) {
    const prefix = key.slice(0, colon);
    let services = servicesFor(prefix);
    if (services.length === 0) {
      const near = nearest(prefix, prefixes);
      const service = near === undefined ? undefined : findService(near);
      services = service ? [service] : [];
    }
    for (const service of services) for (const info of service.conditionKeys.values()) candidates.push(info.key);
  }
  return closest(key, candidates);
}

const existence = new Map<string, KeyVerdict | ResolvedConditionKey>();

/** The key's definition, or the verdict on a key defined nowhere (with its suggestion); cached per key. */
function judgeExistence(key: string): KeyVerdict | ResolvedConditionKey {
  let found = existence.get(key);
  if (!found) {
    found = lookUpExistence(key);
    existence.set(key, found);
  }
  return found;
}

function lookUpExistence(key: string): KeyVerdict | ResolvedConditionKey {
  const found = resolveConditionKey(key);
  if (found) return found;
  const colon = key.indexOf(':');
  const prefix = colon > 0 ? key.slice(0, colon) : '';
  if (colon > 0 && isProviderPrefix(prefix)) {
    const claims = claimsOf(prefix);
    const near = closest(key.slice(colon + 1), claims);
    return { kind: 'unknownClaim', provider: prefix, claims, suggestion: near === undefined ? undefined : `${prefix}:${near}` };
  }
  return { kind: 'unknown', suggestion: suggestKey(key) };
}

function judge(key: string, set: ActionSet | undefined): KeyVerdict {
  const found = judgeExistence(key);
  if ('kind' in found) return found;
  if (found.scope !== 'service' || !set || set.isEmpty()) return { kind: 'applies' };
  // Literal actions the catalogue does not know may be newer actions of the key's service.
  const unknownPrefixes = new Set(set.unknown.map((action) => action.slice(0, action.indexOf(':')).toLowerCase()));
  let partly: { service: ServiceInfo; actions: ActionInfo[]; supporting: number[] } | undefined;
  for (const service of found.services) {
    if (unknownPrefixes.has(service.prefix.toLowerCase())) return { kind: 'applies' };
    const supporting = supportingIndexes(service, key);
    if (supporting.some((index) => set.hasIndex(index))) return { kind: 'applies' };
    const actions = actionsOf(service, set);
    if (actions.length === 0) continue;
    // A key no action of its service lists (the catalogue names it for the service only) cannot be judged per action.
    if (supporting.length === 0) return { kind: 'applies' };
    partly ??= { service, actions, supporting };
  }
  if (partly) {
    const { actionAt } = catalogue();
    const supporting = partly.supporting.flatMap((index) => actionAt(index) ?? []);
    return { kind: 'notForActions', service: partly.service, actions: partly.actions, supporting };
  }
  return { kind: 'otherService', services: found.services };
}

const verdicts = new WeakMap<ActionSet, Map<string, KeyVerdict>>();
const setless = new Map<string, KeyVerdict>();

/**
 * Whether a condition key means anything for a statement's actions (its `statementActions` set;
 * undefined judges only whether the key exists). AWS leaves a key out of the request context of
 * the actions that do not support it, so a key none of the actions support is never there.
 * Lenient where the catalogue cannot tell: one supporting action is enough, keys of the
 * federated session and keys a service defines for no action in particular apply to every action,
 * and an empty set or a literal action the catalogue does not know in the key's service judges
 * nothing. Cached per (action set, key).
 */
export function conditionKeyVerdict(key: string, set: ActionSet | undefined): KeyVerdict {
  let cache = set ? verdicts.get(set) : setless;
  if (!cache) {
    cache = new Map();
    if (set) verdicts.set(set, cache);
  }
  let verdict = cache.get(key);
  if (!verdict) {
    verdict = judge(key, set);
    cache.set(key, verdict);
  }
  return verdict;
}
