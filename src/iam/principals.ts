import { isAllow, isDeny, type Located, type PolicyDocument, type Statement, type StringList } from '../model/policy.js';
import { isAccountId, parseArn, principalAccount } from './arn.js';
import { callerLimitTo, holdsForOutsideAccount, type AccountScope } from './conditions.js';
import { isEveryResource } from './statement.js';
import { actionMatcher, isEveryAction, resourceMatcher } from './wildcard.js';

/**
 * What an `AWS` principal names: a whole account (`111122223333`, `arn:aws:iam::111122223333:root`),
 * an IAM role or user, an assumed-role session or federated user (STS ARNs), everyone (`*`), or
 * something whose account cannot be read (unique ids such as `AROA…`, CloudFront origin access
 * identities, malformed values).
 */
export type AwsPrincipalKind = 'account' | 'role' | 'user' | 'assumed-role' | 'federated-user' | 'everyone' | 'other';

export interface AwsPrincipal {
  readonly value: string;
  readonly kind: AwsPrincipalKind;
  /** The 12-digit account, when the value names one. */
  readonly account: string | undefined;
  /** The role or user name (with its path), `role/session` for a session, the federated user's name. */
  readonly name: string | undefined;
}

const classified = new Map<string, AwsPrincipal>();

function classify(value: string): AwsPrincipal {
  const account = principalAccount(value);
  if (value === '*') return { value, kind: 'everyone', account: undefined, name: undefined };
  if (isAccountId(value)) return { value, kind: 'account', account, name: undefined };
  const arn = account === undefined ? undefined : parseArn(value);
  if (!arn) return { value, kind: 'other', account, name: undefined };
  const slash = arn.resource.indexOf('/');
  const type = slash < 0 ? arn.resource : arn.resource.slice(0, slash);
  const name = slash < 0 ? undefined : arn.resource.slice(slash + 1);
  if (arn.service === 'iam') {
    if (arn.resource === 'root') return { value, kind: 'account', account, name: undefined };
    if (type === 'role' || type === 'user') return { value, kind: type, account, name };
  } else if (type === 'assumed-role' || type === 'federated-user') {
    return { value, kind: type, account, name };
  }
  return { value, kind: 'other', account, name };
}

/** Classifies an `AWS` principal value; each distinct value is worked out once. */
export function classifyAwsPrincipal(value: string): AwsPrincipal {
  let found = classified.get(value);
  if (!found) {
    found = classify(value);
    classified.set(value, found);
  }
  return found;
}

/** How messages name a principal: `account 111122223333`, `role 'deploy' in account 111122223333` … */
export function describeAwsPrincipal(principal: AwsPrincipal): string {
  const inAccount = principal.account === undefined ? '' : ` in account ${principal.account}`;
  switch (principal.kind) {
    case 'account':
      return `account ${principal.account ?? principal.value} (any principal that account allows)`;
    case 'role':
    case 'user':
      return `${principal.kind} '${principal.name ?? ''}'${inAccount}`;
    case 'assumed-role':
      return `role session '${principal.name ?? ''}'${inAccount}`;
    case 'federated-user':
      return `federated user '${principal.name ?? ''}'${inAccount}`;
    case 'everyone':
      return 'everyone';
    case 'other':
      return `'${principal.value}'${inAccount}`;
  }
}

/** The zone of trust as given by config `trust` and `--trusted-account`. */
export interface TrustSettings {
  readonly accounts: readonly string[];
  readonly organizationIds: readonly string[];
}

/**
 * The zone of trust for one policy: the configured accounts and organizations, plus the account
 * that holds the policy (its home accounts). `declared` is false when nothing at all is known —
 * no configured account or organization, and no home account — so that every account would count
 * as outside, including the user's own.
 */
export interface Zone extends AccountScope {
  readonly declared: boolean;
  /** The accounts that hold the policy, as far as they are known. */
  readonly home: readonly string[];
}

/** The account part of an ARN that has a fixed, 12-digit account. */
function fixedAccount(text: string): string | undefined {
  const arn = parseArn(text);
  return arn && isAccountId(arn.account) ? arn.account : undefined;
}

/**
 * The accounts known to hold the policy: the owner's account when the owner is known (a role, a
 * queue, a key …) and, for a resource policy whose owner is unknown, the one account its `Resource`
 * ARNs name — a resource policy grants access to its own resource, so a queue policy on
 * `arn:aws:sqs:us-east-1:111122223333:orders` belongs to 111122223333. When the ARNs name
 * several accounts (a VPC endpoint policy may list other accounts' resources) nothing is inferred.
 */
export function homeAccounts(document: PolicyDocument): string[] {
  const owner = document.owner === undefined ? undefined : fixedAccount(document.owner);
  if (owner !== undefined) return [owner];
  if (document.kind !== 'resource') return [];
  const found = new Set<string>();
  for (const statement of document.statements) {
    for (const item of statement.resource?.items ?? []) {
      const account = fixedAccount(item.value);
      if (account !== undefined) found.add(account);
    }
  }
  return found.size === 1 ? [...found] : [];
}

const zones = new WeakMap<TrustSettings, WeakMap<PolicyDocument, Zone>>();

