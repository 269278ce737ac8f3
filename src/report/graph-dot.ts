import type { EdgeAttributes, NodeAttributes, NodeKind } from '../graph/types.js';
import { edgePhrase, graphView, techniqueText, type AccessGraphData, type GraphView } from './graph-view.js';

// `iamlint graph --format dot`: the whole graph for Graphviz (`dot -Tsvg`). Nodes are named by their
// keys (ARNs), so the file can be searched; each has a shape by kind and its label; conditional edges
// are dashed, with their conditions as tooltip. Nodes and edges are sorted by key.

/** A node's shape (and style) by kind. */
const shapes: Readonly<Record<NodeKind, string>> = {
  root: 'shape=house',
  user: 'shape=ellipse',
  group: 'shape=folder',
  role: 'shape=box, style=rounded',
  service: 'shape=hexagon',
  federated: 'shape=component',
  'external-account': 'shape=box3d',
  public: 'shape=octagon',
  resource: 'shape=cylinder',
  admin: 'shape=doubleoctagon, color=red, fontcolor=red',
};

/**
 * A DOT quoted string. Inside quotes DOT reads `\"` as a quote; in labels `\\` is a backslash and
 * `\n` a line break, so backslashes are doubled (a trailing one would otherwise swallow the closing
 * quote) and line breaks written as `\n`.
 */
export function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r\n|\r|\n/g, '\\n')}"`;
}

/** Lines of a label, each escaped, joined with DOT's centered line break. */
function dotLabel(lines: readonly string[]): string {
  return lines.map((line) => dotString(line).slice(1, -1)).join('\\n');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function nodeStatement(key: string, node: NodeAttributes): string {
  const attributes = [`label="${dotLabel([node.label])}"`, shapes[node.kind]];
  // Administrator-equivalent principals are outlined in red (orange when only under conditions).
  if (node.kind !== 'admin' && node.admin === 'unconditional') attributes.push('color=red, penwidth=2');
  if (node.kind !== 'admin' && node.admin === 'conditional') attributes.push('color=orange, penwidth=2');
  return `  ${dotString(key)} [${attributes.join(', ')}];`;
}

function edgeLines(view: GraphView, edge: EdgeAttributes): string[] {
  const phrase = edgePhrase(edge.kind, edge.actions);
  return edge.technique === undefined ? [phrase] : [techniqueText(view, edge.technique, edge.via), phrase];
}

function edgeStatement(view: GraphView, source: string, target: string, edge: EdgeAttributes): string {
  const attributes = [`label="${dotLabel(edgeLines(view, edge))}"`];
  if (edge.status === 'conditional') {
    attributes.push('style=dashed');
    if (edge.conditions.length > 0) attributes.push(`tooltip="${dotLabel(edge.conditions)}"`);
  }
  return `  ${dotString(source)} -> ${dotString(target)} [${attributes.join(', ')}];`;
}

export function formatGraphDot(graph: AccessGraphData): string {
  const nodes: [string, string][] = [];
  graph.forEachNode((key, attributes) => nodes.push([key, nodeStatement(key, attributes)]));
  const view = graphView(graph);
  const edges: [string, string][] = [];
  graph.forEachEdge((key, attributes, source, target) => edges.push([key, edgeStatement(view, source, target, attributes)]));
  const sorted = (items: [string, string][]): string[] => items.sort((a, b) => compare(a[0], b[0])).map(([, line]) => line);
  const lines = [
    'digraph iamlint {',
    '  rankdir=LR;',
    '  node [fontname="Helvetica", fontsize=10];',
    '  edge [fontname="Helvetica", fontsize=9];',
    ...sorted(nodes),
    ...sorted(edges),
    '}',
  ];
  return `${lines.join('\n')}\n`;
}
