import pkg from '../../package.json' with { type: 'json' };
import { registry, type RegisteredRule } from '../../rules/index.js';
import type { Finding, FlowStep } from '../engine/finding.js';
import { severityRank, type Severity } from '../engine/severity.js';
import { formatJsonPath, type Span } from '../model/span.js';
import { catalogueLabel, docsUrl, tool, type Formatter, type Report } from './report.js';

// `iamlint check --format sarif`: SARIF 2.1.0 for GitHub code scanning (reference: github.md §1).
// One run; the rules table is every registered rule, sorted by id, so a rule's `ruleIndex` depends
// only on the rules iamlint ships. Every result has one location, a file with a region, relative to
// the directory iamlint ran in. Graph findings carry their path as a code flow and as related
// locations. GitHub's limits are enforced here, so that an upload is never rejected for size.

/** What GitHub code scanning accepts (github.md §1.2); more is rejected or cut. */
const limits = {
  results: 25_000,
  locationsPerResult: 1_000,
  threadFlowLocations: 10_000,
  tags: 20,
  name: 255,
  description: 1_024,
} as const;

/** The base of every relative artifact URI: the directory iamlint ran in. */
const sourceRoot = '%SRCROOT%';

type Level = 'error' | 'warning' | 'note';

/** DESIGN.md "Severity". */
const levels: Readonly<Record<Severity, Level>> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

/** DESIGN.md "Severity": GitHub reads >9.0 as critical, 7.0–8.9 high, 4.0–6.9 medium, below low. */
const securitySeverities: Readonly<Record<Severity, string>> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0' };

interface ArtifactLocation {
  readonly uri: string;
  readonly uriBaseId?: string;
}

interface Region {
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}

interface PhysicalLocation {
  readonly artifactLocation: ArtifactLocation;
  readonly region: Region;
}

interface Message {
  readonly text: string;
}

export interface SarifReportingDescriptor {
  readonly id: string;
  readonly name: string;
  readonly shortDescription: Message;
  readonly fullDescription: Message;
  readonly defaultConfiguration: { readonly level: Level };
  readonly help: { readonly text: string; readonly markdown: string };
  readonly helpUri?: string;
  readonly properties: { readonly tags: readonly string[]; readonly precision: 'very-high' | 'high'; readonly 'security-severity': string };
}

export interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex: number;
  readonly level: Level;
  readonly message: Message;
  readonly locations: readonly object[];
  readonly partialFingerprints: Readonly<Record<string, string>>;
  readonly relatedLocations?: readonly object[];
  readonly codeFlows?: readonly object[];
  readonly properties: { readonly severity: Severity; readonly jsonPath: string };
}

export interface SarifLog {
  readonly $schema: string;
  readonly version: '2.1.0';
  readonly runs: readonly [object];
}

/** `text`, cut to `max` UTF-16 code units (never inside a surrogate pair) with an ellipsis. */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  return `${text.slice(0, cut)}…`;
}

/** `privesc-path` → `PrivescPath`. */
function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

/** The doc page without its front matter. */
function docBody(doc: string): string {
  return doc.replace(/^---\r?\n[^]*?\r?\n---\r?\n/, '').trim();
}

/** Markdown as plain text, for the fields GitHub shows as text: links, code and emphasis unwrapped, one line. */
function plainText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The first paragraph of prose of a doc page (headings skipped), as plain text; `fallback` when there is none. */
function firstParagraph(body: string, fallback: string): string {
  for (const block of body.split(/\r?\n\s*\r?\n/)) {
    const prose = block
      .split(/\r?\n/)
      .filter((line) => !/^\s*#/.test(line))
      .join('\n')
      .trim();
    if (prose !== '' && !prose.startsWith('```')) return plainText(prose);
  }
  return fallback;
}

/** A rule of the registry as a SARIF reportingDescriptor (github.md §1.1). */
function descriptor({ rule, doc, docPath }: RegisteredRule): SarifReportingDescriptor {
  const { meta } = rule;
  const body = docBody(doc);
  const tags = [...new Set(['security', meta.category, 'aws', 'iam'])].slice(0, limits.tags);
  return {
    id: rule.id,
    name: truncate(pascalCase(rule.id), limits.name),
    shortDescription: { text: truncate(meta.description, limits.description) },
    fullDescription: { text: truncate(firstParagraph(body, meta.description), limits.description) },
    defaultConfiguration: { level: levels[meta.severity] },
    help: { text: body, markdown: body },
    helpUri: docsUrl(docPath),
    properties: {
      tags,
      // Correctness rules state facts about the text (AWS would reject it, or it cannot work); the
      // others judge what a policy allows, where an intended grant can look like a finding.
      precision: meta.category === 'correctness' ? 'very-high' : 'high',
      'security-severity': securitySeverities[meta.severity],
    },
  };
}

/** For a finding of a rule the registry does not hold (a rule given to the engine directly): what the finding says. */
function unregisteredDescriptor(finding: Finding): SarifReportingDescriptor {
  const text = `iamlint rule ${finding.ruleId}.`;
  return {
    id: finding.ruleId,
    name: truncate(pascalCase(finding.ruleId), limits.name),
    shortDescription: { text },
    fullDescription: { text },
    defaultConfiguration: { level: levels[finding.severity] },
    help: { text, markdown: text },
    properties: { tags: ['security', finding.category], precision: 'high', 'security-severity': securitySeverities[finding.severity] },
  };
}

/**
 * A file path as a URI reference: each segment percent-encoded (so a space, `#`, `%` or a colon in a
 * name cannot change what the URI means). Relative paths, the only kind iamlint prints unless a file
 * is on another drive than the working directory, stay relative to `%SRCROOT%`.
 */
function artifactLocation(file: string): ArtifactLocation {
  const drive = /^[A-Za-z]:\//.exec(file)?.[0];
  if (drive !== undefined || file.startsWith('/')) {
    const rest = file.slice(drive?.length ?? 1).split('/').map(encodeURIComponent).join('/');
    return { uri: `file:///${drive ?? ''}${rest}` };
  }
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: sourceRoot };
}