/** The zone of trust for `document`: computed once per document and settings. */
export function zoneOf(trust: TrustSettings, document: PolicyDocument): Zone {
  let byDocument = zones.get(trust);
  if (!byDocument) {
    byDocument = new WeakMap();
    zones.set(trust, byDocument);
  }
  let zone = byDocument.get(document);
  if (!zone) {
    const home = homeAccounts(document);
    const accounts = new Set([...trust.accounts, ...home]);
    const organizationIds = new Set(trust.organizationIds.map((id) => id.toLowerCase()));
    zone = { accounts, organizationIds, home, declared: accounts.size > 0 || organizationIds.size > 0 };
    byDocument.set(document, zone);
  }
  return zone;
}

/** An `AWS` principal of an Allow statement whose account is outside the zone of trust. */
export interface OutsidePrincipal {
  /** The principal's value in the policy, where findings point. */
  readonly entry: Located<string>;
  readonly principal: AwsPrincipal;
  readonly account: string;
}

/**
 * Whether `pattern` covers every value `covered` can take. Sound but not complete: true when they
 * are equal, or when a `*`-only pattern matches the other's text (its wildcards then fall inside
 * the pattern's). A `?` in the pattern needs an exact match.
 */
function patternCovers(pattern: string, covered: string, matcher: (pattern: string) => (text: string) => boolean): boolean {
  if (pattern === covered) return true;
  return !pattern.includes('?') && matcher(pattern)(covered);
}

/** The Deny's Action covers every action the Allow applies to. */
function coversActions(deny: Statement, allow: Statement): boolean {
  if (!deny.action) return false;
  if (deny.action.items.some((item) => isEveryAction(item.value))) return true;
  if (!allow.action) return false;
  const patterns = deny.action.items.map((item) => item.value.toLowerCase());
  return allow.action.items.every((item) => patterns.some((pattern) => patternCovers(pattern, item.value.toLowerCase(), actionMatcher)));
}

function listCoversEverything(list: StringList | undefined): boolean {
  return list?.items.some((item) => isEveryResource(item.value)) ?? false;
}

/** The Deny's Resource covers every resource the Allow applies to (trust policies have none). */
function coversResources(deny: Statement, allow: Statement): boolean {
  if (deny.notResource) return false;
  if (!deny.resource || listCoversEverything(deny.resource)) return true;
  if (!allow.resource) return false;
  const patterns = deny.resource.items.map((item) => item.value);
  return allow.resource.items.every((item) => patterns.some((pattern) => patternCovers(pattern, item.value, resourceMatcher)));
}

/**
 * The Deny names the principal: everyone (`"*"`, `{"AWS": "*"}`), the same value, or — when the
 * Allow names a whole account — the same account in either form (its id or its `:root` ARN).
 */
function namesPrincipal(deny: Statement, principal: AwsPrincipal): boolean {
  const block = deny.principal;
  if (!block) return false;
  if (block.wildcard) return true;
  return block.entries.some((entry) => {
    if (entry.type !== 'AWS') return false;
    const named = classifyAwsPrincipal(entry.value.value);
    if (named.kind === 'everyone' || named.value === principal.value) return true;
    return named.kind === 'account' && principal.kind === 'account' && named.account === principal.account;
  });
}

/**
 * Whether a Deny statement of the same document takes away everything the Allow grants to the
 * principal: it names the principal (or everyone), covers the Allow's actions and resources, and
 * each of its conditions holds for every request from the principal's account
 * (`holdsForOutsideAccount`).
 */
function deniedBy(deny: Statement, allow: Statement, principal: AwsPrincipal, account: string, zone: Zone): boolean {
  if (!namesPrincipal(deny, principal) || !coversActions(deny, allow) || !coversResources(deny, allow)) return false;
  return deny.condition?.clauses.every((clause) => holdsForOutsideAccount(clause, account, zone)) ?? true;
}

const denies = new WeakMap<PolicyDocument, readonly Statement[]>();

function denyStatements(document: PolicyDocument): readonly Statement[] {
  let found = denies.get(document);
  if (!found) {
    found = document.statements.filter(isDeny);
    denies.set(document, found);
  }
  return found;
}

/**
 * The `AWS` principals of an Allow statement that name an account outside the zone of trust, in
 * order. Not included: principals whose account cannot be read (`*`, which is `public-access`'s
 * business, unique ids, CloudFront origin access identities); every principal, when a condition
 * limits callers to the zone (`callerLimitTo`); and a principal that a Deny of the same document
 * fully denies (`deniedBy`).
 */
export function outsidePrincipals(statement: Statement, document: PolicyDocument, zone: Zone): OutsidePrincipal[] {
  if (!isAllow(statement) || !statement.principal) return [];
  const found: OutsidePrincipal[] = [];
  for (const entry of statement.principal.entries) {
    if (entry.type !== 'AWS') continue;
    const principal = classifyAwsPrincipal(entry.value.value);
    const account = principal.account;
    if (account === undefined || zone.accounts.has(account)) continue;
    found.push({ entry: entry.value, principal, account });
  }
  if (found.length === 0 || callerLimitTo(statement.condition, zone)) return [];
  const denyList = denyStatements(document);
  if (denyList.length === 0) return found;
  return found.filter(({ principal, account }) => !denyList.some((deny) => deniedBy(deny, statement, principal, account, zone)));
}
