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
import { properties, type JsonNode } from './json.js';
import { layerSpan, type TextLayer } from './text-layer.js';

/** Turns the JSON tree of a policy document into the normalized model, collecting shape problems. */
class PolicyReader {
  readonly problems: ShapeProblem[] = [];

  constructor(private readonly layer: TextLayer) {}

  span(node: JsonNode, path: JsonPath): Span {
    return layerSpan(this.layer, node.offset, node.length, path);
  }

  problem(code: ShapeProblem['code'], node: JsonNode, path: JsonPath, expected?: string): void {
    const element = formatJsonPath(this.layer.prefix.length === 0 ? path : [...this.layer.prefix, ...path]);
    this.problems.push(expected === undefined ? { code, span: this.span(node, path), element } : { code, span: this.span(node, path), element, expected });
  }

  /** Properties of an object by key (last duplicate wins), reporting duplicates and unknown keys. */
  fields(node: JsonNode, path: JsonPath, known: readonly string[] | undefined): Map<string, { property: JsonNode; value: JsonNode }> {
    const fields = new Map<string, { property: JsonNode; value: JsonNode }>();
    for (const [keyNode, value] of properties(node)) {
      const key = String(keyNode.value);
      const property = keyNode.parent ?? keyNode;
      if (fields.has(key)) this.problem('duplicateKey', property, [...path, key]);
      else if (known !== undefined && !known.includes(key)) this.problem('unknownElement', property, [...path, key]);
      fields.set(key, { property, value });
    }
    return fields;
  }

  string(value: JsonNode, property: JsonNode, path: JsonPath): Located<string> | undefined {
    if (value.type === 'string') return { value: String(value.value), span: this.span(property, path) };
    this.problem('wrongType', value, path, 'a string');
    return undefined;
  }

  stringList(element: ListElement, value: JsonNode, property: JsonNode, path: JsonPath): StringList {
    return { element, span: this.span(property, path), ...this.strings(value, path) };
  }

  /** A string or an array of strings, as the grammar allows for lists. */
  strings(value: JsonNode, path: JsonPath): { isArray: boolean; items: Located<string>[]; empty: boolean } {
    const items: Located<string>[] = [];
    const isArray = value.type === 'array';
    if (value.type === 'string') {
      items.push({ value: String(value.value), span: this.span(value, path) });
    } else if (isArray) {
      (value.children ?? []).forEach((item, i) => {
        if (item.type === 'string') items.push({ value: String(item.value), span: this.span(item, [...path, i]) });
        else this.problem('wrongType', item, [...path, i], 'a string');
      });
    } else {
      this.problem('wrongType', value, path, 'a string or an array of strings');
    }
    return { isArray, items, empty: isArray && (value.children ?? []).length === 0 };
  }

  principal(element: PrincipalElement, value: JsonNode, property: JsonNode, path: JsonPath): PrincipalBlock {
    const span = this.span(property, path);
    if (value.type === 'string') {
      if (value.value !== '*') this.problem('wrongType', value, path, '"*" or an object such as {"AWS": …}');
      return { element, span, wildcard: value.value === '*', entries: [], empty: false };
    }
    if (value.type !== 'object') {
      this.problem('wrongType', value, path, '"*" or an object such as {"AWS": …}');
      return { element, span, wildcard: false, entries: [], empty: false };
    }
    const entries: PrincipalEntry[] = [];
    for (const [type, field] of this.fields(value, path, principalTypes)) {
      if (!(principalTypes as readonly string[]).includes(type)) continue;
      for (const item of this.strings(field.value, [...path, type]).items) entries.push({ type: type as PrincipalType, value: item });
    }
    return { element, span, wildcard: false, entries, empty: entries.length === 0 };
  }

  condition(value: JsonNode, property: JsonNode, path: JsonPath): ConditionBlock {
    const clauses: ConditionClause[] = [];
    if (value.type !== 'object') {
      this.problem('wrongType', value, path, 'an object of operators');
      return { span: this.span(property, path), clauses };
    }
    for (const [operator, opField] of this.fields(value, path, undefined)) {
      const opPath = [...path, operator];
      if (opField.value.type !== 'object') {
        this.problem('wrongType', opField.value, opPath, 'an object of condition keys');
        continue;
      }
      const operatorLocated = { value: operator, span: this.span(opField.property, opPath) };
      for (const [key, keyField] of this.fields(opField.value, opPath, undefined)) {
        const keyPath = [...opPath, key];
        const values: Located<ConditionValue>[] = [];
        const add = (node: JsonNode, at: JsonPath): void => {
          if (node.type === 'string' || node.type === 'number' || node.type === 'boolean') {
            values.push({ value: node.value as ConditionValue, span: this.span(node, at) });
          } else this.problem('wrongType', node, at, 'a string, number or boolean');
        };
        if (keyField.value.type === 'array') (keyField.value.children ?? []).forEach((item, i) => { add(item, [...keyPath, i]); });
        else add(keyField.value, keyPath);
        clauses.push({ operator: operatorLocated, key: { value: key, span: this.span(keyField.property, keyPath) }, values });
      }
    }
    return { span: this.span(property, path), clauses };
  }

  statement(node: JsonNode, index: number, path: JsonPath): Statement | undefined {
    if (node.type !== 'object') {
      this.problem('wrongType', node, path, 'a statement object');
      return undefined;
    }
    const fields = this.fields(node, path, statementElements);
    const spans = new Map<StatementElement, Span>();
    const whole = this.span(node, path);
    const at = (element: StatementElement): [JsonNode, JsonNode, JsonPath] | undefined => {
      const field = fields.get(element);
      if (!field) return undefined;
      const elementPath = [...path, element];
      spans.set(element, this.span(field.property, elementPath));
      return [field.value, field.property, elementPath];
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
      span: (element) => (element === undefined ? whole : (spans.get(element) ?? whole)),
      has: (element) => fields.has(element),
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
  const spans = new Map<PolicyElement, Span>();
  const whole = reader.span(node, []);
  const statements: Statement[] = [];
  let statementList: PolicyDocument['statementList'];
  let version: Located<string> | undefined;
  let id: Located<string> | undefined;

  if (node.type !== 'object') {
    reader.problem('wrongType', node, [], 'a policy object');
  } else {
    const fields = reader.fields(node, [], policyElements);
    for (const element of policyElements) {
      const field = fields.get(element);
      if (field) spans.set(element, reader.span(field.property, [element]));
    }
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
    span: (element) => (element === undefined ? whole : (spans.get(element) ?? whole)),
    has: (element) => spans.has(element),
  };
}
