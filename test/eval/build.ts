import type { ConditionClause, PolicyDocument, PolicyKind } from '../../src/model/policy.js';
import type { Request, RequestPrincipal } from '../../src/eval/types.js';
import { loadPolicyText } from '../helpers/policy.js';

// Builders for the evaluator's tests: principals, requests and policies in a few words.

export const ACCOUNT = '111122223333';
export const OTHER = '444455556666';
export const NOW = new Date('2025-06-01T12:00:00Z');

export function user(name: string, options: { account?: string; tags?: Record<string, string> } = {}): RequestPrincipal {
  const account = options.account ?? ACCOUNT;
  return { kind: 'user', arn: `arn:aws:iam::${account}:user/${name}`, account, name, tags: options.tags ? new Map(Object.entries(options.tags)) : undefined };
}

export function role(name: string, options: { account?: string; session?: string | null; path?: string; tags?: Record<string, string>; serviceLinked?: boolean } = {}): RequestPrincipal {
  const account = options.account ?? ACCOUNT;
  const session = options.session === undefined ? 'session' : options.session;
  return {
    kind: 'role',
    arn: `arn:aws:iam::${account}:role/${options.path ?? ''}${name}`,
    account,
    name,
    sessionArn: session === null ? undefined : `arn:aws:sts::${account}:assumed-role/${name}/${session}`,
    tags: options.tags ? new Map(Object.entries(options.tags)) : undefined,
    serviceLinked: options.serviceLinked,
  };
}

export function root(account = ACCOUNT): RequestPrincipal {
  return { kind: 'root', arn: `arn:aws:iam::${account}:root`, account };
}

export function service(name: string): RequestPrincipal {
  return { kind: 'service', arn: name, account: undefined };
}

export const anonymous: RequestPrincipal = { kind: 'anonymous', arn: '*', account: undefined };

export interface RequestOptions {
  readonly values?: Record<string, string | string[]>;
  readonly absent?: readonly string[];
  readonly resourceAccount?: string;
  readonly now?: Date;
}

export function request(principal: RequestPrincipal, action: string, resource = '*', options: RequestOptions = {}): Request {
  const values = options.values ? new Map(Object.entries(options.values).map(([k, v]) => [k.toLowerCase(), typeof v === 'string' ? [v] : v])) : undefined;
  return {
    principal,
    action,
    resource,
    resourceAccount: options.resourceAccount,
    context: { values, absent: options.absent ? new Set(options.absent.map((k) => k.toLowerCase())) : undefined, now: options.now ?? NOW },
  };
}

/** A policy document of the given statements (Version 2012-10-17 unless `version` says otherwise). */
export function policy(statements: object[], kind?: PolicyKind, version = '2012-10-17'): PolicyDocument {
  return loadPolicyText(JSON.stringify({ Version: version, Statement: statements }), `${kind ?? 'policy'}.json`, kind);
}

/** An identity policy allowing (or denying) the actions on the resources, with an optional condition. */
export function allow(action: string | string[], resource: string | string[] = '*', condition?: object): object {
  return { Effect: 'Allow', Action: action, Resource: resource, ...(condition ? { Condition: condition } : {}) };
}

export function deny(action: string | string[], resource: string | string[] = '*', condition?: object): object {
  return { Effect: 'Deny', Action: action, Resource: resource, ...(condition ? { Condition: condition } : {}) };
}

/** The one clause of `{ operator: { key: values } }`. */
export function clause(operator: string, key: string, values: unknown, version = '2012-10-17'): ConditionClause {
  const document = policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { [operator]: { [key]: values } } }], 'identity', version);
  const found = document.statements[0]?.condition?.clauses[0];
  if (!found) throw new Error('no clause');
  return found;
}
