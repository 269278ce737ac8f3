import { MultiDirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import type { EdgeAttributes, NodeAttributes } from '../../src/graph/types.js';
import { formatGraphJson, formatPathsJson, formatWhatCanJson, formatWhoCanJson } from '../../src/report/graph-json.js';
import { emptyView, graphView } from '../../src/report/graph-view.js';
import { adminNode, adminPolicyWrite, adminRole, assumeBreakGlass, assumeCi, breakGlass, bucket, dev, passToAdmin, reach, sampleGraph } from './graph-fixture.js';

const graph = sampleGraph();
const view = graphView(graph);
const now = '2026-11-20T08:00:00.000Z';

interface GraphJson {
  readonly version: number;
  readonly nodes: readonly Record<string, unknown>[];
  readonly edges: readonly Record<string, unknown>[];
}

describe('query results as JSON', () => {
  it('wraps the result with the version and the query, and gives each step its conditions and evidence', () => {
    const text = formatWhoCanJson({ command: 'who-can', action: 's3:PutObject', resource: bucket, now }, { action: 's3:PutObject', resource: bucket, principals: [reach(dev, 'user/dev', 'conditional', [assumeBreakGlass])] }, view);
    expect(JSON.parse(text)).toEqual({
      version: 1,
      query: { command: 'who-can', action: 's3:PutObject', resource: bucket, now },
      result: {
        action: 's3:PutObject',
        resource: bucket,
        principals: [
          {
            principal: dev,
            label: 'user/dev',
            decision: 'conditional',
            steps: [
              {
                from: dev,
                to: breakGlass,
                kind: 'can-assume',
                status: 'conditional',
                technique: null,
                via: null,
                actions: ['sts:AssumeRole'],
                conditions: ["aws:MultiFactorAuthPresent Bool true in statement 'AdminsWithMFA'"],
                evidence: [{ description: "Statement 'S80' of policy 'p'", file: 'account/authorization-details.json', line: 80 }],
              },
            ],
          },
        ],
      },
    });
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('keeps the keys in a fixed order, whatever order the result objects were built in', () => {
    const scrambled = { principals: [{ steps: [], decision: 'allowed', label: 'role/admin', principal: adminRole } as const], resource: bucket, action: 's3:PutObject' };
    const ordered = { action: 's3:PutObject', resource: bucket, principals: [reach(adminRole, 'role/admin', 'allowed', [])] };
    const query = { command: 'who-can', action: 's3:PutObject', resource: bucket, now } as const;
    expect(formatWhoCanJson(query, scrambled, view)).toBe(formatWhoCanJson(query, ordered, view));
  });

  it('what-can: the admin status, principals, and resources with their actions', () => {
    const result = JSON.parse(
      formatWhatCanJson(
        { command: 'what-can', principal: dev, now },
        { principal: dev, admin: 'unconditional', principals: [reach(adminNode, 'admin (111122223333)', 'allowed', [assumeCi, passToAdmin, adminPolicyWrite])], resources: [{ ...reach(bucket, 's3 bucket reports', 'allowed', [assumeCi, passToAdmin]), actions: ['s3:GetObject'] }] },
        view,
      ),
    ) as { result: { admin: string; principals: { steps: { technique: string | null }[] }[]; resources: { actions: string[] }[] } };
    expect(result.result.admin).toBe('unconditional');
    expect(result.result.principals[0]?.steps.map((s) => s.technique)).toEqual([null, 'lambda-invoke', 'put-role-policy']);
    expect(result.result.resources[0]?.actions).toEqual(['s3:GetObject']);
  });

  it('paths: a step the graph does not have gets no conditions and no evidence', () => {
    const parsed = JSON.parse(formatPathsJson({ command: 'paths', from: dev, to: 'admin', now }, { from: dev, to: 'admin', paths: [reach(adminNode, 'admin', 'allowed', [assumeCi])] }, emptyView)) as {
      query: object;
      result: { from: string; to: string; paths: { steps: { conditions: unknown[]; evidence: unknown[] }[] }[] };
    };
    expect(parsed.query).toEqual({ command: 'paths', from: dev, to: 'admin', now });
    expect(parsed.result.paths[0]?.steps[0]).toMatchObject({ conditions: [], evidence: [] });
  });
});

describe('the graph as JSON', () => {
  const parsed = JSON.parse(formatGraphJson(graph)) as GraphJson;

  it('lists nodes and edges sorted by key, with every key present', () => {
    const nodeKeys = parsed.nodes.map((n) => n.key as string);
    expect(nodeKeys).toEqual([...nodeKeys].sort());
    expect(nodeKeys).toHaveLength(graph.order);
    const edgeKeys = parsed.edges.map((e) => e.key as string);
    expect(edgeKeys).toEqual([...edgeKeys].sort());
    expect(edgeKeys).toHaveLength(graph.size);
    for (const node of parsed.nodes) expect(Object.keys(node)).toEqual(['key', 'kind', 'label', 'account', 'admin', 'trusted']);
    for (const edge of parsed.edges) expect(Object.keys(edge)).toEqual(['key', 'source', 'target', 'kind', 'status', 'technique', 'via', 'actions', 'conditionalActions', 'conditions', 'evidence']);
  });

  it('writes absent values as null and evidence as file and line', () => {
    expect(parsed.nodes.find((n) => n.key === '*')).toEqual({ key: '*', kind: 'public', label: 'anyone (*)', account: null, admin: null, trusted: null });
    expect(parsed.nodes.find((n) => n.key === adminRole)).toMatchObject({ admin: 'unconditional', account: '111122223333' });
    expect(parsed.edges.find((e) => e.key === `escalates-to|${adminRole}|${adminNode}|put-role-policy`)).toEqual({
      key: `escalates-to|${adminRole}|${adminNode}|put-role-policy`,
      source: adminRole,
      target: adminNode,
      kind: 'escalates-to',
      status: 'unconditional',
      technique: 'put-role-policy',
      via: null,
      actions: ['iam:PutRolePolicy'],
      conditionalActions: null,
      conditions: [],
      evidence: [{ description: "Statement 'S110' of policy 'p'", file: 'account/authorization-details.json', line: 110 }],
    });
    expect(parsed.edges.find((e) => e.kind === 'member-of')?.technique).toBeNull();
    expect(parsed.edges.find((e) => e.technique === 'add-user-to-group')?.via).toEqual(['arn:aws:iam::111122223333:group/admins']);
  });

  it('does not depend on the order nodes and edges were added in', () => {
    const reversed = new MultiDirectedGraph<NodeAttributes, EdgeAttributes>();
    for (const key of [...graph.nodes()].reverse()) reversed.addNode(key, graph.getNodeAttributes(key));
    for (const key of [...graph.edges()].reverse()) reversed.addEdgeWithKey(key, graph.source(key), graph.target(key), graph.getEdgeAttributes(key));
    expect(formatGraphJson(reversed)).toBe(formatGraphJson(graph));
  });

  it('an empty graph is an empty list of each', () => {
    expect(formatGraphJson(new MultiDirectedGraph<NodeAttributes, EdgeAttributes>())).toBe('{\n  "version": 1,\n  "nodes": [],\n  "edges": []\n}\n');
  });
});
