import type { InputFile, InputKind, InputProblem, InputProblemKind } from '../model/input.js';
import type { AccountFragment } from '../model/inventory.js';
import type { PolicyDocument, PolicyKind } from '../model/policy.js';
import { SourceFile } from '../model/source.js';
import { decode } from './decode.js';
import { readDirectives } from './directives.js';
import { parseJson, propertyValue, type JsonNode } from './json.js';
import { readPolicy } from './policy.js';
import { accountSummaryReader, passwordPolicyReader, virtualMfaDevicesReader } from './account-exports.js';
import { authorizationDetailsReader } from './authorization-details.js';
import { credentialReportEnvelopeReader, isCredentialReportText, readCredentialReportFile } from './credential-report.js';
import type { ExportContext, ExportOutput, ExportReader } from './export-reader.js';
import { manifestReader } from './manifest.js';
import { isOrganizationPolicyList, organizationPolicyReader, readOrganizationPolicyList } from './organization-exports.js';
import { resourcePolicyExportReader } from './resource-exports.js';
import { fileLayer, type TextLayer } from './text-layer.js';

const policyVersions = new Set(['2012-10-17', '2008-10-17']);

export interface LoadOptions {
  /** Forces the kind of the policies in this file (config `overrides[].kind`). */
  readonly kind?: PolicyKind | undefined;
  /** What `iamlint-manifest.json` says of the file. */
  readonly context?: ExportContext | undefined;
}

/**
 * The JSON account exports, in the order they are tried. Each is recognized by its top-level keys
 * (`UserDetailList`, `SummaryMap` …), whatever the file is called.
 */
const exportReaders: readonly ExportReader[] = [
  authorizationDetailsReader,
  credentialReportEnvelopeReader,
  accountSummaryReader,
  passwordPolicyReader,
  virtualMfaDevicesReader,
  manifestReader,
  // Before the resource-policy envelopes: its `{"Policy": {…}}` is Organizations', not a bucket's.
  organizationPolicyReader,
  resourcePolicyExportReader,
];

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
  // The credential report is CSV (or that CSV in base64, as `--output text` prints it), not JSON.
  if (isCredentialReportText(source.text)) return readCredentialReportFile(source);
  if (path.toLowerCase().endsWith('.csv')) return { source, kind: 'unrecognized', problems: [], documents: [], directives: [] };
  const jsonc = isJsoncPath(path);
  const layer = fileLayer(source);
  const parsed = parseJson(source.text, jsonc);
  const problems: InputProblem[] = parsed.problems.map((p) => ({ kind: p.kind, detail: p.message, span: source.span(p.offset, p.length, []) }));
  const directives = jsonc ? readDirectives(source) : [];
  if (!parsed.root) return { source, kind: 'unreadable', problems, documents: [], directives };

  const documents: PolicyDocument[] = [];
  const { kind, account } = sniff(layer, parsed.root, options, { documents, problems });
  // Comments and trailing commas only matter in files that are policies: a tsconfig.json is not our business.
  const relevant = kind === 'unrecognized' ? [] : problems;
  return { source, kind, problems: relevant, documents, directives, account };
}

function sniff(layer: TextLayer, root: JsonNode, options: LoadOptions, output: ExportOutput): { kind: InputKind; account?: AccountFragment | undefined } {
  // Of the exports, only a list of Organizations policies (`jq -s` of describe-policy outputs) is an array.
  if (isOrganizationPolicyList(root)) return { kind: organizationPolicyReader.kind, account: readOrganizationPolicyList(layer, root, output) };
  if (root.type !== 'object') return { kind: 'unrecognized' };
  // A policy Version marks a policy even when `Statement` is misspelled: policy-grammar then says so.
  const version = propertyValue(root, 'Version');
  if (propertyValue(root, 'Statement') || (version?.type === 'string' && policyVersions.has(version.value))) {
    output.documents.push(readPolicy(layer, root, options.kind ? { kind: options.kind, kindSource: 'config' } : {}));
    return { kind: 'policy' };
  }
  for (const reader of exportReaders) {
    if (reader.matches(root)) return { kind: reader.kind, account: reader.read(layer, root, output, { ...options.context, kind: options.kind }) };
  }
  return { kind: 'unrecognized' };
}
