import { isAccountId } from '../iam/arn.js';
import type { PolicyDocument } from '../model/policy.js';
import { compiledStatements, lowered, matchCompiled, type MatchOptions } from './match.js';
import type { DenyReason, Evaluation, PrincipalPolicies, PrincipalMatchKind, Request, ResourcePolicies, ResourcePolicyKind, StatementMatch } from './types.js';
import { arnParts } from './values.js';

/*
 * AWS's decision for one request (evaluation.md; graph-spec "Semantics decided"), three-valued: each
 * policy allows `yes`, `maybe` (an open condition) or `no`, combined with AND as the least and OR as
 * the greatest of the three, so that `allowed` and `denied` are sure and everything in between is
 * `conditional`.
 *
 *   1. An explicit Deny that applies in any policy that bears on the request: denied. One that only
 *      may apply leaves an allow standing but makes it conditional.
 *   2. SCPs, for users, roles and the root user of member accounts (not service-linked roles): every
 *      level from the organization root down to the account must allow.
 *   3. RCPs, for requests to the services RCPs govern, except from service principals: their Denies
 *      only — every level always holds RCPFullAWSAccess, which cannot be detached, and RCPs may allow
 *      nothing else (Organizations, "RCP syntax"), so requiring an allow per level could only deny
 *      wrongly when an export leaves it out.
 *   4. The grant (`allowLevel`), by who calls and what kind of resource policy decides.
 */

const N = 0;
const M = 1;
const Y = 2;
type Level = typeof N | typeof M | typeof Y;

function min(a: Level, b: Level): Level {
  return a < b ? a : b;
}

function max(a: Level, b: Level): Level {
  return a > b ? a : b;
}

/** The services whose resources RCPs govern (graph-spec; AWS Organizations, "Resource control policies"). */
const rcpServices: ReadonlySet<string> = new Set(['s3', 'sts', 'kms', 'sqs', 'secretsmanager']);

const identitySide: MatchOptions = {};
const resourceSide: MatchOptions = { principal: true };
const resourceSideWithBoundary: MatchOptions = { principal: true, hasBoundary: true };

/** Which explicit deny names the reason when several apply: one in the request's own policies, else an SCP's, else an RCP's. */
const denyRank: Readonly<Record<'explicit-deny' | 'scp' | 'rcp', number>> = { 'explicit-deny': 3, scp: 2, rcp: 1 };

/**
 * What a policy's Allows do: `grant` — they grant (identity and resource policies; listed in
 * `allowedBy`); `gate` — they only let grants through (boundary, session policy, SCPs; listed when
 * the gate is open only conditionally, since their conditions then decide); `none` — they are
 * ignored (RCPs).
 */
type AllowRole = 'grant' | 'gate' | 'none';

/** What the policies say, gathered in one pass over their statements. */
class Tally {
  allowedBy: StatementMatch[] | undefined;
  deniedBy: StatementMatch[] | undefined;
  /** The reason of the strongest Deny that surely applies. */
  denied: 'explicit-deny' | 'scp' | 'rcp' | undefined;
  /** A Deny may apply. */
  mayDeny = false;
  /** The resource policy's Allows, by how their Principal names the caller. */
  readonly byPrincipal: Record<PrincipalMatchKind, Level> = { exact: N, role: N, wildcard: N, account: N };
  /** The conditional Allows of the gate being scanned, until `closeGate` knows whether they decide. */
  private gate: StatementMatch[] | undefined;

  constructor(private readonly request: Request) {}

  private deny(match: StatementMatch, reason: 'explicit-deny' | 'scp' | 'rcp'): void {
    (this.deniedBy ??= []).push(match);
    if (match.applies === 'maybe') this.mayDeny = true;
    else if (this.denied === undefined || denyRank[reason] > denyRank[this.denied]) this.denied = reason;
  }