/** A span as a region GitHub displays: lines and columns at least 1, the end not before the start. */
function region(span: Span): Region {
  const startLine = Math.max(1, span.line);
  const startColumn = Math.max(1, span.column);
  const endLine = Math.max(startLine, span.endLine);
  const endColumn = endLine === startLine ? Math.max(startColumn, span.endColumn) : Math.max(1, span.endColumn);
  return { startLine, startColumn, endLine, endColumn };
}

function physicalLocation(span: Span): PhysicalLocation {
  return { artifactLocation: artifactLocation(span.file), region: region(span) };
}

/** The steps of a path as related locations (numbered from 1) and as one thread flow, each with its message. */
function flowParts(flow: readonly FlowStep[]): { relatedLocations: object[]; codeFlows: object[] } {
  const located = flow.map((step) => ({ physicalLocation: physicalLocation(step.span), message: { text: step.message } }));
  return {
    relatedLocations: located.slice(0, limits.locationsPerResult).map((location, i) => ({ id: i + 1, ...location })),
    codeFlows: [{ threadFlows: [{ locations: located.slice(0, limits.threadFlowLocations).map((location) => ({ location })) }] }],
  };
}

function result(finding: Finding, ruleIndex: number): SarifResult {
  const location = {
    physicalLocation: physicalLocation(finding.span),
    ...(finding.subject === undefined ? {} : { logicalLocations: [{ fullyQualifiedName: finding.subject, kind: 'resource' }] }),
  };
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: levels[finding.severity],
    message: { text: finding.message },
    locations: [location],
    // Not primaryLocationLineHash: upload-sarif computes it from the file, and a different value would only be warned about.
    partialFingerprints: { 'iamlint/v1': finding.fingerprint },
    ...(finding.flow === undefined || finding.flow.length === 0 ? {} : flowParts(finding.flow)),
    properties: { severity: finding.severity, jsonPath: formatJsonPath(finding.span.path) },
  };
}

/** At most `limit` findings, the most severe first (ties in report order), kept in report order. */
function mostSevere(findings: readonly Finding[], limit: number): readonly Finding[] {
  if (findings.length <= limit) return findings;
  const kept = findings
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => severityRank(b.finding.severity) - severityRank(a.finding.severity) || a.index - b.index)
    .slice(0, limit)
    .sort((a, b) => a.index - b.index);
  return kept.map((k) => k.finding);
}

function compareIds(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The SARIF log of a report, with `rules` as the rules table. */
export function sarifLog(report: Report, rules: readonly RegisteredRule[] = registry): SarifLog {
  const descriptors = rules.map(descriptor);
  const known = new Set(descriptors.map((d) => d.id));
  for (const finding of report.findings) {
    if (known.has(finding.ruleId)) continue;
    known.add(finding.ruleId);
    descriptors.push(unregisteredDescriptor(finding));
  }
  descriptors.sort(compareIds);
  const ruleIndex = new Map(descriptors.map((d, i) => [d.id, i]));

  const kept = mostSevere(report.findings, limits.results);
  const omitted = report.findings.length - kept.length;
  const results = kept.map((finding) => result(finding, ruleIndex.get(finding.ruleId) ?? 0));
  const invocations =
    omitted === 0
      ? {}
      : {
          invocations: [
            {
              executionSuccessful: true,
              toolExecutionNotifications: [
                {
                  level: 'warning',
                  message: { text: `${omitted} of ${report.findings.length} findings, the least severe, were left out: GitHub code scanning accepts at most ${limits.results} results per run.` },
                },
              ],
            },
          ],
        };
  const run = {
    tool: {
      driver: {
        name: tool.name,
        version: tool.version,
        semanticVersion: tool.version,
        informationUri: pkg.homepage,
        rules: descriptors,
        properties: { awsCatalogue: catalogueLabel() },
      },
    },
    ...invocations,
    // No absolute path of this machine: the base is named, and a consumer resolves it (upload-sarif uses the checkout).
    originalUriBaseIds: { [sourceRoot]: { description: { text: 'The directory iamlint ran in: every artifact URI is relative to it.' } } },
    columnKind: 'utf16CodeUnits',
    results,
    properties: { files: report.files, findings: report.findings.length, suppressed: report.suppressed, omittedResults: omitted },
  };
  return { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [run] };
}

export const formatSarif: Formatter = (report) => `${JSON.stringify(sarifLog(report), null, 2)}\n`;
