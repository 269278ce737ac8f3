import { MultiDirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import type { EdgeAttributes, NodeAttributes } from '../../src/graph/types.js';
import { formatGraphMermaid, mermaidText } from '../../src/report/graph-mermaid.js';
import { edgeKey } from '../../src/report/graph-view.js';
import { edge, node, sampleGraph } from './graph-fixture.js';

describe('mermaidText', () => {
  it('writes characters that mean something to Mermaid as entity codes', () => {
    expect(mermaidText('user/dev')).toBe('user/dev');
    expect(mermaidText('say "hi" #1')).toBe('say #34;hi#34; #35;1');
    expect(mermaidText('<b>&amp;</b>')).toBe('#60;b#62;#38;amp;#60;/b#62;');
    expect(mermaidText('a|b `c`')).toBe('a#124;b #96;c#96;');
    expect(mermaidText('two\nlines')).toBe('two lines');
  });
});

describe('the graph as Mermaid', () => {
  it('writes a flowchart with safe ids in key order, quoted labels, shapes per kind and dotted conditional edges', () => {
    const graph = new MultiDirectedGraph<NodeAttributes, EdgeAttributes>();
    const user = 'arn:aws:iam::111122223333:user/dev';
    const role = 'arn:aws:iam::111122223333:role/admin';
    graph.addNode(user, node('user', user, 'user/dev'));
    graph.addNode(role, node('role', role, 'role/admin', 'unconditional'));
    graph.addNode('admin:111122223333', node('admin', 'admin:111122223333', 'admin (111122223333)'));
    graph.addNode('arn:aws:iam::111122223333:user/ops', node('user', 'arn:aws:iam::111122223333:user/ops', 'user/ops', 'conditional'));
    graph.addEdgeWithKey(edgeKey('can-assume', user, role, undefined), user, role, edge('can-assume', { status: 'conditional', actions: ['sts:AssumeRole'] }));
    graph.addEdgeWithKey(edgeKey('escalates-to', role, 'admin:111122223333', 'put-role-policy'), role, 'admin:111122223333', edge('escalates-to', { technique: 'put-role-policy', actions: ['iam:PutRolePolicy'] }));
    expect(formatGraphMermaid(graph)).toBe(
      [
        'flowchart LR',
        '  n0((("admin (111122223333)")))',
        '  n1("role/admin")',
        '  n2(["user/dev"])',
        '  n3(["user/ops"])',
        '  n2 -.->|"assumes"| n1',
        '  n1 -->|"put-role-policy (iam:PutRolePolicy)"| n0',
        '  classDef admin stroke:#d00,stroke-width:2px',
        '  classDef conditionalAdmin stroke:#e80,stroke-width:2px,stroke-dasharray:4 2',
        '  class n0,n1 admin',
        '  class n3 conditionalAdmin',
        '',
      ].join('\n'),
    );
  });

  it('gives every kind its shape', () => {
    const text = formatGraphMermaid(sampleGraph());
    const lines = text.split('\n');
    const shape = (label: string): string | undefined => lines.find((l) => l.includes(`"${label}"`))?.replace(/^ {2}n\d+/, '');
    expect(shape('group/developers')).toBe('[["group/developers"]]');
    expect(shape('root (111122223333)')).toBe('{{"root (111122223333)"}}');
    expect(shape('account 444455556666')).toBe('[\\"account 444455556666"\\]');
    expect(shape('lambda.amazonaws.com')).toBe('>"lambda.amazonaws.com"]');
    expect(shape('anyone (*)')).toBe('(("anyone (*)"))');
    expect(shape('s3 bucket reports')).toBe('[("s3 bucket reports")]');
    expect(text).toContain('|"s3:GetObject, s3:PutObject, s3:DeleteObject +3 more"|');
  });

  it('keeps labels from breaking out of their quotes', () => {
    const graph = new MultiDirectedGraph<NodeAttributes, EdgeAttributes>();
    graph.addNode('x', node('resource', 'x', 'evil"] --> n9["pwned'));
    expect(formatGraphMermaid(graph).split('\n')[1]).toBe('  n0[("evil#34;] --#62; n9[#34;pwned")]');
  });

  it('is the same whatever order the graph was built in', () => {
    const graph = sampleGraph();
    const reversed = new MultiDirectedGraph<NodeAttributes, EdgeAttributes>();
    for (const key of [...graph.nodes()].reverse()) reversed.addNode(key, graph.getNodeAttributes(key));
    for (const key of [...graph.edges()].reverse()) reversed.addEdgeWithKey(key, graph.source(key), graph.target(key), graph.getEdgeAttributes(key));
    expect(formatGraphMermaid(reversed)).toBe(formatGraphMermaid(graph));
  });
});
