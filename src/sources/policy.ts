import {
  principalTypes,
  type ConditionBlock,
  type ConditionClause,
  type ConditionValue,
  type KindSource,
  type ListElement,
  type Located,
  type PolicyDocument,
  type PolicyElement,
  type PolicyKind,
  type PrincipalBlock,
  type PrincipalElement,
  type PrincipalEntry,
  type PrincipalType,
  type ShapeProblem,
  type Statement,
  type StatementElement,
  type StringList,
} from '../model/policy.js';
import type { SourceFile } from '../model/source.js';
import type { JsonPath, Span } from '../model/span.js';
import { formatJsonPath } from '../model/span.js';
import type { JsonNode, JsonObject, JsonRange } from './json.js';
import { layerSpan, type TextLayer } from './text-layer.js';

/*
 * The loader runs for every statement of every file, so it is written for speed: one pass over each
 * object's properties, classes with methods on the prototype rather than closures, and spans
 * computed on first use (most elements are never reported, and a span needs the file's line table).
 */

/** A span computed on first use and cached. */
abstract class LazySpan {
  private cached: Span | undefined;

  constructor(
    private readonly layer: TextLayer,
    private readonly node: JsonRange,
    private readonly parent: JsonPath,
    private readonly key: string | number | undefined,
  ) {}

  get span(): Span {
    this.cached ??= layerSpan(this.layer, this.node.offset, this.node.length, this.key === undefined ? this.parent : [...this.parent, this.key]);
    return this.cached;
  }
}

class LocatedValue<T> extends LazySpan implements Located<T> {
  constructor(
    readonly value: T,
    layer: TextLayer,
    node: JsonRange,
    parent: JsonPath,
    key?: string | number,
  ) {
    super(layer, node, parent, key);
  }
}

class List extends LazySpan implements StringList {
  constructor(
    readonly element: ListElement,
    readonly isArray: boolean,
    readonly items: readonly Located<string>[],
    readonly empty: boolean,
    layer: TextLayer,
    property: JsonRange,
    path: JsonPath,
  ) {
    super(layer, property, path, undefined);
  }
}

class Principals extends LazySpan implements PrincipalBlock {
  constructor(
    readonly element: PrincipalElement,
    readonly wildcard: boolean,
    readonly entries: readonly PrincipalEntry[],
    readonly empty: boolean,
    layer: TextLayer,
    property: JsonRange,
    path: JsonPath,
  ) {
    super(layer, property, path, undefined);
  }
}

class Conditions extends LazySpan implements ConditionBlock {
  constructor(
    readonly clauses: readonly ConditionClause[],
    layer: TextLayer,
    property: JsonRange,
    path: JsonPath,
  ) {
    super(layer, property, path, undefined);
  }
}

class StatementList extends LazySpan {
  constructor(
    readonly isArray: boolean,
    readonly empty: boolean,
    layer: TextLayer,
    property: JsonRange,
  ) {
    super(layer, property, ['Statement'], undefined);
  }
}

/** An object's element properties, by name; the spans of the object and of each property on demand. */
class Elements<E extends string> {
  private readonly properties = new Map<string, JsonRange>();
  private spans: Map<E | undefined, Span> | undefined;

  constructor(
    private readonly layer: TextLayer,
    private readonly node: JsonRange,
    private readonly path: JsonPath,
  ) {}

  /** Records a property; false when the name was already there (a duplicate key). */
  add(name: string, property: JsonRange): boolean {
    const fresh = !this.properties.has(name);
    this.properties.set(name, property);
    return fresh;
  }

  has(element: E): boolean {
    return this.properties.has(element);
  }

  span(element?: E): Span {
    this.spans ??= new Map();
    let span = this.spans.get(element);
    if (!span) {
      const property = element === undefined ? undefined : this.properties.get(element);
      span = property
        ? layerSpan(this.layer, property.offset, property.length, [...this.path, element as string])
        : layerSpan(this.layer, this.node.offset, this.node.length, this.path);
      this.spans.set(element, span);
    }
    return span;
  }
}

class StatementModel implements Statement {
  sid: Located<string> | undefined = undefined;
  effect: Located<string> | undefined = undefined;
  action: StringList | undefined = undefined;
  notAction: StringList | undefined = undefined;
  resource: StringList | undefined = undefined;
  notResource: StringList | undefined = undefined;
  principal: PrincipalBlock | undefined = undefined;
  notPrincipal: PrincipalBlock | undefined = undefined;
  condition: ConditionBlock | undefined = undefined;

  constructor(
    readonly index: number,
    readonly elements: Elements<StatementElement>,
  ) {}

  span(element?: StatementElement): Span {
    return this.elements.span(element);
  }

  has(element: StatementElement): boolean {
    return this.elements.has(element);
  }
}

class DocumentModel implements PolicyDocument {
  version: Located<string> | undefined = undefined;
  id: Located<string> | undefined = undefined;
  statementList: StatementList | undefined = undefined;
  readonly statements: Statement[] = [];
  kind: PolicyKind = 'identity';
  kindSource: KindSource = 'inferred';

