import { describe, expect, it } from 'vitest';
import { account, adminAccess, allow, arn, edgeKeys, graphOf, policy, trusts, type AccountSpec } from './inventory.js';

const other = '444455556666';
const outside = '999988887777';

describe('buildGraph: nodes and member-of', () => {
  const spec: AccountSpec = {
    users: [{ name: 'alice', groups: ['devs'] }, { name: 'bob' }],
    groups: [{ name: 'devs', inline: { read: policy(allow('s3:GetObject')) } }],
    roles: [{ name: 'ci', path: '/service/', trust: policy(trusts({ Service: 'codebuild.amazonaws.com' })) }],
  };

  it('has a node per principal, group, root and admin, keyed and labelled as the contract says', () => {
    const { graph } = graphOf([spec]);
    expect(graph.nodes()).toEqual([
      'admin:111122223333',
      'arn:aws:iam::111122223333:group/devs',
      'arn:aws:iam::111122223333:role/service/ci',
      'arn:aws:iam::111122223333:root',
      'arn:aws:iam::111122223333:user/alice',
      'arn:aws:iam::111122223333:user/bob',
      'codebuild.amazonaws.com@111122223333',
    ]);
    expect(graph.getNodeAttributes(arn.root())).toMatchObject({ kind: 'root', label: 'root (111122223333)', account, admin: 'unconditional' });
    expect(graph.getNodeAttributes('arn:aws:iam::111122223333:role/service/ci')).toMatchObject({ kind: 'role', label: 'role/service/ci', account });
    expect(graph.getNodeAttributes('codebuild.amazonaws.com@111122223333')).toMatchObject({ kind: 'service', account });
    expect(graph.getNodeAttribute(arn.user('alice'), 'span')?.file).toBe('111122223333/authorization-details.json');
  });

  it('links a user to its groups, with the GroupList entry as evidence', () => {
    const { graph } = graphOf([spec]);
    const key = `member-of|${arn.user('alice')}|${arn.group('devs')}|`;
    expect(graph.hasEdge(key)).toBe(true);
    const edge = graph.getEdgeAttributes(key);
    expect(edge).toMatchObject({ kind: 'member-of', status: 'unconditional', actions: [], conditions: [] });
    expect(edge.evidence.map((e) => e.description)).toEqual(['GroupList of user/alice']);
    expect(edge.evidence[0]?.span.path).toEqual(['UserDetailList', 0, 'GroupList', 0]);
  });

  it('builds the same graph, edges in key order, on every run', () => {
    const first = graphOf([spec]);
    const second = graphOf([spec]);
    expect(edgeKeys(first)).toEqual(edgeKeys(second));
    expect(edgeKeys(first)).toEqual([...edgeKeys(first)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(JSON.stringify(first.graph.export())).toBe(JSON.stringify(second.graph.export()));
  });

  it('reports the managed policies it cannot find', () => {
    const g = graphOf([{ users: [{ name: 'carol', attached: ['arn:aws:iam::aws:policy/PowerUserAccess'] }] }]);
    expect(g.unresolved).toEqual(['user/carol: arn:aws:iam::aws:policy/PowerUserAccess']);
  });
});

describe('buildGraph: can-assume', () => {
  const spec: AccountSpec = {
    users: [
      { name: 'allowed', inline: { assume: policy(allow('sts:AssumeRole', 'arn:aws:iam::111122223333:role/*')) } },
      { name: 'plain', inline: { s3: policy(allow('s3:GetObject')) } },
      { name: 'named' },
      { name: 'mfa-only', inline: { assume: policy(allow('sts:AssumeRole', '*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })) } },
    ],
    roles: [
      { name: 'root-trusted', trust: policy(trusts({ AWS: `arn:aws:iam::${account}:root` })) },
      { name: 'user-trusted', trust: policy(trusts({ AWS: arn.user('named') })) },
      { name: 'vendor', trust: policy(trusts({ AWS: `arn:aws:iam::${outside}:root` }, { Condition: { StringEquals: { 'sts:ExternalId': 'x' } } })) },
      { name: 'okta', trust: policy(trusts({ Federated: `arn:aws:iam::${account}:saml-provider/Okta` }, { Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } } }, 'sts:AssumeRoleWithSAML')) },
      { name: 'open', trust: policy(trusts('*')) },
    ],
  };
  const assumers = (g: ReturnType<typeof graphOf>, role: string): string[] =>
    g.graph.filterInEdges(arn.role(role), (_e, a) => a.kind === 'can-assume').map((e) => `${g.graph.source(e)} ${g.graph.getEdgeAttribute(e, 'status')}`);

  it('a trust naming the account root needs the caller’s identity Allow; naming a user does not', () => {
    const g = graphOf([spec]);
    expect(assumers(g, 'root-trusted')).toEqual([`${arn.user('allowed')} unconditional`, `${arn.user('mfa-only')} conditional`]);
    expect(assumers(g, 'user-trusted')).toEqual([`${arn.user('named')} unconditional`]);
  });

  it('gives the edge its evidence and, when conditional, its conditions', () => {
    const g = graphOf([spec]);
    const edge = g.graph.getEdgeAttributes(`can-assume|${arn.user('mfa-only')}|${arn.role('root-trusted')}|`);
    expect(edge.actions).toEqual(['sts:AssumeRole']);
    expect(edge.evidence.map((e) => e.description)).toEqual(["Statement #1 of policy 'assume' (inline, user/mfa-only)", 'Statement #1 of trust policy of role/root-trusted']);
    expect(edge.conditions).toEqual(["aws:MultiFactorAuthPresent Bool true (Statement #1 of policy 'assume' (inline, user/mfa-only))"]);
  });

  it('an account that is not analysed is one node, as good as the trust makes it', () => {
    const g = graphOf([spec], { trusted: [outside] });
    expect(assumers(g, 'vendor')).toEqual([`arn:aws:iam::${outside}:root conditional`]);
    expect(g.graph.getNodeAttributes(`arn:aws:iam::${outside}:root`)).toMatchObject({ kind: 'external-account', label: `account ${outside}`, trusted: true });
  });

  it('identity providers assume with their own action', () => {
    const g = graphOf([spec]);
    const provider = `arn:aws:iam::${account}:saml-provider/Okta`;
    expect(assumers(g, 'okta')).toEqual([`${provider} conditional`]);
    expect(g.graph.getEdgeAttribute(`can-assume|${provider}|${arn.role('okta')}|`, 'actions')).toEqual(['sts:AssumeRoleWithSAML']);
    expect(g.graph.getNodeAttributes(provider)).toMatchObject({ kind: 'federated', label: 'saml-provider/Okta' });
  });

  it('a role that trusts everyone has one edge, from the public node', () => {
    const g = graphOf([spec]);
    expect(assumers(g, 'open')).toEqual(['* unconditional']);
  });

  it('across analysed accounts the caller’s own policy must allow too', () => {
    const b: AccountSpec = {
      id: other,
      users: [{ name: 'sts-user', inline: { assume: policy(allow('sts:AssumeRole', arn.role('partner'))) } }, { name: 'no-sts-user', inline: { s3: policy(allow('s3:*')) } }],
    };
    const a: AccountSpec = { roles: [{ name: 'partner', trust: policy(trusts({ AWS: `arn:aws:iam::${other}:root` })) }] };
    const g = graphOf([a, b]);
    expect(assumers(g, 'partner')).toEqual([`${arn.user('sts-user', other)} unconditional`]);
    expect(g.graph.hasNode(`arn:aws:iam::${other}:root`) && g.graph.getNodeAttribute(`arn:aws:iam::${other}:root`, 'kind')).toBe('root');
  });
});

describe('buildGraph: can-access', () => {
  const bucket = 'arn:aws:s3:::reports';
  const spec: AccountSpec = {
    users: [
      { name: 'reader', inline: { s3: policy(allow(['s3:GetObject', 's3:ListBucket'], [bucket, `${bucket}/*`])) } },
      { name: 'stranger', inline: { ec2: policy(allow('ec2:*')) } },
    ],
    policies: [adminAccess],
    resources: {
      [bucket]: policy(
        { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${outside}:root` }, Action: 's3:GetObject', Resource: `${bucket}/*` },
        { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${bucket}/public/*`, Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } },
      ),
    },
  };

  it('links the principals the policy names and those whose own policies reach the resource', () => {
    const g = graphOf([spec]);
    const access = g.graph.filterInEdges(bucket, (_e, a) => a.kind === 'can-access').map((e) => {
      const a = g.graph.getEdgeAttributes(e);
      return `${g.graph.source(e)} ${a.status} ${a.actions.join(',')} conditional:${(a.conditionalActions ?? []).join(',')}`;
    }).sort();
    expect(access).toEqual([
      '* conditional s3:GetObject conditional:s3:GetObject',
      `${arn.user('reader')} unconditional s3:GetObject conditional:`,
      `arn:aws:iam::${outside}:root unconditional s3:GetObject conditional:`,
    ]);
    expect(g.graph.getNodeAttributes(bucket)).toMatchObject({ kind: 'resource', label: 's3 reports', account });
  });
});

describe('buildGraph: shared evaluations', () => {
  it('never shares an answer between principals that a policy tells apart', () => {
    const queue = `arn:aws:sqs:us-east-1:${account}:jobs`;
    const same = { inline: { q: policy(allow('sqs:ReceiveMessage', queue)) } };
    const g = graphOf([
      {
        roles: [
          { name: 'worker', trust: policy(trusts({ Service: 'ecs-tasks.amazonaws.com' })), ...same },
          { name: 'other', trust: policy(trusts({ Service: 'ecs-tasks.amazonaws.com' })), ...same },
        ],
        users: [{ name: 'a', groups: ['g'] }, { name: 'b', groups: ['g'] }, { name: 'c', groups: ['g'] }],
        groups: [{ name: 'g', inline: { s: policy(allow('sqs:SendMessage', queue)) } }],
        resources: {
          [queue]: policy(
            { Effect: 'Allow', Principal: { AWS: `arn:aws:sts::${account}:assumed-role/worker/session-1` }, Action: 'sqs:DeleteMessage', Resource: queue },
            { Effect: 'Allow', Principal: { AWS: arn.user('a') }, Action: 'sqs:PurgeQueue', Resource: queue },
            { Effect: 'Allow', Principal: { AWS: arn.root() }, Action: ['sqs:ReceiveMessage', 'sqs:SendMessage'], Resource: queue },
          ),
        },
      },
    ]);
    const actions = (source: string): string => g.graph.getEdgeAttribute(`can-access|${source}|${queue}|`, 'actions').join(',');
    expect(actions(arn.role('worker'))).toBe('sqs:DeleteMessage,sqs:ReceiveMessage');
    // The caller names its session: a policy naming one of the role's sessions may apply.
    expect(g.graph.getEdgeAttribute(`can-access|${arn.role('worker')}|${queue}|`, 'conditionalActions')).toEqual(['sqs:DeleteMessage']);
    expect(actions(arn.role('other'))).toBe('sqs:ReceiveMessage');
    expect(actions(arn.user('a'))).toBe('sqs:PurgeQueue,sqs:SendMessage');
    expect(actions(arn.user('b'))).toBe('sqs:SendMessage');
    expect(actions(arn.user('c'))).toBe('sqs:SendMessage');
    // b and c are alike: c's requests are answered from b's.
    expect(g.stats.shared).toBeGreaterThan(0);
  });
});

describe('buildGraph: stats', () => {
  it('counts what it built and evaluated', () => {
    const g = graphOf([{ users: [{ name: 'admin', attached: ['AdministratorAccess'] }], policies: [adminAccess] }]);
    expect(g.stats).toMatchObject({ nodes: g.graph.order, edges: g.graph.size });
    expect(g.stats.evaluated).toBeGreaterThan(0);
  });
});
