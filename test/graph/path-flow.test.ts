import { describe, expect, it } from 'vitest';
import { pathFlow } from '../../src/graph/path-flow.js';
import { paths } from '../../src/graph/queries.js';
import type { Step } from '../../src/graph/types.js';
import type { Span } from '../../src/model/span.js';
import { formatJsonPath } from '../../src/model/span.js';
import { account, adminAccess, allow, arn, graphOf, policy, trusts, type AccountSpec } from './inventory.js';

// The located steps graph rules give their findings: one per step, at the first statement behind its
// edge, else at the entity it starts from (or ends at), else at the finding's own place.

const mfa = { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } };

const spec: AccountSpec = {
  users: [
    { name: 'dev', groups: ['devs'] },
    { name: 'ops', inline: { assume: policy(allow('sts:AssumeRole', arn.role('boss'), mfa)) } },
    { name: 'nobody' },
  ],
  groups: [{ name: 'devs', inline: { assume: policy(allow('sts:AssumeRole', arn.role('ci'))) } }],
  roles: [
    { name: 'ci', trust: policy(trusts({ AWS: arn.user('dev') })), inline: { pass: policy(allow(['iam:PassRole', 'ec2:RunInstances'])) } },
    { name: 'boss', trust: policy(trusts({ AWS: `arn:aws:iam::${account}:root` })), attached: ['AdministratorAccess'] },
    { name: 'open', trust: policy(trusts('*')), inline: { assume: policy(allow('sts:AssumeRole', arn.role('boss'))) } },
    { name: 'worker', trust: policy(trusts({ Service: 'ec2.amazonaws.com' })), attached: ['AdministratorAccess'], instanceProfile: true },
  ],
  policies: [adminAccess],
};

const graph = graphOf([spec]);
const fallback: Span = { file: 'finding.json', line: 1, column: 1, endLine: 1, endColumn: 2, offset: 0, length: 1, path: [] };

/** `message @ JSON path` of each located step. */
function show(steps: readonly Step[]): string[] {
  return pathFlow(graph, steps, fallback).map((s) => `${s.message} @ ${s.span.file === fallback.file ? 'fallback' : formatJsonPath(s.span.path)}`);
}

function bestPath(from: string, to = 'admin'): readonly Step[] {
  const [best] = paths(graph, from, to).paths;
  if (!best) throw new Error(`no path from ${from} to ${to}`);
  return best.steps;
}

describe('pathFlow', () => {
  it('locates each step at the first statement behind its edge, and says it with both ends', () => {
    expect(show(bestPath(arn.role('ci')))).toEqual([
      'role/ci: iam:PassRole + ec2:RunInstances → role/worker (administrator) @ RoleDetailList[0].RolePolicyList[0].PolicyDocument.Statement[0]',
      'role/worker: every action → admin of 111122223333 @ Policies[0].PolicyVersionList[0].Document.Statement[0]',
    ]);
  });

  it('says when a step holds only under conditions', () => {
    // The shorter of user/ops's paths: its own MFA-conditioned AssumeRole (the other goes through role/open).
    const conditional = paths(graph, arn.user('ops'), 'admin').paths.find((p) => p.decision === 'conditional');
    const [first] = show(conditional?.steps ?? []);
    expect(first).toBe('user/ops assumes role/boss (administrator) (sts:AssumeRole, conditional) @ UserDetailList[1].UserPolicyList[0].PolicyDocument.Statement[0]');
  });

  it('locates a step the graph holds no edge for at the entity it starts from', () => {
    // Anyone may assume role/open: the graph has no edge from user/nobody to it, the query implies the step.
    const [first, ...rest] = bestPath(arn.user('nobody'), arn.role('open'));
    expect(rest).toEqual([]);
    expect(first && show([first])).toEqual(['user/nobody assumes role/open (sts:AssumeRole) @ UserDetailList[2]']);
  });

  it('names memberships, and falls back to the given place for a step between nodes the graph does not have', () => {
    const member: Step = { from: arn.user('dev'), to: arn.group('devs'), kind: 'member-of', status: 'unconditional', actions: [] };
    const unknown: Step = { from: 'arn:aws:iam::999999999999:user/ghost', to: 'arn:aws:s3:::ghost', kind: 'can-access', status: 'unconditional', actions: ['s3:GetObject', 's3:PutObject', 's3:ListBucket', 's3:DeleteObject', 's3:GetObjectAcl'] };
    expect(show([member, unknown])).toEqual([
      'user/dev is a member of group/devs @ UserDetailList[0].GroupList[0]',
      'arn:aws:iam::999999999999:user/ghost: s3:GetObject, s3:PutObject, s3:ListBucket +2 more → arn:aws:s3:::ghost @ fallback',
    ]);
  });
});