  /** Matches every statement of the document and returns how well its Allows allow. */
  scan(document: PolicyDocument, options: MatchOptions, reason: 'explicit-deny' | 'scp' | 'rcp', allows: AllowRole): Level {
    let level: Level = N;
    for (const compiled of compiledStatements(document)) {
      if (compiled.effect === 'Allow' && allows === 'none') continue;
      const match = matchCompiled(compiled, this.request, options);
      if (!match) continue;
      if (compiled.effect === 'Deny') {
        this.deny(match, reason);
        continue;
      }
      const found: Level = match.applies === 'yes' ? Y : M;
      level = max(level, found);
      if (allows === 'grant') (this.allowedBy ??= []).push(match);
      else if (found === M) (this.gate ??= []).push(match);
      if (match.principal !== undefined) this.byPrincipal[match.principal] = max(this.byPrincipal[match.principal], found);
    }
    return level;
  }

  /** Ends a gate: its conditional Allows are listed when they decide it (no Allow opens it surely). */
  closeGate(level: Level): Level {
    if (level === M && this.gate) (this.allowedBy ??= []).push(...this.gate);
    this.gate = undefined;
    return level;
  }
}

/** The account that owns the resource: given, else read from its ARN; a request on `*` is to the caller's own account. */
function resourceAccountOf(request: Request): string | undefined {
  if (request.resourceAccount !== undefined) return request.resourceAccount;
  if (request.resource === '*') return request.principal.account;
  const account = arnParts(request.resource)?.[4];
  return account !== undefined && isAccountId(account) ? account : undefined;
}

/**
 * The kind of resource policy that decides. KMS requests on `*` (CreateKey, ListKeys) have no key
 * policy: identity policies decide, as for any service. A trust policy that is not known leaves the
 * decision to the identity side too (as iam-simulate's STS authorizer does).
 */
function effectiveKind(request: Request, resource: ResourcePolicies): ResourcePolicyKind {
  if (resource.kind === 'kms' && request.resource === '*') return 'default';
  if (resource.kind === 'trust' && !resource.policy) return 'default';
  return resource.kind;
}

/** The caller's own side: identity policies capped by the boundary and the session policy. */
interface IdentitySide {
  readonly identity: Level;
  readonly boundary: Level;
  readonly session: Level;
}

/**
 * How well the policies grant the request, before SCPs and denies. Same account, `default` kind: the
 * identity side or the resource policy. `trust`/`kms`: the resource policy must allow; naming the
 * caller (or everyone) suffices, naming its account delegates to the identity side. Cross-account:
 * both sides. In the same account a resource-policy grant to the exact user or session escapes the
 * boundary (and, for a session, the session policy, as AWS STS documents), and so does one to
 * everyone; one to a role ARN does not (evaluation.md row 7). Services, federated and anonymous
 * callers have no identity side.
 */
function allowLevel(request: Request, kind: ResourcePolicyKind, side: IdentitySide, tally: Tally): Level {
  const { exact, role, wildcard, account } = tally.byPrincipal;
  const principal = request.principal;
  switch (principal.kind) {
    case 'service':
    case 'federated':
      return max(exact, wildcard);
    case 'anonymous':
      return wildcard;
    case 'root':
    case 'user':
    case 'role':
      break;
  }
  const identityPath = min(side.identity, min(side.boundary, side.session));
  if (principal.account === undefined || resourceAccountOf(request) !== principal.account) {
    return min(identityPath, max(max(exact, role), max(wildcard, account)));
  }
  const exactPath = principal.kind === 'role' ? exact : min(exact, side.session);
  // `*` names the calling user or session itself, so it escapes the boundary as an exact grant does
  // (iam-simulate agrees); the session policy still limits it, as only the session's own ARN escapes that.
  const wildcardPath = min(wildcard, side.session);
  const rolePath = min(role, min(side.boundary, side.session));
  const resourcePath = max(exactPath, max(wildcardPath, rolePath));
  return kind === 'default' ? max(identityPath, resourcePath) : max(resourcePath, min(account, identityPath));
}

/** Why nothing grants the request. */
function notAllowedReason(request: Request, kind: ResourcePolicyKind, side: IdentitySide): DenyReason {
  const principal = request.principal;
  if (principal.kind !== 'root' && principal.kind !== 'user' && principal.kind !== 'role') return 'not-allowed';
  if (side.identity === N) return 'not-allowed';
  if (side.boundary === N) return 'boundary';
  if (side.session === N) return 'session';
  // The identity side allows: what is missing is the resource policy (trust, key or cross-account).
  return kind === 'default' && resourceAccountOf(request) === principal.account ? 'not-allowed' : 'resource-policy';
}

