import type { EdgeAttributes, NodeKind } from '../graph/types.js';
import { edgePhrase, graphView, techniqueText, type AccessGraphData, type GraphView } from './graph-view.js';

// `iamlint graph --format mermaid`: the whole graph as a Mermaid flowchart, for Markdown that renders
// it (GitHub does). Node ids are `n0`, `n1` … in key order (ARNs hold characters Mermaid ids cannot);
// labels are quoted and escaped; each kind has its shape; conditional edges are dotted.

/** A label's text with every character that means something to Mermaid written as an entity code. */
export function mermaidText(text: string): string {
  return text
    .replace(/#/g, '#35;')
    .replace(/"/g, '#34;')
    .replace(/&/g, '#38;')
    .replace(/</g, '#60;')
    .replace(/>/g, '#62;')
    .replace(/`/g, '#96;')
    .replace(/\|/g, '#124;')
    .replace(/\r\n|\r|\n/g, ' ');
}

/** Opening and closing brackets of each kind's shape. */
const shapes: Readonly<Record<NodeKind, readonly [string, string]>> = {
  root: ['{{', '}}'],
  user: ['([', '])'],
  group: ['[[', ']]'],
  role: ['(', ')'],
  service: ['>', ']'],
  federated: ['[/', '/]'],
  'external-account': ['[\\', '\\]'],
  public: ['((', '))'],
  resource: ['[(', ')]'],
  admin: ['(((', ')))'],
};

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function edgeLabel(view: GraphView, edge: EdgeAttributes): string {
  const phrase = edgePhrase(edge.kind, edge.actions);
  return edge.technique === undefined ? phrase : `${techniqueText(view, edge.technique, edge.via)} (${phrase})`;
}

export function formatGraphMermaid(graph: AccessGraphData): string {
  const keys = graph.nodes().sort(compare);
  const ids = new Map(keys.map((key, i) => [key, `n${i}`]));
  const id = (key: string): string => ids.get(key) ?? 'unknown';
  const lines = ['flowchart LR'];
  const admins: string[] = [];
  const conditionalAdmins: string[] = [];
  for (const key of keys) {
    const node = graph.getNodeAttributes(key);
    const [open, close] = shapes[node.kind];
    lines.push(`  ${id(key)}${open}"${mermaidText(node.label)}"${close}`);
    if (node.kind === 'admin' || node.admin === 'unconditional') admins.push(id(key));
    else if (node.admin === 'conditional') conditionalAdmins.push(id(key));
  }
  const view = graphView(graph);
  const edges: { key: string; line: string }[] = [];
  graph.forEachEdge((key, attributes, source, target) => {
    const arrow = attributes.status === 'conditional' ? '-.->' : '-->';
    edges.push({ key, line: `  ${id(source)} ${arrow}|"${mermaidText(edgeLabel(view, attributes))}"| ${id(target)}` });
  });
  lines.push(...edges.sort((a, b) => compare(a.key, b.key)).map((e) => e.line));
  // Administrator-equivalent principals, and the admin nodes, are outlined in red (orange: under conditions).
  lines.push('  classDef admin stroke:#d00,stroke-width:2px');
  lines.push('  classDef conditionalAdmin stroke:#e80,stroke-width:2px,stroke-dasharray:4 2');
  if (admins.length > 0) lines.push(`  class ${admins.join(',')} admin`);
  if (conditionalAdmins.length > 0) lines.push(`  class ${conditionalAdmins.join(',')} conditionalAdmin`);
  return `${lines.join('\n')}\n`;
}
