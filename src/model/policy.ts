import type { SourceFile } from './source.js';
import type { Span } from './span.js';

/** What a policy document is attached to decides its grammar and how it is evaluated. */
export const policyKinds = ['identity', 'resource', 'trust', 'scp', 'rcp', 'boundary'] as const;
export type PolicyKind = (typeof policyKinds)[number];

/** How the kind was decided: from the content, forced by config, or known from where the policy sits. */
export type KindSource = 'inferred' | 'config' | 'context';

export interface Located<T> {
  readonly value: T;
  readonly span: Span;
}

export type ListElement = 'Action' | 'NotAction' | 'Resource' | 'NotResource';
export type PrincipalElement = 'Principal' | 'NotPrincipal';
export type StatementElement = 'Sid' | 'Effect' | ListElement | PrincipalElement | 'Condition';
export const statementElements: readonly StatementElement[] = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'];
export type PolicyElement = 'Version' | 'Id' | 'Statement';
export const policyElements: readonly PolicyElement[] = ['Version', 'Id', 'Statement'];

/** `Action`, `NotAction`, `Resource` or `NotResource`, normalized from a string or an array of strings. */
export interface StringList {
  readonly element: ListElement;
  /** The whole property, key included. */
  readonly span: Span;
  readonly isArray: boolean;
  /** The string entries, in order; entries of another type are shape problems, not items. */
  readonly items: readonly Located<string>[];
  /** True for `[]`. */
  readonly empty: boolean;
}

export const principalTypes = ['AWS', 'Service', 'Federated', 'CanonicalUser'] as const;
export type PrincipalType = (typeof principalTypes)[number];

export interface PrincipalEntry {
  readonly type: PrincipalType;
  readonly value: Located<string>;
}

/** `Principal` or `NotPrincipal`: `"*"` or `{ "AWS" | "Service" | "Federated" | "CanonicalUser": string | string[] }`. */
export interface PrincipalBlock {
  readonly element: PrincipalElement;
  readonly span: Span;
  /** The `"*"` shorthand: every principal, authenticated or not. */
  readonly wildcard: boolean;
  readonly entries: readonly PrincipalEntry[];
  /** `{}` or only empty lists. */
  readonly empty: boolean;
}

export type ConditionValue = string | number | boolean;

/** One `"Operator": { "key": values }` pair. Values of one clause are ORed; clauses are ANDed. */
export interface ConditionClause {
  /** The operator as written, e.g. `ForAnyValue:StringLikeIfExists`, spanning its whole property. */
  readonly operator: Located<string>;
  /** The condition key as written, spanning its whole property. */
  readonly key: Located<string>;
  readonly values: readonly Located<ConditionValue>[];
}

export interface ConditionBlock {
  readonly span: Span;
  readonly clauses: readonly ConditionClause[];
}

export interface Statement {
  /** 0-based position in the document's `Statement` list. */
  readonly index: number;
  readonly sid: Located<string> | undefined;
  /** As written; `policy-grammar` reports anything but `Allow` or `Deny`. */
  readonly effect: Located<string> | undefined;
  readonly action: StringList | undefined;
  readonly notAction: StringList | undefined;
  readonly resource: StringList | undefined;
  readonly notResource: StringList | undefined;
  readonly principal: PrincipalBlock | undefined;
  readonly notPrincipal: PrincipalBlock | undefined;
  readonly condition: ConditionBlock | undefined;
  /** The statement object, or with `element`, that element's property (key and value). */
  span(element?: StatementElement): Span;
  /** Whether the element is present, whatever its value. */
  has(element: StatementElement): boolean;
}

/** Where the document's structure departs from the policy grammar; `policy-grammar` reports these. */
export type ShapeProblemCode = 'unknownElement' | 'wrongType' | 'duplicateKey';

export interface ShapeProblem {
  readonly code: ShapeProblemCode;
  readonly span: Span;
  /** The element concerned, e.g. `Statement[0].Actions` for an unknown element. */
  readonly element: string;
  /** For `wrongType`: what the grammar expects there. */
  readonly expected?: string;
}

export interface PolicyDocument {
  readonly source: SourceFile;
  readonly kind: PolicyKind;
  readonly kindSource: KindSource;
  /** ARN of what holds the policy (user, role, bucket …) when known. */
  readonly owner: string | undefined;
  readonly version: Located<string> | undefined;
  readonly id: Located<string> | undefined;
  /** The `Statement` property, if present; `isArray` is false for the single-object form. */
  readonly statementList: { readonly span: Span; readonly isArray: boolean; readonly empty: boolean } | undefined;
  readonly statements: readonly Statement[];
  readonly problems: readonly ShapeProblem[];
  /** The document object, or with `element`, that top-level property. */
  span(element?: PolicyElement): Span;
  /** Whether the top-level element is present, whatever its value. */
  has(element: PolicyElement): boolean;
}

export function isAllow(statement: Statement): boolean {
  return statement.effect?.value === 'Allow';
}

export function isDeny(statement: Statement): boolean {
  return statement.effect?.value === 'Deny';
}

/** How messages name a statement: its Sid, else its 1-based position. */
export function statementLabel(statement: Statement): string {
  const sid = statement.sid?.value;
  return sid !== undefined && sid !== '' ? `'${sid}'` : `#${statement.index + 1}`;
}