const none: readonly StatementMatch[] = [];
const deniedFor = new Map<DenyReason, Evaluation>();

function result(decision: Evaluation['decision'], tally: Tally | undefined, reason?: DenyReason): Evaluation {
  const allowedBy = tally?.allowedBy ?? none;
  const deniedBy = tally?.deniedBy ?? none;
  if (decision === 'denied' && reason !== undefined && allowedBy === none && deniedBy === none) {
    // The common answer on a large account: nothing applies. Shared, so that it allocates nothing.
    let shared = deniedFor.get(reason);
    if (!shared) {
      shared = { decision, allowedBy, deniedBy, reason };
      deniedFor.set(reason, shared);
    }
    return shared;
  }
  return reason === undefined ? { decision, allowedBy, deniedBy } : { decision, allowedBy, deniedBy, reason };
}

/** sts:GetCallerIdentity needs no permission and cannot be denied (AWS STS API reference). */
const callerIdentity: Evaluation = { decision: 'allowed', allowedBy: none, deniedBy: none };

/** Every level must allow; a level without documents is one with no policy of the type in the export: FullAWSAccess. */
function scanLevels(tally: Tally, levels: readonly (readonly PolicyDocument[])[], reason: 'scp' | 'rcp', allows: boolean): Level {
  let level: Level = Y;
  for (const documents of levels) {
    if (documents.length === 0) continue;
    let here: Level = N;
    for (const document of documents) here = max(here, tally.scan(document, identitySide, reason, allows ? 'gate' : 'none'));
    level = min(level, tally.closeGate(here));
  }
  return allows ? level : Y;
}

/**
 * Evaluates a request against the caller's policies and the resource's, with AWS's rules
 * (evaluation.md): `allowed`, `conditional` (the answer depends on conditions the context leaves
 * open; `allowedBy`/`deniedBy` hold them) or `denied` with its reason.
 */
export function evaluate(request: Request, principal: PrincipalPolicies, resource: ResourcePolicies): Evaluation {
  const caller = request.principal;
  const action = lowered(request.action);
  if (action === 'sts:getcalleridentity' && caller.kind !== 'anonymous') return callerIdentity;
  // "You cannot call AssumeRole with the access keys for the root user" (AWS STS API reference).
  if (action === 'sts:assumerole' && caller.kind === 'root') return result('denied', undefined, 'not-allowed');

  const tally = new Tally(request);
  const identified = caller.kind === 'root' || caller.kind === 'user' || caller.kind === 'role';
  // Only users and roles have permissions boundaries.
  const boundaryPolicy = caller.kind === 'user' || caller.kind === 'role' ? principal.boundary : undefined;
  const hasBoundary = boundaryPolicy !== undefined;
  let identity: Level = N;
  let boundary: Level = Y;
  let session: Level = Y;
  if (identified) {
    for (const document of principal.identity) identity = max(identity, tally.scan(document, identitySide, 'explicit-deny', 'grant'));
    // The root user has full access by default; its own policies can only deny.
    if (caller.kind === 'root') identity = Y;
    if (boundaryPolicy) boundary = tally.closeGate(tally.scan(boundaryPolicy, identitySide, 'explicit-deny', 'gate'));
    if (principal.session) session = tally.closeGate(tally.scan(principal.session, identitySide, 'explicit-deny', 'gate'));
  }
  if (resource.policy) tally.scan(resource.policy, hasBoundary ? resourceSideWithBoundary : resourceSide, 'explicit-deny', 'grant');
  const scp = identified && caller.serviceLinked !== true && principal.scps ? scanLevels(tally, principal.scps, 'scp', true) : Y;
  if (caller.kind !== 'service' && resource.rcps && rcpServices.has(action.slice(0, action.indexOf(':')))) scanLevels(tally, resource.rcps, 'rcp', false);

  if (tally.denied !== undefined) return result('denied', tally, tally.denied);
  if (scp === N) return result('denied', tally, 'scp');
  const kind = effectiveKind(request, resource);
  const side: IdentitySide = { identity, boundary, session };
  const allow = allowLevel(request, kind, side, tally);
  if (allow === N) return result('denied', tally, notAllowedReason(request, kind, side));
  const level = tally.mayDeny ? M : min(allow, scp);
  return result(level === Y ? 'allowed' : 'conditional', tally);
}
