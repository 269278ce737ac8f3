import {
  principalTypes,
  statementElements,
  policyElements,
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
import type { JsonPath, Span } from '../model/span.js';
import { formatJsonPath } from '../model/span.js';
import type { JsonNode } from './json.js';
import { layerSpan, type TextLayer } from './text-layer.js';

/**
 * Spans are computed on first use and cached: most elements are never reported, and building every
 * span up front (positions, paths) was most of the loader's cost.
 */
abstract class LazySpan {
  private cached: Span | undefined;

  constructor(
    private readonly layer: TextLayer,
    private readonly node: JsonNode,
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
    node: JsonNode,
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
    property: JsonNode,
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
    property: JsonNode,
    path: JsonPath,
  ) {
    super(layer, property, path, undefined);
  }
}

class Conditions extends LazySpan implements ConditionBlock {
  constructor(
    readonly clauses: readonly ConditionClause[],
    layer: TextLayer,
    property: JsonNode,
    path: JsonPath,
  ) {
    super(layer, property, path, undefined);
  }
}

/** Spans of an object and of its properties, computed on demand. */
class ElementSpans<E extends string> {
  private readonly cache = new Map<E | undefined, Span>();

  constructor(
    private readonly reader: PolicyReader,
    private readonly node: JsonNode,
    private readonly path: JsonPath,
    private readonly fields: ReadonlyMap<string, { property: JsonNode }>,
  ) {}

  span(element?: E): Span {
    let span = this.cache.get(element);
    if (!span) {
      const property = element === undefined ? undefined : this.fields.get(element)?.property;
      span = property ? this.reader.span(property, [...this.path, element as string]) : this.reader.span(this.node, this.path);
      this.cache.set(element, span);
    }
    return span;
  }

  has(element: E): boolean {
    return this.fields.has(element);
  }
}

const knownPolicyElements: ReadonlySet<string> = new Set(policyElements);
const knownStatementElements: ReadonlySet<string> = new Set(statementElements);
const knownPrincipalTypes: ReadonlySet<string> = new Set(principalTypes);

/** Turns the JSON tree of a policy document into the normalized model, collecting shape problems. */
class PolicyReader {
  readonly problems: ShapeProblem[] = [];

  constructor(readonly layer: TextLayer) {}

  span(node: JsonNode, path: JsonPath): Span {
    return layerSpan(this.layer, node.offset, node.length, path);
  }

  problem(code: ShapeProblem['code'], node: JsonNode, path: JsonPath, expected?: string): void {
    const element = formatJsonPath(this.layer.prefix.length === 0 ? path : [...this.layer.prefix, ...path]);
    this.problems.push(expected === undefined ? { code, span: this.span(node, path), element } : { code, span: this.span(node, path), element, expected });
  }

  /** Properties of an object by key (last duplicate wins), reporting duplicates and unknown keys. */
  fields(node: JsonNode, path: JsonPath, known: ReadonlySet<string> | undefined): Map<string, { property: JsonNode; value: JsonNode }> {
    const fields = new Map<string, { property: JsonNode; value: JsonNode }>();
    for (const property of node.children ?? []) {
      const [keyNode, value] = property.children ?? [];
      if (!keyNode || !value) continue;
      const key = String(keyNode.value);
      if (fields.has(key)) this.problem('duplicateKey', property, [...path, key]);
      else if (known !== undefined && !known.has(key)) this.problem('unknownElement', property, [...path, key]);
      fields.set(key, { property, value });
    }
    return fields;
  }

  string(value: JsonNode, property: JsonNode, path: JsonPath): Located<string> | undefined {
    if (value.type === 'string') return new LocatedValue(String(value.value), this.layer, property, path);
    this.problem('wrongType', value, path, 'a string');
    return undefined;
  }

  stringList(element: ListElement, value: JsonNode, property: JsonNode, path: JsonPath): StringList {
    const { isArray, items, empty } = this.strings(value, path);
    return new List(element, isArray, items, empty, this.layer, property, path);
  }

  /** A string or an array of strings, as the grammar allows for lists. */
  strings(value: JsonNode, path: JsonPath): { isArray: boolean; items: Located<string>[]; empty: boolean } {
    const items: Located<string>[] = [];
    const isArray = value.type === 'array';
    if (value.type === 'string') {
      items.push(new LocatedValue(String(value.value), this.layer, value, path));
    } else if (isArray) {
      (value.children ?? []).forEach((item, i) => {
        if (item.type === 'string') items.push(new LocatedValue(String(item.value), this.layer, item, path, i));
        else this.problem('wrongType', item, [...path, i], 'a string');
      });
    } else {
      this.problem('wrongType', value, path, 'a string or an array of strings');
    }
    return { isArray, items, empty: isArray && (value.children ?? []).length === 0 };
  }

  principal(element: PrincipalElement, value: JsonNode, property: JsonNode, path: JsonPath): PrincipalBlock {
    const block = (wildcard: boolean, entries: PrincipalEntry[], empty: boolean): PrincipalBlock => new Principals(element, wildcard, entries, empty, this.layer, property, path);
    if (value.type === 'string') {
      if (value.value !== '*') this.problem('wrongType', value, path, '"*" or an object such as {"AWS": …}');
      return block(value.value === '*', [], false);
    }
    if (value.type !== 'object') {
      this.problem('wrongType', value, path, '"*" or an object such as {"AWS": …}');
      return block(false, [], false);
    }
    const entries: PrincipalEntry[] = [];
    // Empty means `{}` or only empty lists; unknown types and wrong values are grammar problems instead.
    let empty = true;
    for (const [type, field] of this.fields(value, path, knownPrincipalTypes)) {
      const list = this.strings(field.value, [...path, type]);
      if (!list.empty) empty = false;
      if (!knownPrincipalTypes.has(type)) continue;
      for (const item of list.items) entries.push({ type: type as PrincipalType, value: item });
    }
    return block(false, entries, empty);
  }

  condition(value: JsonNode, property: JsonNode, path: JsonPath): ConditionBlock {
    const clauses: ConditionClause[] = [];
    if (value.type !== 'object') {
      this.problem('wrongType', value, path, 'an object of operators');
      return new Conditions(clauses, this.layer, property, path);
    }
    for (const [operator, opField] of this.fields(value, path, undefined)) {
      const opPath = [...path, operator];
      if (opField.value.type !== 'object') {
        this.problem('wrongType', opField.value, opPath, 'an object of condition keys');
        continue;
      }
      const operatorLocated = new LocatedValue(operator, this.layer, opField.property, opPath);
      for (const [key, keyField] of this.fields(opField.value, opPath, undefined)) {
        const keyPath = [...opPath, key];
        const values: Located<ConditionValue>[] = [];
        const add = (node: JsonNode, index?: number): void => {
          if (node.type === 'string' || node.type === 'number' || node.type === 'boolean') values.push(new LocatedValue(node.value as ConditionValue, this.layer, node, keyPath, index));
          else this.problem('wrongType', node, index === undefined ? keyPath : [...keyPath, index], 'a string, number or boolean');
        };
        if (keyField.value.type === 'array') (keyField.value.children ?? []).forEach((item, i) => { add(item, i); });
        else add(keyField.value);
        clauses.push({ operator: operatorLocated, key: new LocatedValue(key, this.layer, keyField.property, keyPath), values });
      }
    }
    return new Conditions(clauses, this.layer, property, path);
  }

  statement(node: JsonNode, index: number, path: JsonPath): Statement | undefined {
    if (node.type !== 'object') {
      this.problem('wrongType', node, path, 'a statement object');
      return undefined;
    }
    const fields = this.fields(node, path, knownStatementElements);
    const spans = new ElementSpans<StatementElement>(this, node, path, fields);
    const at = (element: StatementElement): [JsonNode, JsonNode, JsonPath] | undefined => {
      const field = fields.get(element);
      return field && [field.value, field.property, [...path, element]];
    };
    const list = (element: ListElement): StringList | undefined => {
      const f = at(element);
      return f && this.stringList(element, ...f);
    };
    const principal = (element: PrincipalElement): PrincipalBlock | undefined => {
      const f = at(element);
      return f && this.principal(element, ...f);
    };
    const sidField = at('Sid');
    const effectField = at('Effect');
    const conditionField = at('Condition');
    return {
      index,
      sid: sidField && this.string(...sidField),
      effect: effectField && this.string(...effectField),
      action: list('Action'),
      notAction: list('NotAction'),
      resource: list('Resource'),
      notResource: list('NotResource'),
      principal: principal('Principal'),
      notPrincipal: principal('NotPrincipal'),
      condition: conditionField && this.condition(...conditionField),
      span: (element) => spans.span(element),
      has: (element) => spans.has(element),
    };
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
  const statements: Statement[] = [];
  let statementList: PolicyDocument['statementList'];
  let version: Located<string> | undefined;
  let id: Located<string> | undefined;
  let fields = new Map<string, { property: JsonNode; value: JsonNode }>();

  if (node.type !== 'object') {
    reader.problem('wrongType', node, [], 'a policy object');
  } else {
    fields = reader.fields(node, [], knownPolicyElements);
    const versionField = fields.get('Version');
    if (versionField) version = reader.string(versionField.value, versionField.property, ['Version']);
    const idField = fields.get('Id');
    if (idField) id = reader.string(idField.value, idField.property, ['Id']);
    const statementField = fields.get('Statement');
    if (statementField) {
      const value = statementField.value;
      const isArray = value.type === 'array';
      statementList = { span: reader.span(statementField.property, ['Statement']), isArray, empty: isArray && (value.children ?? []).length === 0 };
      if (value.type === 'array') {
        (value.children ?? []).forEach((child, i) => {
          const statement = reader.statement(child, i, ['Statement', i]);
          if (statement) statements.push(statement);
        });
      } else if (value.type === 'object') {
        const statement = reader.statement(value, 0, ['Statement']);
        if (statement) statements.push(statement);
      } else {
        reader.problem('wrongType', value, ['Statement'], 'a statement object or an array of them');
      }
    }
  }
  const spans = new ElementSpans<PolicyElement>(reader, node, [], fields);

  return {
    source: layer.source,
    kind: context.kind ?? inferKind(statements),
    kindSource: context.kind ? (context.kindSource ?? 'context') : 'inferred',
    owner: context.owner,
    version,
    id,
    statementList,
    statements,
    problems: reader.problems,
    span: (element) => spans.span(element),
    has: (element) => spans.has(element),
  };
}
