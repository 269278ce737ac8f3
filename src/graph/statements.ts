import { statementActions, type ActionSet } from '../iam/action-set.js';
import { parseArn } from '../iam/arn.js';
import type { ActionInfo } from '../iam/catalogue.js';
import { matchesResource } from '../iam/wildcard.js';
import { isAllow, type PolicyDocument, type Statement } from '../model/policy.js';
import type { PolicySet } from './principals-policies.js';

// An index of each policy set's Allow statements, to choose which requests are worth evaluating.
// Nothing here decides a request: a statement that might apply makes its principal a candidate, and
// `evaluate` on the concrete request gives the answer. So every test here errs towards "might".

export interface AllowStatement {
  readonly document: PolicyDocument;
  readonly statement: Statement;
  /** Undefined when the statement has neither Action nor NotAction. */
  readonly actions: ActionSet | undefined;
  /** The Resource patterns, policy variables widened to `*`; undefined for NotResource (or no resource element): it may apply to anything. */
  readonly resources: readonly string[] | undefined;
}

/** A policy variable stands for text only known at request time: for choosing candidates, anything. */
function widen(pattern: string): string {
  return pattern.includes('${') ? pattern.replace(/\$\{[^}]*\}/g, '*') : pattern;
}

export class StatementIndex {
  private readonly bySet = new Map<number, readonly AllowStatement[]>();

  /** The Allow statements of a set's identity policies. */
  allows(set: PolicySet): readonly AllowStatement[] {
    let found = this.bySet.get(set.id);
    if (!found) {
      found = set.policies.identity.flatMap((document) =>
        document.statements.filter(isAllow).map((statement) => ({
          document,
          statement,
          actions: statementActions(statement),
          resources: statement.resource ? statement.resource.items.map((item) => widen(item.value)) : undefined,
        })),
      );
      this.bySet.set(set.id, found);
    }
    return found;
  }

  /** The Allow statements whose actions include `action`. */
  grantsOf(set: PolicySet, action: ActionInfo): AllowStatement[] {
    return this.allows(set).filter((allow) => allow.actions?.has(action) ?? false);
  }

  /** Whether some identity Allow may grant the action at all (on some resource). */
  mayGrant(set: PolicySet, action: ActionInfo | undefined): boolean {
    if (!action) return true;
    return this.allows(set).some((allow) => allow.actions?.has(action) ?? false);
  }

  /** Whether some identity Allow may grant the action on the resource. */
  mayAllow(set: PolicySet, action: ActionInfo | undefined, resource: string): boolean {
    return this.allows(set).some((allow) => (!action || (allow.actions?.has(action) ?? false)) && coversResource(allow, resource));
  }
}

export function coversResource(allow: AllowStatement, resource: string): boolean {
  return allow.resources === undefined || allow.resources.some((pattern) => matchesResource(pattern, resource));
}

// ————————————————————————————————————————————————————————— resources to try

/** A name no one gives a resource: only a pattern that covers every name matches it. */
export const probeName = 'iamlint-probe-Zq9';

/** Where a probe resource lives, when its pattern does not say. */
export interface ProbeHome {
  readonly partition: string;
  readonly account: string;
  /** The principal's name, for `${aws:username}`. */
  readonly userName: string | undefined;
}

/** The resource types an action is authorized on: the required ones, else all it lists. */
function resourceFormats(action: ActionInfo): readonly string[] {
  const required = action.resourceTypes.filter((type) => type.required);
  return (required.length > 0 ? required : action.resourceTypes).flatMap((type) => {
    const arn = action.service.resourceTypes.get(type.name)?.arn;
    return arn === undefined ? [] : [arn];
  });
}

const fixed = (value: string | undefined): string | undefined => (value !== undefined && value !== '' && !/[*?$]/.test(value) ? value : undefined);

/**
 * ARNs of the action's resource types with every name `probeName`: a request on one is allowed only
 * by a statement that covers every resource of the type. Partition and region come from `pattern`
 * where it fixes them (else us-east-1), the account from `home`: the resources concerned are the
 * principal's account's. `*` for an action that takes no resource.
 */
function formatProbes(action: ActionInfo, pattern: string | undefined, home: ProbeHome): string[] {
  const formats = resourceFormats(action);
  if (formats.length === 0) return ['*'];
  const arn = pattern === undefined ? undefined : parseArn(pattern);
  const partition = fixed(arn?.partition) ?? home.partition;
  const region = fixed(arn?.region) ?? 'us-east-1';
  const { account } = home;
  return formats.map((format) =>
    format.replace(/\$\{(\w+)\}/g, (_, name: string) => (name === 'Partition' ? partition : name === 'Region' ? region : name === 'Account' ? account : probeName)),
  );
}

/** One resource a pattern covers: wildcards filled with `probeName`, known policy variables with their values. */
export function instantiate(pattern: string, home: ProbeHome): string {
  return pattern
    .replace(/\$\{([^}]*)\}/g, (_, name: string) => {
      const key = name.toLowerCase();
      if (key === 'aws:username' && home.userName !== undefined) return home.userName;
      if (key === 'aws:principalaccount') return home.account;
      return key === '*' ? '*' : key === '?' ? '?' : key === '$' ? '$' : probeName;
    })
    .replace(/\*/g, probeName)
    .replace(/\?/g, 'x');
}

/** The most requests tried for one action: a statement rarely lists more resources than this. */
const maxCandidates = 24;

/**
 * Resources to evaluate an action on, from the principal's Allow statements that grant it:
 * - `some`: the principal needs the action on a resource of its choosing (it creates the function or
 *   the stack): one resource each pattern covers, and for `*`/NotResource one of each resource type;
 * - `any`: it needs the action on resources it does not choose (any function that runs with some
 *   role): probes that only a pattern covering every resource of the type matches.
 * When no statement grants the action, the probes of its resource types: a request the evaluator
 * then denies (or allows through a grant the index could not see).
 */
export function candidateResources(action: ActionInfo, grants: readonly AllowStatement[], mode: 'some' | 'any', home: ProbeHome): string[] {
  const found = new Set<string>();
  for (const grant of grants) {
    if (grant.resources === undefined || grant.statement.resource === undefined) {
      for (const probe of formatProbes(action, undefined, home)) found.add(probe);
      continue;
    }
    for (const { value } of grant.statement.resource.items) {
      const arn = parseArn(value);
      if (mode === 'some' && arn !== undefined) found.add(instantiate(value, home));
      else for (const probe of formatProbes(action, arn ? value : undefined, home)) found.add(probe);
    }
    if (found.size >= maxCandidates) break;
  }
  if (found.size === 0) for (const probe of formatProbes(action, undefined, home)) found.add(probe);
  return [...found].slice(0, maxCandidates);
}
