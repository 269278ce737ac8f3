import type { EdgeAttributes, Evidence, NodeAttributes, PathsResult, Reach, Step, WhatCanResult, WhoCanResult } from '../graph/types.js';
import type { AccessGraphData, GraphView } from './graph-view.js';

// The machine forms of the graph commands (graph-spec, "JSON output of the commands"):
// `{"version":1,"query":{…},"result":…}` for who-can, what-can and paths, and
// `{"version":1,"nodes":[…],"edges":[…]}` for the whole graph. Every key is always present (null when
// it does not apply) and in a fixed order, so the output is byte-identical run to run.

/** What was asked. `now` is the date time conditions were judged at. */
export type GraphQuery =
  | { readonly command: 'who-can'; readonly action: string; readonly resource: string; readonly now: string }
  | { readonly command: 'what-can'; readonly principal: string; readonly now: string }
  | { readonly command: 'paths'; readonly from: string; readonly to: string; readonly now: string };

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function evidenceJson(evidence: readonly Evidence[]): object[] {
  return evidence.map((e) => ({ description: e.description, file: e.span.file, line: e.span.line }));
}

/**
 * A step as the result has it, with what the graph knows of its edge: the open conditions and the
 * statements behind it (empty when the graph has no such edge).
 */
function stepJson(step: Step, view: GraphView): object {
  const edge = view.edge(step);
  return {
    from: step.from,
    to: step.to,
    kind: step.kind,
    status: step.status,
    technique: step.technique ?? null,
    via: edge?.via ?? null,
    actions: step.actions,
    conditions: edge?.conditions ?? [],
    evidence: evidenceJson(edge?.evidence ?? []),
  };
}

function reachJson(reach: Reach, view: GraphView): object {
  return { principal: reach.principal, label: reach.label, decision: reach.decision, steps: reach.steps.map((s) => stepJson(s, view)) };
}

function envelope(query: GraphQuery, result: object): string {
  return `${JSON.stringify({ version: 1, query, result }, null, 2)}\n`;
}

export function formatWhoCanJson(query: GraphQuery, result: WhoCanResult, view: GraphView): string {
  return envelope(query, { action: result.action, resource: result.resource, principals: result.principals.map((r) => reachJson(r, view)) });
}

export function formatWhatCanJson(query: GraphQuery, result: WhatCanResult, view: GraphView): string {
  return envelope(query, {
    principal: result.principal,
    admin: result.admin,
    principals: result.principals.map((r) => reachJson(r, view)),
    resources: result.resources.map((r) => ({ ...reachJson(r, view), actions: r.actions })),
  });
}

export function formatPathsJson(query: GraphQuery, result: PathsResult, view: GraphView): string {
  return envelope(query, { from: result.from, to: result.to, paths: result.paths.map((r) => reachJson(r, view)) });
}

function nodeJson(key: string, attributes: NodeAttributes): object {
  return { key, kind: attributes.kind, label: attributes.label, account: attributes.account ?? null, admin: attributes.admin ?? null, trusted: attributes.trusted ?? null };
}

function edgeJson(key: string, source: string, target: string, attributes: EdgeAttributes): object {
  return {
    key,
    source,
    target,
    kind: attributes.kind,
    status: attributes.status,
    technique: attributes.technique ?? null,
    via: attributes.via ?? null,
    actions: attributes.actions,
    conditionalActions: attributes.conditionalActions ?? null,
    conditions: attributes.conditions,
    evidence: evidenceJson(attributes.evidence),
  };
}

/** `iamlint graph --format json`: every node and edge, sorted by key, edges with the statements behind them. */
export function formatGraphJson(graph: AccessGraphData): string {
  const nodes: { key: string; json: object }[] = [];
  graph.forEachNode((key, attributes) => nodes.push({ key, json: nodeJson(key, attributes) }));
  const edges: { key: string; json: object }[] = [];
  graph.forEachEdge((key, attributes, source, target) => edges.push({ key, json: edgeJson(key, source, target, attributes) }));
  const sorted = (items: { key: string; json: object }[]): object[] => items.sort((a, b) => compare(a.key, b.key)).map((i) => i.json);
  return `${JSON.stringify({ version: 1, nodes: sorted(nodes), edges: sorted(edges) }, null, 2)}\n`;
}
