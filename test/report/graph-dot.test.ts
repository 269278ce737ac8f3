import { MultiDirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import type { EdgeAttributes, NodeAttributes } from '../../src/graph/types.js';
import { dotString, formatGraphDot } from '../../src/report/graph-dot.js';
import { edgeKey } from '../../src/report/graph-view.js';
import { edge, node, sampleGraph } from './graph-fixture.js';

describe('dotString', () => {
  it('quotes, and escapes quotes, backslashes and line breaks', () => {
    expect(dotString('user/dev')).toBe('"user/dev"');
    expect(dotString('say "hi"')).toBe('"say \\"hi\\""');
    expect(dotString('ends with \\')).toBe('"ends with \\\\"');
    expect(dotString('two\nlines\r\nthree')).toBe('"two\\nlines\\nthree"');
  });
});

describe('the graph as DOT', () => {
  it('writes a digraph with a shape per kind, labels, and dashed conditional edges', () => {
    const graph = new MultiDirectedGraph<NodeAttributes, EdgeAttributes>();
    const user = 'arn:aws:iam::111122223333:user/dev';
    const role = 'arn:aws:iam::111122223333:role/admin';
    graph.addNode(user, node('user', user, 'user/dev'));
    graph.addNode(role, node('role', role, 'role/admin', 'unconditional'));
    graph.addNode('admin:111122223333', node('admin', 'admin:111122223333', 'admin (111122223333)'));
    graph.addEdgeWithKey(edgeKey('can-assume', user, role, undefined), user, role, edge('can-assume', { status: 'conditional', actions: ['sts:AssumeRole'], conditions: ['aws:MultiFactorAuthPresent Bool true', 'aws:SourceIp IpAddress 10.0.0.0/8'] }));
    graph.addEdgeWithKey(edgeKey('escalates-to', role, 'admin:111122223333', 'put-role-policy'), role, 'admin:111122223333', edge('escalates-to', { technique: 'put-role-policy', actions: ['iam:PutRolePolicy'] }));
    expect(formatGraphDot(graph)).toBe(
      [
        'digraph iamlint {',
        '  rankdir=LR;',
        '  node [fontname="Helvetica", fontsize=10];',
        '  edge [fontname="Helvetica", fontsize=9];',
        '  "admin:111122223333" [label="admin (111122223333)", shape=doubleoctagon, color=red, fontcolor=red];',
        '  "arn:aws:iam::111122223333:role/admin" [label="role/admin", shape=box, style=rounded, color=red, penwidth=2];',
        '  "arn:aws:iam::111122223333:user/dev" [label="user/dev", shape=ellipse];',
        '  "arn:aws:iam::111122223333:user/dev" -> "arn:aws:iam::111122223333:role/admin" [label="assumes", style=dashed, tooltip="aws:MultiFactorAuthPresent Bool true\\naws:SourceIp IpAddress 10.0.0.0/8"];',
        '  "arn:aws:iam::111122223333:role/admin" -> "admin:111122223333" [label="put-role-policy\\niam:PutRolePolicy"];',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('escapes labels and keys that hold quotes, backslashes and line breaks', () => {
    const graph = new MultiDirectedGraph<NodeAttributes, EdgeAttributes>();
    const odd = 'arn:aws:s3:::bucket/"quoted"\\';
    graph.addNode(odd, node('resource', odd, 's3 object "quoted"\\\nnext'));
    graph.addNode('*', node('public', '*', 'anyone (*)'));
    graph.addEdgeWithKey(edgeKey('can-access', '*', odd, undefined), '*', odd, edge('can-access', { actions: ['s3:GetObject'] }));
    const text = formatGraphDot(graph);
    expect(text).toContain('  "arn:aws:s3:::bucket/\\"quoted\\"\\\\" [label="s3 object \\"quoted\\"\\\\\\nnext", shape=cylinder];\n');
    expect(text).toContain('  "*" -> "arn:aws:s3:::bucket/\\"quoted\\"\\\\" [label="s3:GetObject"];\n');
    // Every quote that is not escaped opens or closes a string: they pair up on each line.
    for (const line of text.split('\n')) expect(line.replace(/\\\\/g, '').replace(/\\"/g, '').split('"').length % 2, line).toBe(1);
  });

  it('gives every kind its shape, outlines conditional admins in orange, and shortens long action lists', () => {
    const text = formatGraphDot(sampleGraph());
    expect(text).toContain('"arn:aws:iam::111122223333:group/developers" [label="group/developers", shape=folder];');
    expect(text).toContain('"arn:aws:iam::111122223333:root" [label="root (111122223333)", shape=house, color=red, penwidth=2];');
    expect(text).toContain('"arn:aws:iam::444455556666:root" [label="account 444455556666", shape=box3d];');
    expect(text).toContain('"lambda.amazonaws.com" [label="lambda.amazonaws.com", shape=hexagon];');
    expect(text).toContain('"*" [label="anyone (*)", shape=octagon];');
    expect(text).toContain('"arn:aws:s3:::reports" [label="s3 bucket reports", shape=cylinder];');
    expect(text).toContain('[label="s3:GetObject, s3:PutObject, s3:DeleteObject +3 more"]');
    expect(text).toContain('[label="member of"]');
    expect(text).toContain('[label="add-user-to-group: group/admins\\niam:AddUserToGroup"]');
    const conditional = new MultiDirectedGraph<NodeAttributes, EdgeAttributes>();
    conditional.addNode('u', node('user', 'u', 'user/u', 'conditional'));
    expect(formatGraphDot(conditional)).toContain('"u" [label="user/u", shape=ellipse, color=orange, penwidth=2];');
  });

  it('is the same whatever order the graph was built in', () => {
    const graph = sampleGraph();
    const reversed = new MultiDirectedGraph<NodeAttributes, EdgeAttributes>();
    for (const key of [...graph.nodes()].reverse()) reversed.addNode(key, graph.getNodeAttributes(key));
    for (const key of [...graph.edges()].reverse()) reversed.addEdgeWithKey(key, graph.source(key), graph.target(key), graph.getEdgeAttributes(key));
    expect(formatGraphDot(reversed)).toBe(formatGraphDot(graph));
  });
});
