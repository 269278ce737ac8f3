import type { PolicyDocument, PolicyKind, Statement } from '../model/policy.js';
import { statementLabel } from '../model/policy.js';
import { SourceFile } from '../model/source.js';
import { parseJson } from '../sources/json.js';
import { readPolicy } from '../sources/policy.js';
import { fileLayer } from '../sources/text-layer.js';

// What the graph needs to know about each policy document it evaluates: a number (so that sets of
// documents have a cheap identity), how evidence names it, and whether its answer can depend on who
// the principal is beyond its kind and account (then evaluations cannot be shared between principals).

let nextId = 1;
const ids = new WeakMap<PolicyDocument, number>();

/** A number for the document, the same every time it is asked for in this process. */
export function documentId(document: PolicyDocument): number {
  let id = ids.get(document);
  if (id === undefined) {
    id = nextId++;
    ids.set(document, id);
  }
  return id;
}

/** How evidence names documents: `policy 'deploy' (inline, user/dev)`; registered while the graph is built. */
export class DocumentNames {
  private readonly names = new Map<PolicyDocument, string>();

  /** The first name given wins: a managed policy is named by itself, however many principals hold it. */
  set(document: PolicyDocument, name: string): void {
    if (!this.names.has(document)) this.names.set(document, name);
  }

  name(document: PolicyDocument): string {
    return this.names.get(document) ?? `policy in ${document.source.path}`;
  }

  /** `Statement 'PassRoles' of policy 'deploy' (inline, user/dev)`. */
  statement(document: PolicyDocument, statement: Statement): string {
    return `Statement ${statementLabel(statement)} of ${this.name(document)}`;
  }
}

/** Condition keys whose value differs between principals of the same kind and account. */
const principalKey = /^aws:(principalarn|principaltag\/|username|userid|sourceidentity|principalservicename)/;

const dependentStatements = new WeakMap<Statement, boolean>();

/** Whether the statement's conditions look at who the principal is, or a policy variable may (see `dependsOnPrincipal`). */
export function statementDependsOnPrincipal(statement: Statement): boolean {
  let found = dependentStatements.get(statement);
  if (found === undefined) {
    found =
      (statement.condition?.clauses ?? []).some((clause) => principalKey.test(clause.key.value.toLowerCase()) || clause.values.some((v) => typeof v.value === 'string' && v.value.includes('${'))) ||
      [statement.resource, statement.notResource].some((list) => list?.items.some((item) => item.value.includes('${')) ?? false);
    dependentStatements.set(statement, found);
  }
  return found;
}

let nextStatementId = 1;
const statementIds = new WeakMap<Statement, number>();

export function statementId(statement: Statement): number {
  let id = statementIds.get(statement);
  if (id === undefined) {
    id = nextStatementId++;
    statementIds.set(statement, id);
  }
  return id;
}

const dependent = new WeakMap<PolicyDocument, boolean>();

/**
 * Whether the document can decide differently for two principals of the same kind and account: a
 * condition on the principal's ARN, name, id or tags, or a policy variable anywhere (resources and
 * condition values), or — for a document with principals — a principal it names by ARN (the caller
 * checks that against the principal in question, see `namedArns`).
 */
export function dependsOnPrincipal(document: PolicyDocument): boolean {
  let found = dependent.get(document);
  if (found === undefined) {
    found = document.statements.some(statementDependsOnPrincipal);
    dependent.set(document, found);
  }
  return found;
}

const named = new WeakMap<PolicyDocument, ReadonlySet<string>>();

/** The `AWS` principal values a document's Principal and NotPrincipal elements name, as written. */
export function namedArns(document: PolicyDocument): ReadonlySet<string> {
  let found = named.get(document);
  if (!found) {
    const values = new Set<string>();
    for (const statement of document.statements) {
      for (const block of [statement.principal, statement.notPrincipal]) {
        for (const entry of block?.entries ?? []) if (entry.type === 'AWS') values.add(entry.value.value);
      }
    }
    found = values;
    named.set(document, found);
  }
  return found;
}

/** A document iamlint makes up (not from any export); evidence never cites its statements. */
const synthetic = new WeakSet<PolicyDocument>();

export function isSynthetic(document: PolicyDocument): boolean {
  return synthetic.has(document);
}

function makeDocument(name: string, kind: PolicyKind, statement: object): PolicyDocument {
  const source = new SourceFile(`<iamlint ${name}>`, JSON.stringify({ Version: '2012-10-17', Statement: [statement] }, null, 2));
  const root = parseJson(source.text, false).root;
  if (!root) throw new Error(`iamlint's ${name} policy does not parse`);
  const document = readPolicy(fileLayer(source), root, { kind, kindSource: 'context' });
  synthetic.add(document);
  return document;
}

let allowAll: PolicyDocument | undefined;

/**
 * Allow `*` on `*`: the identity policy of a principal that can give itself any permission (a self
 * technique's outcome), and of an external account's principals, whose own policies are unknown.
 */
export function allowEverything(): PolicyDocument {
  allowAll ??= makeDocument('allow-everything', 'identity', { Effect: 'Allow', Action: '*', Resource: '*' });
  return allowAll;
}