  constructor(
    readonly source: SourceFile,
    readonly owner: string | undefined,
    readonly problems: readonly ShapeProblem[],
    private readonly elements: Elements<PolicyElement>,
  ) {}

  span(element?: PolicyElement): Span {
    return this.elements.span(element);
  }

  has(element: PolicyElement): boolean {
    return this.elements.has(element);
  }
}

const knownPrincipalTypes: ReadonlySet<string> = new Set(principalTypes);

const expectedPrincipal = '"*" or an object such as {"AWS": …}';

/** Turns the JSON tree of a policy document into the normalized model, collecting shape problems. */
class PolicyReader {
  readonly problems: ShapeProblem[] = [];

  constructor(readonly layer: TextLayer) {}

  problem(code: ShapeProblem['code'], node: JsonRange, path: JsonPath, expected?: string): void {
    const span = layerSpan(this.layer, node.offset, node.length, path);
    const element = formatJsonPath(span.path);
    this.problems.push(expected === undefined ? { code, span, element } : { code, span, element, expected });
  }

  /** Calls `each(key, property, value)` per property; reports duplicates (the last one wins, as in JSON.parse). */
  properties(node: JsonObject, path: JsonPath, elements: Elements<string> | undefined, each: (key: string, property: JsonRange, value: JsonNode) => void): void {
    const seen = elements ? undefined : new Set<string>();
    for (const property of node.properties) {
      const { key } = property;
      const fresh = elements ? elements.add(key, property) : !seen?.has(key);
      seen?.add(key);
      if (!fresh) this.problem('duplicateKey', property, [...path, key]);
      each(key, property, property.value);
    }
  }

  unknown(property: JsonRange, path: JsonPath, key: string): void {
    this.problem('unknownElement', property, [...path, key]);
  }

  string(value: JsonNode, property: JsonRange, path: JsonPath, key: string): Located<string> | undefined {
    if (value.type === 'string') return new LocatedValue(value.value, this.layer, property, path, key);
    this.problem('wrongType', value, [...path, key], 'a string');
    return undefined;
  }

  /** A string or an array of strings, as the grammar allows for lists. */
  strings(value: JsonNode, path: JsonPath): { isArray: boolean; items: Located<string>[]; empty: boolean } {
    const items: Located<string>[] = [];
    if (value.type === 'string') return { isArray: false, items: [new LocatedValue(value.value, this.layer, value, path)], empty: false };
    if (value.type !== 'array') {
      this.problem('wrongType', value, path, 'a string or an array of strings');
      return { isArray: false, items, empty: false };
    }
    value.items.forEach((item, i) => {
      if (item.type === 'string') items.push(new LocatedValue(item.value, this.layer, item, path, i));
      else this.problem('wrongType', item, [...path, i], 'a string');
    });
    return { isArray: true, items, empty: value.items.length === 0 };
  }

  stringList(element: ListElement, value: JsonNode, property: JsonRange, path: JsonPath): StringList {
    const elementPath = [...path, element];
    const { isArray, items, empty } = this.strings(value, elementPath);
    return new List(element, isArray, items, empty, this.layer, property, elementPath);
  }

  principal(element: PrincipalElement, value: JsonNode, property: JsonRange, statementPath: JsonPath): PrincipalBlock {
    const path = [...statementPath, element];
    const block = (wildcard: boolean, entries: PrincipalEntry[], empty: boolean): PrincipalBlock => new Principals(element, wildcard, entries, empty, this.layer, property, path);
    if (value.type === 'string') {
      if (value.value !== '*') this.problem('wrongType', value, path, expectedPrincipal);
      return block(value.value === '*', [], false);
    }
    if (value.type !== 'object') {
      this.problem('wrongType', value, path, expectedPrincipal);
      return block(false, [], false);
    }
    const entries: PrincipalEntry[] = [];
    // Empty means `{}` or only empty lists; unknown types and wrong values are grammar problems instead.
    let empty = true;
    this.properties(value, path, undefined, (type, typeProperty, list) => {
      if (!knownPrincipalTypes.has(type)) this.unknown(typeProperty, path, type);
      const read = this.strings(list, [...path, type]);
      if (!read.empty) empty = false;
      if (knownPrincipalTypes.has(type)) for (const item of read.items) entries.push({ type: type as PrincipalType, value: item });
    });
    return block(false, entries, empty);
  }

