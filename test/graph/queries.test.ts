import { describe, expect, it } from 'vitest';
import { paths, QueryError, whatCan, whoCan } from '../../src/graph/queries.js';
import type { Reach } from '../../src/graph/types.js';
import { account, adminAccess, allow, arn, deny, graphOf, policy, trusts, type AccountSpec } from './inventory.js';

const other = '444455556666';
const bucket = 'arn:aws:s3:::data';
const mfa = { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } };

/** `principal decision: step, step …` for each reach. */
function show(reaches: readonly Reach[]): string[] {
  return reaches.map((r) => `${r.principal} ${r.decision}: ${r.steps.map((s) => `${s.kind}${s.technique === undefined ? '' : `(${s.technique})`}→${s.to}`).join(' ')}`.trim());
}

const spec: AccountSpec = {
  users: [
    { name: 'dev', inline: { assume: policy(allow('sts:AssumeRole', arn.role('reader'))) } },
    { name: 'ops', inline: { assume: policy(allow('sts:AssumeRole', arn.role('reader'), mfa)) } },
    { name: 'direct', inline: { s3: policy(allow('s3:GetObject', `${bucket}/*`)) } },
    { name: 'nobody' },
    { name: 'admin', attached: ['AdministratorAccess'] },
  ],
  roles: [
    { name: 'reader', trust: policy(trusts({ AWS: `arn:aws:iam::${account}:root` })), inline: { s3: policy(allow('s3:GetObject', `${bucket}/*`)) } },
    { name: 'boss', trust: policy(trusts({ AWS: arn.role('reader') })), attached: ['AdministratorAccess'] },
    { name: 'open', trust: policy(trusts('*')), inline: { s3: policy(allow('s3:ListBucket', bucket)) } },
  ],
  policies: [adminAccess],
  resources: { [bucket]: policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${other}:root` }, Action: 's3:GetObject', Resource: `${bucket}/*` }) },
};

describe('whoCan', () => {
  const g = graphOf([spec]);

  it('lists who can directly and who by a chain, sorted, preferring unconditional chains', () => {
    const result = whoCan(g, 's3:GetObject', `${bucket}/report.csv`);
    expect(show(result.principals)).toEqual([
      `${arn.role('boss')} allowed:`,
      `${arn.role('reader')} allowed:`,
      `${arn.root()} allowed:`,
      `${arn.user('admin')} allowed:`,
      `${arn.user('dev')} allowed: can-assume→${arn.role('reader')}`,
      `${arn.user('direct')} allowed:`,
      `${arn.user('ops')} conditional: can-assume→${arn.role('reader')}`,
      `arn:aws:iam::${other}:root allowed:`,
    ]);
    expect(result.principals.find((p) => p.principal === arn.user('dev'))?.label).toBe('user/dev');
  });

  it('includes the principals that everyone-trusted roles let in', () => {
    const result = whoCan(g, 's3:ListBucket', bucket);
    const nobody = result.principals.find((p) => p.principal === arn.user('nobody'));
    expect(nobody && show([nobody])).toEqual([`${arn.user('nobody')} allowed: can-assume→${arn.role('open')}`]);
    expect(result.principals.map((p) => p.principal)).toContain('*');
  });

  it('refuses what is not one known action', () => {
    expect(() => whoCan(g, 's3:Get*', bucket)).toThrow(QueryError);
    expect(() => whoCan(g, 's3:GetObjekt', bucket)).toThrow(/unknown action 's3:GetObjekt'/);
  });
});

describe('whatCan', () => {
  const g = graphOf([spec]);

  it('gives the principals it can become and the resources it can reach', () => {
    const result = whatCan(g, arn.user('dev'));
    expect(result.admin).toBe('no');
    expect(show(result.principals)).toEqual([
      `admin:${account} allowed: can-assume→${arn.role('reader')} can-assume→${arn.role('boss')} escalates-to(admin-access)→admin:${account}`,
      `${arn.role('boss')} allowed: can-assume→${arn.role('reader')} can-assume→${arn.role('boss')}`,
      `${arn.role('open')} allowed: can-assume→${arn.role('open')}`,
      `${arn.role('reader')} allowed: can-assume→${arn.role('reader')}`,
    ]);
    expect(result.resources.map((r) => `${r.principal} ${r.decision} ${r.actions.join(',')} ${String(r.steps.length)}`)).toEqual([`${bucket} allowed s3:GetObject 2`]);
  });

  it('says whether the principal is an administrator, and does not list its account one by one', () => {
    const result = whatCan(g, arn.user('admin'));
    expect(result.admin).toBe('unconditional');
    expect(result.principals.map((p) => p.principal)).toEqual([`admin:${account}`, arn.role('open')]);
  });

  it('refuses a key that is not a principal', () => {
    expect(() => whatCan(g, arn.user('ghost'))).toThrow(QueryError);
    expect(() => whatCan(g, bucket)).toThrow(QueryError);
  });
});

describe('paths', () => {
  it('to admin: the shortest unconditional path, and a shorter conditional one too', () => {
    const g = graphOf([
      {
        users: [{ name: 'u', inline: { assume: policy(allow('sts:AssumeRole', [arn.role('hop'), arn.role('mfa-admin')]), allow('sts:AssumeRole', arn.role('mfa-admin'), mfa)) } }],
        roles: [
          { name: 'hop', trust: policy(trusts({ AWS: arn.user('u') })), inline: { a: policy(allow('sts:AssumeRole', arn.role('admin'))) } },
          { name: 'admin', trust: policy(trusts({ AWS: arn.role('hop') })), attached: ['AdministratorAccess'] },
          { name: 'mfa-admin', trust: policy(trusts({ AWS: arn.user('u') }, mfa)), attached: ['AdministratorAccess'] },
        ],
        policies: [adminAccess],
      },
    ]);
    const result = paths(g, arn.user('u'), 'admin');
    expect(show(result.paths)).toEqual([
      `admin:${account} allowed: can-assume→${arn.role('hop')} can-assume→${arn.role('admin')} escalates-to(admin-access)→admin:${account}`,
      `admin:${account} conditional: can-assume→${arn.role('mfa-admin')} escalates-to(admin-access)→admin:${account}`,
    ]);
  });

  it('to a node, through what an administrator can do in its account', () => {
    const g = graphOf([spec]);
    expect(show(paths(g, arn.user('admin'), arn.role('reader')).paths)).toEqual([
      `${arn.role('reader')} allowed: escalates-to(admin-access)→admin:${account} escalates-to(admin-access)→${arn.role('reader')}`,
    ]);
    expect(show(paths(g, arn.user('dev'), arn.user('dev')).paths)).toEqual([`${arn.user('dev')} allowed:`]);
    expect(paths(g, arn.user('nobody'), arn.role('boss')).paths).toEqual([]);
  });

  it('across accounts: an administrator of one reaches what its principals can', () => {
    const a: AccountSpec = { roles: [{ name: 'partner', trust: policy(trusts({ AWS: `arn:aws:iam::${other}:root` })) }] };
    const b: AccountSpec = { id: other, users: [{ name: 'sts-user', inline: { p: policy(allow('sts:AssumeRole', arn.role('partner'))) } }] };
    const g = graphOf([a, b]);
    expect(show(paths(g, arn.root(other), arn.role('partner')).paths)).toEqual([
      `${arn.role('partner')} allowed: escalates-to(admin-access)→admin:${other} escalates-to(admin-access)→${arn.user('sts-user', other)} can-assume→${arn.role('partner')}`,
    ]);
    expect(show(whoCan(g, 'sts:AssumeRole', arn.role('partner')).principals)).toEqual([
      `${arn.root()} allowed: escalates-to(admin-access)→admin:${account}`,
      `${arn.root(other)} allowed: escalates-to(admin-access)→admin:${other} escalates-to(admin-access)→${arn.user('sts-user', other)}`,
      `${arn.user('sts-user', other)} allowed:`,
    ]);
  });

  it('refuses unknown nodes', () => {
    const g = graphOf([spec]);
    expect(() => paths(g, arn.user('ghost'), 'admin')).toThrow(QueryError);
    expect(() => paths(g, arn.user('dev'), arn.role('ghost'))).toThrow(/no node/);
  });
});

describe('roles everyone may assume, across accounts', () => {
  // Account `other` has a role whose trust names everyone; account 1111… has principals whose
  // sts:AssumeRole Allows name it in different ways, or do not name it.
  const queue = `arn:aws:sqs:us-east-1:${other}:jobs`;
  const b: AccountSpec = {
    id: other,
    users: [{ name: 'local' }],
    roles: [
      { name: 'open-b', trust: policy(trusts('*')), inline: { sqs: policy(allow('sqs:SendMessage', queue)) } },
      { name: 'closed', trust: policy(trusts({ AWS: arn.root(other) })) },
    ],
  };
  const a: AccountSpec = {
    users: [
      { name: 'named', inline: { p: policy(allow('sts:AssumeRole', `arn:aws:iam::${other}:role/open-*`)) } },
      { name: 'wild', inline: { p: policy(allow('sts:AssumeRole', 'arn:aws:iam::*:role/open-b')) } },
      { name: 'everything', inline: { p: policy({ Effect: 'Allow', Action: 'sts:AssumeRole', NotResource: arn.role('closed') }) } },
      { name: 'with-mfa', inline: { p: policy(allow('sts:AssumeRole', '*', mfa)) } },
      { name: 'elsewhere', inline: { p: policy(allow('sts:AssumeRole', arn.role('closed', other))) } },
      { name: 'own-account', inline: { p: policy(allow('sts:AssumeRole', `arn:aws:iam::${account}:role/*`)) } },
      { name: 'nothing' },
      // Allowed by their identity policies, but barred from every role by a Deny or a boundary of their own.
      { name: 'mfa-or-nothing', inline: { p: policy(allow('sts:AssumeRole'), deny('*', '*', { Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } })) } },
      { name: 'no-sts', inline: { p: policy(allow('sts:AssumeRole'), deny('sts:*')) } },
      { name: 'bounded', inline: { p: policy(allow('sts:AssumeRole')) }, boundary: 's3-only' },
    ],
    policies: [{ name: 's3-only', versions: [policy(allow('s3:*'))] }],
  };
  const g = graphOf([a, b]);
  const expected = [
    `${arn.user('everything')} allowed: can-assume→${arn.role('open-b', other)}`,
    `${arn.user('mfa-or-nothing')} conditional: can-assume→${arn.role('open-b', other)}`,
    `${arn.user('named')} allowed: can-assume→${arn.role('open-b', other)}`,
    `${arn.user('wild')} allowed: can-assume→${arn.role('open-b', other)}`,
    `${arn.user('with-mfa')} conditional: can-assume→${arn.role('open-b', other)}`,
    `${arn.user('local', other)} allowed: can-assume→${arn.role('open-b', other)}`,
  ];

  it('who-can: each principal whose own Allow covers the role, and every principal of its account', () => {
    const reached = whoCan(g, 'sqs:SendMessage', queue).principals.filter((p) => p.principal.includes(':user/'));
    expect(show(reached)).toEqual(expected);
  });

  it('what-can: the same principals, searching forwards', () => {
    const forwards = [...g.principals.values()]
      .filter((p) => p.kind === 'user')
      .flatMap((p) => whatCan(g, p.key).principals.filter((r) => r.principal === arn.role('open-b', other)).map((r) => ({ ...r, principal: p.key })));
    expect(show(forwards)).toEqual(expected);
  });
});

describe('AccessGraph.can', () => {
  it('evaluates a principal’s request with the graph’s context, and refuses an unknown principal', () => {
    const g = graphOf([spec]);
    expect(g.can(arn.user('direct'), 's3:GetObject', `${bucket}/x`).decision).toBe('allowed');
    expect(g.can(arn.user('nobody'), 's3:GetObject', `${bucket}/x`).decision).toBe('denied');
    expect(() => g.can(arn.user('ghost'), 's3:GetObject', bucket)).toThrow(QueryError);
  });
});
