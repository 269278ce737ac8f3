import { policyVariables } from '../iam/policy-variables.js';
import { resourceMatcher, type Matcher } from '../iam/wildcard.js';
import type { ConditionClause, PolicyDocument, Statement } from '../model/policy.js';
import { evaluateClause } from './conditions.js';
import { excludedBy, matchPrincipal, type PrincipalMatch } from './principals.js';
import type { Applies, OpenCondition, PrincipalMatchKind, Request, StatementMatch } from './types.js';
import { anyValues, encodedMatch, resolveVariables } from './variables.js';

/*
 * Whether a statement bears on a request: its Action or NotAction (case-insensitive wildcards), its
 * Resource or NotResource (case-sensitive; wildcards span `:` and `/`; policy variables resolved from
 * the request), for resource and trust policies its Principal or NotPrincipal, and its Condition.
 * Graph building asks this millions of times, so each statement is compiled once, the answer "no"
 * is `undefined`, and an unconditional "yes" is a shared object.
 */

export interface MatchOptions {
  /** Match the statement's Principal or NotPrincipal against the caller: for resource and trust policies only. */
  readonly principal?: boolean;
  /**
   * The caller has a permissions boundary: a Deny with NotPrincipal in a resource policy then applies
   * to it whatever NotPrincipal lists (evaluation.md row 8).
   */
  readonly hasBoundary?: boolean;
}

/**
 * A Resource entry: a matcher, or a pattern with policy variables to resolve per request. AWS
 * substitutes variables only in an ARN's resource part, after its fifth colon; before it they are
 * literal text (IAM User Guide, "Policy variables in the Resource element").
 */
type ResourceEntry = Matcher | { readonly head: string; readonly tail: string };

/** Splits a Resource with variables after its fifth colon (colons inside `${…}` do not count). */
function variableEntry(text: string): ResourceEntry {
  let colons = 0;
  let at = 0;
  for (const variable of policyVariables(text)) {
    for (; at < variable.start; at++) if (text.charCodeAt(at) === 58 && ++colons === 5) return { head: text.slice(0, at + 1), tail: text.slice(at + 1) };
    at = variable.end;
  }
  for (; at < text.length; at++) if (text.charCodeAt(at) === 58 && ++colons === 5) return { head: text.slice(0, at + 1), tail: text.slice(at + 1) };
  // Not an ARN (fewer than six parts): the whole text is substituted.
  return { head: '', tail: text };
}

/** A statement read once for matching. */
export interface CompiledStatement {
  readonly document: PolicyDocument;
  readonly statement: Statement;
  /** Undefined for an effect other than Allow or Deny: the statement never applies. */
  readonly effect: 'Allow' | 'Deny' | undefined;
  /** Matchers of the lower-cased Action or NotAction patterns; undefined when the statement has neither. */
  readonly actions: readonly Matcher[] | undefined;
  readonly notAction: boolean;
  /** Undefined when the statement has neither Resource nor NotResource (trust policies): every resource. */
  readonly resources: readonly ResourceEntry[] | undefined;
  readonly notResource: boolean;
  readonly clauses: readonly ConditionClause[];
  /** Version 2012-10-17: policy variables are substituted (under 2008-10-17 `${…}` is literal text). */
  readonly variables: boolean;
}

const compiledStatement = new WeakMap<Statement, CompiledStatement>();

function compile(document: PolicyDocument, statement: Statement): CompiledStatement {
  const effect = statement.effect?.value;
  const variables = document.version?.value === '2012-10-17';
  const actionList = statement.action ?? statement.notAction;
  const resourceList = statement.resource ?? statement.notResource;
  return {
    document,
    statement,
    effect: effect === 'Allow' || effect === 'Deny' ? effect : undefined,
    actions: actionList?.items.map((item) => resourceMatcher(item.value.toLowerCase())),
    notAction: !statement.action && statement.notAction !== undefined,
    resources: resourceList?.items.map((item) => (variables && item.value.includes('${') ? variableEntry(item.value) : resourceMatcher(item.value))),
    notResource: !statement.resource && statement.notResource !== undefined,
    clauses: statement.condition?.clauses ?? [],
    variables,
  };
}

export function compileStatement(document: PolicyDocument, statement: Statement): CompiledStatement {
  let found = compiledStatement.get(statement);
  if (!found) {
    found = compile(document, statement);
    compiledStatement.set(statement, found);
  }
  return found;
}

const compiledDocument = new WeakMap<PolicyDocument, readonly CompiledStatement[]>();

/** The document's statements, compiled once. */
export function compiledStatements(document: PolicyDocument): readonly CompiledStatement[] {
  let found = compiledDocument.get(document);
  if (!found) {
    found = document.statements.map((statement) => compileStatement(document, statement));
    compiledDocument.set(document, found);
  }
  return found;
}

/** The last action lower-cased: an evaluation asks about one action across all its statements. */
let lastAction = '';
let lastLowered = '';

/** The action lower-cased, without allocating when it is the one asked about last. */
export function lowered(action: string): string {
  if (action !== lastAction) {
    lastAction = action;
    lastLowered = action.toLowerCase();
  }
  return lastLowered;
}

const NO = 0;
const MAYBE = 1;
const YES = 2;
type Level = typeof NO | typeof MAYBE | typeof YES;
/** A Resource entry whose policy variable cannot be substituted. */
const INVALID = 3;

function actionLevel(c: CompiledStatement, action: string): Level {
  if (!c.actions) return NO;
  let found = false;
  for (const matcher of c.actions) {
    if (matcher(action)) {
      found = true;
      break;
    }
  }
  return found !== c.notAction ? YES : NO;
}

