import type { AbstractGraph } from 'graphology-types';
import { edgeKey } from '../graph/draft.js';
import type { EdgeAttributes, EdgeKind, NodeAttributes, Step } from '../graph/types.js';

// What the graph formatters read of the access graph. Query results name nodes by key and steps by
// (kind, from, to, technique); the labels and the conditions and statements behind a step live on the
// graph. Formatters read them through this view, so they can be tested without building a graph.

/** The graphology graph inside the access graph, read-only as far as the formatters go. */
export type AccessGraphData = AbstractGraph<NodeAttributes, EdgeAttributes>;

export interface GraphView {
  /** The node's attributes, or undefined when the graph has no such node. */
  node(key: string): NodeAttributes | undefined;
  /** The edge a step follows, or undefined when the graph has none (a result built by hand). */
  edge(step: Step): EdgeAttributes | undefined;
}

export { edgeKey };

export function graphView(graph: AccessGraphData): GraphView {
  return {
    node: (key) => (graph.hasNode(key) ? graph.getNodeAttributes(key) : undefined),
    edge: (step) => {
      const key = edgeKey(step.kind, step.from, step.to, step.technique);
      return graph.hasEdge(key) ? graph.getEdgeAttributes(key) : undefined;
    },
  };
}

/** A view of no graph: labels come from the keys themselves. */
export const emptyView: GraphView = { node: () => undefined, edge: () => undefined };

/**
 * A readable name for a key the graph does not label: `user/dev` for an IAM ARN, `policy/deploy` for a
 * managed policy, `root (111122223333)` for an account root, `admin (111122223333)` for an admin node;
 * anything else as it is.
 */
export function fallbackLabel(key: string): string {
  if (key.startsWith('admin:')) return `admin (${key.slice('admin:'.length)})`;
  const iam = /^arn:[^:]+:iam::(\d{12}):(.+)$/.exec(key);
  if (iam) return iam[2] === 'root' ? `root (${iam[1] ?? ''})` : (iam[2] ?? key);
  return key;
}

export function labelOf(view: GraphView, key: string): string {
  return view.node(key)?.label ?? fallbackLabel(key);
}

/** How many actions an edge's summary lists before it says how many more there are. */
export const shownActions = 3;

/** `s3:GetObject, s3:PutObject, s3:ListBucket +12 more`: a long action list, cut short for labels and text. */
export function actionSummary(actions: readonly string[], separator = ', '): string {
  if (actions.length === 1 && actions[0] === '*') return 'every action';
  if (actions.length <= shownActions + 1) return actions.join(separator);
  return `${actions.slice(0, shownActions).join(separator)} +${actions.length - shownActions} more`;
}

/** `lambda-invoke`, `add-user-to-group: group/Admins`: the technique of an edge and what it acts on. */
export function techniqueText(view: GraphView, technique: string, via: readonly string[] | undefined): string {
  const on = (via ?? []).map((key) => labelOf(view, key));
  return on.length === 0 ? technique : `${technique}: ${on.join(', ')}`;
}

/**
 * What an edge does, in a few words: `member of`, `assumes`, the actions of a technique
 * (`iam:PassRole + lambda:CreateFunction`), the actions allowed on a resource.
 */
export function edgePhrase(kind: EdgeKind, actions: readonly string[]): string {
  switch (kind) {
    case 'member-of':
      return 'member of';
    case 'can-assume': {
      // sts:AssumeRole goes without saying; the web-identity and SAML variants do not.
      const other = actions.filter((a) => a.toLowerCase() !== 'sts:assumerole');
      return other.length === 0 ? 'assumes' : `assumes (${other.join(', ')})`;
    }
    case 'escalates-to':
      // `admin-access`: the source may call every action.
      return actions.length === 1 && actions[0] === '*' ? 'every action' : actions.join(' + ');
    case 'can-access':
      return actionSummary(actions);
  }
}
