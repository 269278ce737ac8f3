import type { InputProblem } from '../model/input.js';
import type { PolicyDocument, PolicyKind } from '../model/policy.js';
import { formatJsonPath, type JsonPath } from '../model/span.js';
import type { ExportOutput } from './export-reader.js';
import { parseJson, type JsonNode } from './json.js';
import { readPolicy } from './policy.js';
import { layerSpan, percentDecodedLayer, stringLiteralLayer, type TextLayer } from './text-layer.js';

/** A JSON object, or a URL-encoded one. */
export function looksLikePolicyString(value: string): boolean {
  return /^\s*(\{|%7B)/i.test(value);
}

/**
 * Reads a policy held in a string — JSON text, or URL-encoded JSON as IAM's API returns it — with
 * every span pointing at the characters of that string. Problems go to `problems`; returns the
 * document when the string holds a policy object.
 */
export function readEmbeddedPolicy(
  parent: TextLayer,
  node: JsonNode,
  path: JsonPath,
  problems: InputProblem[],
  kind: PolicyKind,
  owner?: string,
): PolicyDocument | undefined {
  const holderSpan = layerSpan(parent, node.offset, node.length, path);
  const fail = (detail: string): void => {
    problems.push({ kind: 'embedded', detail, span: holderSpan });
  };
  let layer = stringLiteralLayer(parent, node.offset, node.length, [...parent.prefix, ...path]);
  if (!layer) {
    fail('the policy string is not a valid JSON string');
    return undefined;
  }
  const trimmed = layer.text.trimStart();
  if (/^%7B/i.test(trimmed) || (!trimmed.startsWith('{') && trimmed.includes('%22'))) {
    layer = percentDecodedLayer(layer);
    if (!layer) {
      fail('the URL-encoded policy string has a malformed %-escape');
      return undefined;
    }
  }
  const parsed = parseJson(layer.text, false);
  const inner = layer;
  for (const p of parsed.problems) {
    problems.push({ kind: 'embedded', detail: p.message, span: layerSpan(inner, p.offset, p.length, []) });
  }
  if (!parsed.root) return undefined;
  if (parsed.root.type !== 'object') {
    fail('the policy string does not hold a JSON object');
    return undefined;
  }
  return readPolicy(inner, parsed.root, { kind, kindSource: 'context', ...(owner === undefined ? {} : { owner }) });
}

/**
 * Reads a policy document slot of an export, in any of the forms AWS tools write: a JSON object (the
 * CLI decodes IAM's policies), a JSON string, or a URL-encoded JSON string (other SDKs, the raw API).
 * `path` is the slot's JSON path in the file. A slot of another type is a problem.
 */
export function readPolicySlot(layer: TextLayer, node: JsonNode, path: JsonPath, output: ExportOutput, kind: PolicyKind, owner?: string): PolicyDocument | undefined {
  if (node.type === 'object') {
    const nested: TextLayer = { ...layer, prefix: [...layer.prefix, ...path] };
    return readPolicy(nested, node, { kind, kindSource: 'context', ...(owner === undefined ? {} : { owner }) });
  }
  if (node.type === 'string') return readEmbeddedPolicy(layer, node, path, output.problems, kind, owner);
  output.problems.push({ kind: 'export', detail: `${formatJsonPath(path)} should be a policy document (an object or a JSON string), not ${describeType(node)}`, span: layerSpan(layer, node.offset, node.length, path) });
  return undefined;
}

/** `a string`, `an array`, `null` …: how messages name a JSON value's type. */
export function describeType(node: JsonNode): string {
  switch (node.type) {
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    default:
      return 'null';
  }
}