/**
 * How one entry with variables matches; INVALID when a variable cannot be substituted and the entry
 * could match the resource with some value of it (an entry that could match none is simply no match).
 */
function variableResource(entry: { readonly head: string; readonly tail: string }, request: Request): Level | typeof INVALID {
  const resolved = resolveVariables(entry.tail, request, true);
  if (resolved.status === 'invalid') return encodedMatch(entry.head + anyValues(entry.tail), request.resource) ? INVALID : NO;
  if (!encodedMatch(entry.head + resolved.text, request.resource)) return NO;
  return resolved.exact ? YES : MAYBE;
}

/**
 * How the Resource or NotResource element matches. A variable that cannot be substituted makes its
 * entry match nothing, and a NotResource entry holding one that could otherwise match makes the whole
 * statement invalid: it applies to nothing, Allow or Deny (AWS: "If AWS cannot resolve a variable,
 * this might cause the entire statement to be invalid"; iam-simulate agrees).
 */
function resourceLevel(c: CompiledStatement, request: Request): Level {
  if (!c.resources) return YES;
  let level: Level = NO;
  for (const entry of c.resources) {
    const found = typeof entry === 'function' ? (entry(request.resource) ? YES : NO) : variableResource(entry, request);
    if (found === INVALID) {
      if (c.notResource) return NO;
      continue;
    }
    if (found > level) level = found;
    if (level === YES && !c.notResource) break;
  }
  if (!c.notResource) return level;
  return level === YES ? NO : level === MAYBE ? MAYBE : YES;
}

const everyone: PrincipalMatch = { applies: 'yes', how: 'wildcard' };
const maybeEveryone: PrincipalMatch = { applies: 'maybe', how: 'wildcard' };

function principalOf(c: CompiledStatement, request: Request, options: MatchOptions): PrincipalMatch | undefined {
  const { statement } = c;
  if (statement.principal) return matchPrincipal(statement.principal, request.principal);
  if (!statement.notPrincipal) return undefined;
  const { kind } = request.principal;
  if (c.effect === 'Deny' && options.hasBoundary === true && (kind === 'user' || kind === 'role')) return everyone;
  const excluded = excludedBy(statement.notPrincipal, request.principal);
  return excluded === 'no' ? everyone : excluded === 'maybe' ? maybeEveryone : undefined;
}

/** Unconditional matches, shared: one per statement, and per statement and principal match. */
const yesMatches = new WeakMap<CompiledStatement, StatementMatch>();
const yesByPrincipal = new WeakMap<CompiledStatement, Map<PrincipalMatchKind, StatementMatch>>();
const noOpen: readonly OpenCondition[] = [];

function sureMatch(c: CompiledStatement, how: PrincipalMatchKind | undefined): StatementMatch {
  if (how === undefined) {
    let found = yesMatches.get(c);
    if (!found) {
      found = { document: c.document, statement: c.statement, applies: 'yes', open: noOpen };
      yesMatches.set(c, found);
    }
    return found;
  }
  let byHow = yesByPrincipal.get(c);
  if (!byHow) {
    byHow = new Map();
    yesByPrincipal.set(c, byHow);
  }
  let found = byHow.get(how);
  if (!found) {
    found = { document: c.document, statement: c.statement, applies: 'yes', open: noOpen, principal: how };
    byHow.set(how, found);
  }
  return found;
}

const identitySide: MatchOptions = {};
const withVariables = { variables: true };
const withoutVariables = { variables: false };

/** Whether a compiled statement applies to the request; undefined when it does not. */
export function matchCompiled(c: CompiledStatement, request: Request, options: MatchOptions = identitySide): StatementMatch | undefined {
  if (c.effect === undefined || actionLevel(c, lowered(request.action)) === NO) return undefined;
  let level = resourceLevel(c, request);
  if (level === NO) return undefined;
  let how: PrincipalMatchKind | undefined;
  if (options.principal === true) {
    const principal = principalOf(c, request, options);
    if (!principal) return undefined;
    how = principal.how;
    if (principal.applies === 'maybe') level = MAYBE;
  }
  let open: OpenCondition[] | undefined;
  for (const clause of c.clauses) {
    const truth = evaluateClause(clause, request, c.variables ? withVariables : withoutVariables);
    if (truth === 'false') return undefined;
    if (truth === 'unknown') (open ??= []).push({ document: c.document, statement: c.statement, clause });
  }
  if (level === YES && !open) return sureMatch(c, how);
  return { document: c.document, statement: c.statement, applies: 'maybe', open: open ?? noOpen, principal: how };
}

/**
 * Whether a statement applies to the request: a match (`yes`, or `maybe` with the conditions that
 * are open), or undefined for "no". Statements of identity policies, boundaries, session policies,
 * SCPs and RCPs are matched without their Principal; pass `{ principal: true }` for resource and
 * trust policies.
 */
export function matchStatement(document: PolicyDocument, statement: Statement, request: Request, options?: MatchOptions): StatementMatch | undefined {
  return matchCompiled(compileStatement(document, statement), request, options);
}

/** The same as an `Applies`. */
export function statementApplies(document: PolicyDocument, statement: Statement, request: Request, options?: MatchOptions): Applies {
  return matchStatement(document, statement, request, options)?.applies ?? 'no';
}

/**
 * Whether the statement's Resource (or NotResource) covers the request's resource: `maybe` while a
 * policy variable is unknown. (For the Action element alone, src/iam/statement.ts has `coversAction`.)
 */
export function resourceApplies(document: PolicyDocument, statement: Statement, request: Request): Applies {
  const level = resourceLevel(compileStatement(document, statement), request);
  return level === YES ? 'yes' : level === MAYBE ? 'maybe' : 'no';
}
