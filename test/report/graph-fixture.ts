import { MultiDirectedGraph } from 'graphology';
import type { EdgeAttributes, EdgeKind, EdgeStatus, NodeAttributes, NodeKind, Reach, Step } from '../../src/graph/types.js';
import type { Span } from '../../src/model/span.js';
import { edgeKey } from '../../src/report/graph-view.js';

// A small access graph built by hand, and query results over it, for the formatter tests: a developer
// who assumes a CI role that can pass the admin role to a new Lambda function; a break-glass role
// behind MFA; a vendor account; a public bucket.

export const account = '111122223333';
export const arn = (resource: string): string => `arn:aws:iam::${account}:${resource}`;
export const dev = arn('user/dev');
export const ci = arn('role/ci');
export const adminRole = arn('role/admin');
export const breakGlass = arn('role/break-glass');
export const developers = arn('group/developers');
export const root = arn('root');
export const adminNode = `admin:${account}`;
export const bucket = 'arn:aws:s3:::reports';
export const vendor = 'arn:aws:iam::444455556666:root';

export function span(line: number, file = 'account/authorization-details.json'): Span {
  return { file, line, column: 5, endLine: line + 3, endColumn: 6, offset: line * 10, length: 30, path: ['RoleDetailList', line] };
}

/** A node of account 111122223333, for graphs built in a test. */
export function node(kind: NodeKind, key: string, label: string, admin?: NodeAttributes['admin']): NodeAttributes {
  return { kind, key, label, account, span: undefined, admin };
}

/** An unconditional edge without actions or evidence, with `extra` on top. */
export function edge(kind: EdgeKind, extra: Partial<EdgeAttributes> = {}): EdgeAttributes {
  return { kind, status: 'unconditional', actions: [], evidence: [], conditions: [], ...extra };
}

function addNode(graph: MultiDirectedGraph<NodeAttributes, EdgeAttributes>, key: string, kind: NodeKind, label: string, admin?: EdgeStatus): void {
  graph.addNode(key, { kind, key, label, account: kind === 'service' || kind === 'public' ? undefined : key.includes('444455556666') ? '444455556666' : account, span: undefined, admin });
}

interface EdgeSpec {
  readonly kind: EdgeKind;
  readonly from: string;
  readonly to: string;
  readonly status?: EdgeStatus;
  readonly technique?: string;
  readonly via?: readonly string[];
  readonly actions?: readonly string[];
  readonly conditions?: readonly string[];
  readonly line?: number;
}

function addEdge(graph: MultiDirectedGraph<NodeAttributes, EdgeAttributes>, spec: EdgeSpec): void {
  graph.addEdgeWithKey(edgeKey(spec.kind, spec.from, spec.to, spec.technique), spec.from, spec.to, {
    kind: spec.kind,
    status: spec.status ?? 'unconditional',
    technique: spec.technique,
    via: spec.via,
    actions: spec.actions ?? [],
    evidence: [{ description: `Statement 'S${spec.line ?? 1}' of policy 'p'`, span: span(spec.line ?? 1) }],
    conditions: spec.conditions ?? [],
  });
}

/** The hand-built graph; nodes and edges deliberately added out of key order. */
export function sampleGraph(): MultiDirectedGraph<NodeAttributes, EdgeAttributes> {
  const graph = new MultiDirectedGraph<NodeAttributes, EdgeAttributes>();
  addNode(graph, vendor, 'external-account', 'account 444455556666');
  addNode(graph, dev, 'user', 'user/dev');
  addNode(graph, ci, 'role', 'role/ci');
  addNode(graph, adminRole, 'role', 'role/admin', 'unconditional');
  addNode(graph, breakGlass, 'role', 'role/break-glass', 'unconditional');
  addNode(graph, developers, 'group', 'group/developers');
  addNode(graph, root, 'root', `root (${account})`, 'unconditional');
  addNode(graph, adminNode, 'admin', `admin (${account})`);
  addNode(graph, bucket, 'resource', 's3 bucket reports');
  addNode(graph, 'lambda.amazonaws.com', 'service', 'lambda.amazonaws.com');
  addNode(graph, '*', 'public', 'anyone (*)');
  addEdge(graph, { kind: 'member-of', from: dev, to: developers, line: 3 });
  addEdge(graph, { kind: 'can-assume', from: dev, to: ci, actions: ['sts:AssumeRole'], line: 40 });
  addEdge(graph, { kind: 'escalates-to', from: ci, to: adminRole, technique: 'lambda-invoke', actions: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'], line: 60 });
  addEdge(graph, {
    kind: 'can-assume',
    from: dev,
    to: breakGlass,
    status: 'conditional',
    actions: ['sts:AssumeRole'],
    conditions: ["aws:MultiFactorAuthPresent Bool true in statement 'AdminsWithMFA'"],
    line: 80,
  });
  addEdge(graph, { kind: 'can-assume', from: vendor, to: ci, actions: ['sts:AssumeRole'], line: 90 });
  addEdge(graph, { kind: 'can-assume', from: 'lambda.amazonaws.com', to: adminRole, actions: ['sts:AssumeRole'], line: 100 });
  addEdge(graph, { kind: 'escalates-to', from: adminRole, to: adminNode, technique: 'put-role-policy', actions: ['iam:PutRolePolicy'], line: 110 });
  addEdge(graph, { kind: 'escalates-to', from: dev, to: adminNode, technique: 'add-user-to-group', via: [arn('group/admins')], actions: ['iam:AddUserToGroup'], line: 120 });
  addEdge(graph, { kind: 'can-access', from: '*', to: bucket, actions: ['s3:GetObject'], line: 1 });
  addEdge(graph, { kind: 'can-access', from: adminRole, to: bucket, actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:ListBucket', 's3:GetBucketPolicy', 's3:PutBucketPolicy'], line: 1 });
  return graph;
}

export function step(kind: EdgeKind, from: string, to: string, extra: { status?: EdgeStatus; technique?: string; actions?: readonly string[] } = {}): Step {
  return { from, to, kind, status: extra.status ?? 'unconditional', technique: extra.technique, actions: extra.actions ?? [] };
}

export const assumeCi = step('can-assume', dev, ci, { actions: ['sts:AssumeRole'] });
export const passToAdmin = step('escalates-to', ci, adminRole, { technique: 'lambda-invoke', actions: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'] });
export const assumeBreakGlass = step('can-assume', dev, breakGlass, { status: 'conditional', actions: ['sts:AssumeRole'] });
export const joinAdmins = step('escalates-to', dev, adminNode, { technique: 'add-user-to-group', actions: ['iam:AddUserToGroup'] });
export const adminPolicyWrite = step('escalates-to', adminRole, adminNode, { technique: 'put-role-policy', actions: ['iam:PutRolePolicy'] });

export function reach(principal: string, label: string, decision: Reach['decision'], steps: readonly Step[]): Reach {
  return { principal, label, decision, steps };
}