  condition(value: JsonNode, property: JsonRange, statementPath: JsonPath): ConditionBlock {
    const path = [...statementPath, 'Condition'];
    const clauses: ConditionClause[] = [];
    if (value.type !== 'object') {
      this.problem('wrongType', value, path, 'an object of operators');
      return new Conditions(clauses, this.layer, property, path);
    }
    this.properties(value, path, undefined, (operator, operatorProperty, keys) => {
      const operatorPath = [...path, operator];
      if (keys.type !== 'object') {
        this.problem('wrongType', keys, operatorPath, 'an object of condition keys');
        return;
      }
      const located = new LocatedValue(operator, this.layer, operatorProperty, operatorPath);
      this.properties(keys, operatorPath, undefined, (key, keyProperty, raw) => {
        const keyPath = [...operatorPath, key];
        const values: Located<ConditionValue>[] = [];
        const add = (node: JsonNode, index?: number): void => {
          if (node.type === 'string' || node.type === 'number' || node.type === 'boolean') values.push(new LocatedValue<ConditionValue>(node.value, this.layer, node, keyPath, index));
          else this.problem('wrongType', node, index === undefined ? keyPath : [...keyPath, index], 'a string, number or boolean');
        };
        if (raw.type === 'array') raw.items.forEach((item, i) => { add(item, i); });
        else add(raw);
        clauses.push({ operator: located, key: new LocatedValue(key, this.layer, keyProperty, keyPath), values });
      });
    });
    return new Conditions(clauses, this.layer, property, path);
  }

  statement(node: JsonNode, index: number, path: JsonPath): Statement | undefined {
    if (node.type !== 'object') {
      this.problem('wrongType', node, path, 'a statement object');
      return undefined;
    }
    const statement = new StatementModel(index, new Elements<StatementElement>(this.layer, node, path));
    this.properties(node, path, statement.elements, (key, property, value) => {
      switch (key) {
        case 'Sid':
          statement.sid = this.string(value, property, path, key);
          break;
        case 'Effect':
          statement.effect = this.string(value, property, path, key);
          break;
        case 'Action':
          statement.action = this.stringList(key, value, property, path);
          break;
        case 'NotAction':
          statement.notAction = this.stringList(key, value, property, path);
          break;
        case 'Resource':
          statement.resource = this.stringList(key, value, property, path);
          break;
        case 'NotResource':
          statement.notResource = this.stringList(key, value, property, path);
          break;
        case 'Principal':
          statement.principal = this.principal(key, value, property, path);
          break;
        case 'NotPrincipal':
          statement.notPrincipal = this.principal(key, value, property, path);
          break;
        case 'Condition':
          statement.condition = this.condition(value, property, path);
          break;
        default:
          this.unknown(property, path, key);
      }
    });
    return statement;
  }
}

export interface PolicyContext {
  /** Forced kind (config override, or known from where the policy sits). */
  readonly kind?: PolicyKind;
  readonly kindSource?: KindSource;
  readonly owner?: string;
}

/** Actions a role trust policy may contain. */
const trustActions = new Set(['sts:assumerole', 'sts:assumerolewithsaml', 'sts:assumerolewithwebidentity', 'sts:tagsession', 'sts:setsourceidentity', 'sts:setcontext']);

/**
 * The kind of a standalone document: with a Principal it is a trust policy when every action is one
 * a trust policy may hold, else a resource policy; without one it is an identity policy.
 */
export function inferKind(statements: readonly Statement[]): PolicyKind {
  const withPrincipal = statements.filter((s) => s.principal !== undefined || s.notPrincipal !== undefined);
  if (withPrincipal.length === 0) return 'identity';
  const actions = withPrincipal.flatMap((s) => s.action?.items ?? []);
  if (actions.length > 0 && actions.every((a) => trustActions.has(a.value.toLowerCase()))) return 'trust';
  return 'resource';
}

/** Reads the policy document at `node` (the root of `layer`, or a node inside it). */
export function readPolicy(layer: TextLayer, node: JsonNode, context: PolicyContext = {}): PolicyDocument {
  const reader = new PolicyReader(layer);
  const elements = new Elements<PolicyElement>(layer, node, []);
  const document = new DocumentModel(layer.source, context.owner, reader.problems, elements);
  if (node.type !== 'object') reader.problem('wrongType', node, [], 'a policy object');
  else {
    reader.properties(node, [], elements, (key, property, value) => {
      switch (key) {
        case 'Version':
          document.version = reader.string(value, property, [], key);
          break;
        case 'Id':
          document.id = reader.string(value, property, [], key);
          break;
        case 'Statement': {
          const isArray = value.type === 'array';
          document.statementList = new StatementList(isArray, isArray && value.items.length === 0, layer, property);
          document.statements.length = 0;
          if (isArray) {
            value.items.forEach((child, i) => {
              const statement = reader.statement(child, i, ['Statement', i]);
              if (statement) document.statements.push(statement);
            });
          } else if (value.type === 'object') {
            const statement = reader.statement(value, 0, ['Statement']);
            if (statement) document.statements.push(statement);
          } else reader.problem('wrongType', value, ['Statement'], 'a statement object or an array of them');
          break;
        }
        default:
          reader.unknown(property, [], key);
      }
    });
  }
  document.kind = context.kind ?? inferKind(document.statements);
  document.kindSource = context.kind ? (context.kindSource ?? 'context') : 'inferred';
  return document;
}
