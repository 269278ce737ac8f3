import type { InputFile, InputKind, InputProblem, InputProblemKind } from '../model/input.js';
import type { PolicyDocument, PolicyKind } from '../model/policy.js';
import { SourceFile } from '../model/source.js';
import { decode } from './decode.js';
import { readDirectives } from './directives.js';
import { parseJson, propertyValue, type JsonNode } from './json.js';
import { readPolicy } from './policy.js';
import { fileLayer, layerSpan, percentDecodedLayer, stringLiteralLayer, type TextLayer } from './text-layer.js';

const policyVersions = new Set(['2012-10-17', '2008-10-17']);

export interface LoadOptions {
  /** Forces the kind of the policies in this file (config `overrides[].kind`). */
  readonly kind?: PolicyKind | undefined;
}

/** A file that could not be read at all: the problem is placed at its first character. */
export function unreadableFile(path: string, kind: InputProblemKind, detail: string): InputFile {
  const source = new SourceFile(path, '');
  return { source, kind: 'unreadable', problems: [{ kind, detail, span: source.span(0, 0, []) }], documents: [], directives: [] };
}

export function isJsoncPath(path: string): boolean {
  return path.toLowerCase().endsWith('.jsonc');
}

/** Decodes, parses and sniffs one file. Never throws on bad content: problems are returned in the result. */
export function loadFile(path: string, bytes: Buffer, options: LoadOptions = {}): InputFile {
  const decoded = decode(bytes);
  if (!decoded.ok) return unreadableFile(path, decoded.kind, decoded.detail);
  const source = new SourceFile(path, decoded.text);
  const jsonc = isJsoncPath(path);
  const layer = fileLayer(source);
  const parsed = parseJson(source.text, jsonc);
  const problems: InputProblem[] = parsed.problems.map((p) => ({ kind: p.kind, detail: p.message, span: source.span(p.offset, p.length, []) }));
  const directives = jsonc ? readDirectives(source) : [];
  if (!parsed.root) return { source, kind: 'unreadable', problems, documents: [], directives };

  const documents: PolicyDocument[] = [];
  const kind = sniff(layer, parsed.root, options, documents, problems);
  // Comments and trailing commas only matter in files that are policies: a tsconfig.json is not our business.
  const relevant = kind === 'unrecognized' ? [] : problems;
  return { source, kind, problems: relevant, documents, directives };
}

function sniff(layer: TextLayer, root: JsonNode, options: LoadOptions, documents: PolicyDocument[], problems: InputProblem[]): InputKind {
  if (root.type !== 'object') return 'unrecognized';
  // A policy Version marks a policy even when `Statement` is misspelled: policy-grammar then says so.
  const version = propertyValue(root, 'Version');
  if (propertyValue(root, 'Statement') || (version?.type === 'string' && policyVersions.has(version.value))) {
    documents.push(readPolicy(layer, root, options.kind ? { kind: options.kind, kindSource: 'config' } : {}));
    return 'policy';
  }
  // `aws s3api get-bucket-policy`, `aws kms get-key-policy`, `aws lambda get-policy`: the policy is a JSON string.
  const held = propertyValue(root, 'Policy');
  if (held?.type === 'string' && looksLikePolicyString(held.value)) {
    const embedded = readEmbeddedPolicy(layer, held, ['Policy'], problems, options.kind ?? 'resource');
    if (embedded) documents.push(embedded);
    return 'resource-policy-export';
  }
  return 'unrecognized';
}

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
  path: readonly (string | number)[],
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
