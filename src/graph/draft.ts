import { MultiDirectedGraph } from 'graphology';
import { compare } from './principals-policies.js';
import type { EdgeAttributes, EdgeKind, EdgeStatus, Evidence, NodeAttributes } from './types.js';

// The graph while it is built: nodes and edges are collected first and added to graphology in key
// order at the end, so that iterating the graph gives the same order on every run.

export interface EdgeInput {
  readonly kind: EdgeKind;
  readonly source: string;
  readonly target: string;
  readonly status: EdgeStatus;
  readonly technique?: string | undefined;
  readonly via?: readonly string[] | undefined;
  readonly actions: readonly string[];
  readonly conditionalActions?: readonly string[] | undefined;
  readonly evidence: readonly Evidence[];
  readonly conditions: readonly string[];
}

/** `${kind}|${source}|${target}|${technique ?? ''}`. */
export function edgeKey(kind: EdgeKind, source: string, target: string, technique: string | undefined): string {
  return `${kind}|${source}|${target}|${technique ?? ''}`;
}

function union<T>(a: readonly T[], b: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set(a.map(key));
  return [...a, ...b.filter((item) => !seen.has(key(item)))];
}

const noTargets: ReadonlyMap<string, EdgeStatus> = new Map();

const evidenceKey = (e: Evidence): string => `${e.span.file}:${e.span.offset}:${e.description}`;
const self = (s: string): string => s;

export class GraphDraft {
  private readonly nodes = new Map<string, NodeAttributes>();
  private readonly edges = new Map<string, EdgeInput>();
  private readonly becomes = new Map<string, Map<string, { status: EdgeStatus; actions: readonly string[] }>>();

  hasNode(key: string): boolean {
    return this.nodes.has(key);
  }

  node(key: string): NodeAttributes | undefined {
    return this.nodes.get(key);
  }

  /** Adds the node unless there is one with its key. */
  addNode(attributes: NodeAttributes): void {
    if (!this.nodes.has(attributes.key)) this.nodes.set(attributes.key, attributes);
  }

  setNode(attributes: NodeAttributes): void {
    this.nodes.set(attributes.key, attributes);
  }

  /**
   * Adds an edge. One already there with the same key (the same technique found twice, through two
   * policies or two services) is kept if it is unconditional and the new one is not, replaced in the
   * opposite case, and otherwise merged: actions, evidence, conditions and `via` together.
   */
  addEdge(edge: EdgeInput): void {
    if (edge.source === edge.target) return;
    if (edge.kind === 'can-assume' || (edge.kind === 'escalates-to' && !edge.target.startsWith('admin:'))) {
      const targets = this.becomes.get(edge.source) ?? new Map<string, { status: EdgeStatus; actions: readonly string[] }>();
      if (targets.get(edge.target)?.status !== 'unconditional') targets.set(edge.target, { status: edge.status, actions: edge.actions });
      this.becomes.set(edge.source, targets);
    }
    const key = edgeKey(edge.kind, edge.source, edge.target, edge.technique);
    const existing = this.edges.get(key);
    if (!existing || (existing.status === 'conditional' && edge.status === 'unconditional')) {
      this.edges.set(key, edge);
      return;
    }
    if (existing.status === 'unconditional' && edge.status === 'conditional') return;
    const via = union(existing.via ?? [], edge.via ?? [], self).sort(compare);
    this.edges.set(key, {
      ...existing,
      actions: union(existing.actions, edge.actions, self),
      evidence: union(existing.evidence, edge.evidence, evidenceKey),
      conditions: union(existing.conditions, edge.conditions, self),
      ...(via.length > 0 ? { via } : {}),
    });
  }

  /**
   * The principals `source` can act as so far — by assuming them, or taking their credentials or
   * trust — each with the best status: what the policy-writing techniques combine with.
   */
  actsAs(source: string): ReadonlyMap<string, EdgeStatus> {
    const targets = this.becomes.get(source);
    return targets ? new Map([...targets].map(([target, how]) => [target, how.status])) : noTargets;
  }

  /** The actions of the (best) edge by which `source` acts as `target`. */
  actsAsActions(source: string, target: string): readonly string[] | undefined {
    return this.becomes.get(source)?.get(target)?.actions;
  }

  /** The graphology graph: nodes, then edges, each in key order. */
  build(): MultiDirectedGraph<NodeAttributes, EdgeAttributes> {
    const graph = new MultiDirectedGraph<NodeAttributes, EdgeAttributes>();
    for (const key of [...this.nodes.keys()].sort(compare)) graph.addNode(key, this.nodes.get(key));
    for (const key of [...this.edges.keys()].sort(compare)) {
      const edge = this.edges.get(key);
      if (!edge || !this.nodes.has(edge.source) || !this.nodes.has(edge.target)) continue;
      const attributes: EdgeAttributes = {
        kind: edge.kind,
        status: edge.status,
        ...(edge.technique === undefined ? {} : { technique: edge.technique }),
        ...(edge.via === undefined || edge.via.length === 0 ? {} : { via: edge.via }),
        actions: edge.actions,
        ...(edge.conditionalActions === undefined || edge.conditionalActions.length === 0 ? {} : { conditionalActions: edge.conditionalActions }),
        evidence: edge.evidence,
        conditions: edge.conditions,
      };
      graph.addDirectedEdgeWithKey(key, edge.source, edge.target, attributes);
    }
    return graph;
  }
}
