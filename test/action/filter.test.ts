import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/action/diff.js';
import { filterModes, inChange, type FilterMode } from '../../src/action/filter.js';
import type { Finding } from '../../src/engine/finding.js';
import type { Span } from '../../src/model/span.js';

function span(file: string, line: number, endLine = line): Span {
  return { file, line, column: 1, endLine, endColumn: 2, offset: 0, length: 1, path: [] };
}

function finding(at: Span, flow?: readonly Span[]): Finding {
  return {
    ruleId: 'test-rule',
    messageId: 'm',
    message: 'a finding',
    severity: 'high',
    category: 'least-privilege',
    span: at,
    subject: undefined,
    sid: undefined,
    data: {},
    fingerprint: 'f',
    ...(flow === undefined ? {} : { flow: flow.map((s) => ({ span: s, message: 'step' })) }),
  };
}

// p.json: line 10 added, lines 7–9 and 11–13 its context; q.json: renamed or binary, no lines.
const change: Change = new Map([
  ['p.json', { added: new Set([10]), context: new Set([7, 8, 9, 11, 12, 13]) }],
  ['q.json', { added: new Set<number>(), context: new Set<number>() }],
]);

/** The modes in which the finding is in the change. */
function modesOf(f: Finding): FilterMode[] {
  return filterModes.filter((mode) => inChange(f, change, mode));
}

describe('inChange', () => {
  it('added: a location on an added line', () => {
    expect(modesOf(finding(span('p.json', 10)))).toEqual(['added', 'diff_context', 'file', 'nofilter']);
  });

  it('diff_context: a location on a context line', () => {
    expect(modesOf(finding(span('p.json', 13)))).toEqual(['diff_context', 'file', 'nofilter']);
    expect(modesOf(finding(span('p.json', 7)))).toEqual(['diff_context', 'file', 'nofilter']);
  });

  it('file: anywhere in a changed file, including one with no lines in the diff', () => {
    expect(modesOf(finding(span('p.json', 14)))).toEqual(['file', 'nofilter']);
    expect(modesOf(finding(span('p.json', 1)))).toEqual(['file', 'nofilter']);
    expect(modesOf(finding(span('q.json', 3)))).toEqual(['file', 'nofilter']);
  });

  it('nofilter: everything, even a file the change did not touch', () => {
    expect(modesOf(finding(span('other.json', 10)))).toEqual(['nofilter']);
  });

  it('a location spanning several lines is in the change when any of them is', () => {
    expect(modesOf(finding(span('p.json', 2, 10)))).toEqual(['added', 'diff_context', 'file', 'nofilter']);
    expect(modesOf(finding(span('p.json', 10, 500)))).toEqual(['added', 'diff_context', 'file', 'nofilter']);
    expect(modesOf(finding(span('p.json', 1, 6)))).toEqual(['file', 'nofilter']);
    expect(modesOf(finding(span('p.json', 14, 5000)))).toEqual(['file', 'nofilter']);
  });

  it('a finding with a flow is in the change when any step of its path is', () => {
    const chain = finding(span('other.json', 1), [span('other.json', 1), span('p.json', 10), span('third.json', 4)]);
    expect(modesOf(chain)).toEqual(['added', 'diff_context', 'file', 'nofilter']);
    const nearChain = finding(span('other.json', 1), [span('p.json', 12)]);
    expect(modesOf(nearChain)).toEqual(['diff_context', 'file', 'nofilter']);
    const elsewhere = finding(span('other.json', 1), [span('third.json', 10)]);
    expect(modesOf(elsewhere)).toEqual(['nofilter']);
  });
});
