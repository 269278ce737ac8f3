import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InputFile } from '../../src/model/input.js';
import type { AccountFragment } from '../../src/model/inventory.js';
import { formatJsonPath, type Span } from '../../src/model/span.js';
import { authorizationDetailsReader } from '../../src/sources/authorization-details.js';
import { parseExportDate } from '../../src/sources/export-values.js';
import { parseJson } from '../../src/sources/json.js';
import { loadFile } from '../../src/sources/load.js';

const fixtures = join(import.meta.dirname, 'fixtures', 'gaad');
const account = '111122223333';

const missingLists = 'the export has no ';

/**
 * Loads a GAAD. Most tests build pages with only the lists they need: the problem that reports the
 * missing ones is left out here, and tested on its own.
 */
function load(text: string): InputFile {
  const file = loadFile('gaad.json', Buffer.from(text));
  return { ...file, problems: file.problems.filter((p) => !p.detail.startsWith(missingLists)) };
}

/** The GAAD fragment of a loaded file (fails the test when there is none). */
function gaad(file: InputFile): Extract<AccountFragment, { kind: 'gaad' }> {
  expect(file.kind).toBe('authorization-details');
  const fragment = file.account;
  if (fragment?.kind !== 'gaad') throw new Error('no GAAD fragment');
  return fragment;
}

/** The characters of the file a span covers. */
function textAt(file: InputFile, span: Span | undefined): string {
  if (!span) throw new Error('no span');
  return file.source.text.slice(span.offset, span.offset + span.length);
}

/** What each problem says, with the JSON path and the text it points at. */
function problemsOf(file: InputFile): { kind: string; path: string; at: string; detail: string }[] {
  return file.problems.map((p) => ({ kind: p.kind, path: formatJsonPath(p.span.path), at: textAt(file, p.span), detail: p.detail }));
}

const user = (name: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ Path: '/', UserName: name, Arn: `arn:aws:iam::${account}:user/${name}`, ...extra });
const role = (name: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  Path: '/',
  RoleName: name,
  Arn: `arn:aws:iam::${account}:role/${name}`,
  AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
  ...extra,
});
const readPolicy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }] };

describe('GAAD from the AWS CLI', () => {
  const file = load(readFileSync(join(fixtures, 'cli.json'), 'utf8'));
  const fragment = gaad(file);

  it('is read without problems, with the account of its entities and the roles list as its place', () => {
    expect(file.problems).toEqual([]);
    expect(fragment.accountId).toBe(account);
    expect(formatJsonPath(fragment.span.path)).toBe('RoleDetailList');
    expect(textAt(file, fragment.span)).toMatch(/^"RoleDetailList": \[/);
    expect([fragment.users.length, fragment.groups.length, fragment.roles.length, fragment.policies.length]).toEqual([1, 1, 2, 3]);
  });

  it('reads a user with its place, groups, attachments, boundary and tags', () => {
    const alice = fragment.users[0];
    expect(alice).toMatchObject({ type: 'user', name: 'alice', path: '/', id: 'AIDACKCEVSQ6C2EXAMPLE', arn: `arn:aws:iam::${account}:user/alice` });
    expect(alice?.span).toMatchObject({ line: 3, column: 9, path: ['UserDetailList', 0] });
    expect(textAt(file, alice?.span)).toMatch(/^\{\s+"Path": "\/",[\s\S]*\}$/);
    expect(alice?.groups.map((g) => [g.value, textAt(file, g.span), formatJsonPath(g.span.path)])).toEqual([['Admins', '"Admins"', 'UserDetailList[0].GroupList[0]']]);
    expect(alice?.attachedPolicies.map((a) => [a.arn, a.name, formatJsonPath(a.span.path)])).toEqual([['arn:aws:iam::aws:policy/ReadOnlyAccess', 'ReadOnlyAccess', 'UserDetailList[0].AttachedManagedPolicies[0]']]);
    expect(alice?.permissionsBoundary).toMatchObject({ arn: `arn:aws:iam::${account}:policy/Boundary`, name: undefined });
    expect(formatJsonPath(alice?.permissionsBoundary?.span.path ?? [])).toBe('UserDetailList[0].PermissionsBoundary');
    expect(alice?.tags).toEqual([{ key: 'team', value: 'platform' }]);
    expect(alice?.inlinePolicies.map((p) => [p.name, formatJsonPath(p.span.path), p.document?.kind, p.document?.owner])).toEqual([['DenyBilling', 'UserDetailList[0].UserPolicyList[0]', 'identity', alice?.arn]]);
  });

  it('reads a single-object Statement as one statement', () => {
    const document = fragment.users[0]?.inlinePolicies[0]?.document;
    expect(document?.statementList?.isArray).toBe(false);
    expect(document?.statements).toHaveLength(1);
    expect(document?.statements[0]?.effect?.value).toBe('Deny');
    expect(formatJsonPath(document?.statements[0]?.span().path ?? [])).toBe('UserDetailList[0].UserPolicyList[0].PolicyDocument.Statement');
  });

  it("tolerates a group's AttachedManagedPolicies written as one object, as in the CLI's example", () => {
    const admins = fragment.groups[0];
    expect(admins).toMatchObject({ type: 'group', name: 'Admins', inlinePolicies: [] });
    expect(admins?.attachedPolicies.map((a) => [a.arn, formatJsonPath(a.span.path)])).toEqual([[`arn:aws:iam::${account}:policy/Deploy`, 'GroupDetailList[0].AttachedManagedPolicies']]);
  });

  it('reads the three date formats found in exports', () => {
    expect(fragment.users[0]?.createDate?.toISOString()).toBe('2014-07-30T17:09:20.000Z');
    expect(fragment.groups[0]?.createDate?.toISOString()).toBe('2019-10-28T20:37:09.000Z');
    expect(fragment.roles[0]?.createDate?.toISOString()).toBe('2019-12-18T19:10:08.000Z');
  });

  it('reads a role: trust policy, path, instance profiles, last use', () => {
    const deployer = fragment.roles[0];
    expect(deployer).toMatchObject({ type: 'role', name: 'deployer', path: '/service/', instanceProfiles: [`arn:aws:iam::${account}:instance-profile/deployer`], tags: [] });
    expect(deployer?.trustPolicy).toMatchObject({ kind: 'trust', kindSource: 'context', owner: deployer?.arn });
    expect(deployer?.lastUsed).toMatchObject({ region: 'eu-west-1' });
    expect(deployer?.lastUsed?.date?.toISOString()).toBe('2024-03-01T08:00:00.000Z');
    expect(deployer?.permissionsBoundary?.arn).toBe(`arn:aws:iam::${account}:policy/Boundary`);
  });

  it('reads RoleLastUsed {} as not used within the tracked 400 days', () => {
    const idle = fragment.roles[1]?.lastUsed;
    expect(idle).toMatchObject({ date: undefined, region: undefined });
    expect(textAt(file, idle?.span)).toBe('{}');
  });

  it('reads every version of every managed policy, and picks the default one', () => {
    const [deploy, boundary, readOnly] = fragment.policies;
    expect(deploy).toMatchObject({ name: 'Deploy', awsManaged: false, defaultVersionId: 'v2', attachmentCount: 2, permissionsBoundaryUsageCount: 0 });
    expect(deploy?.versions.map((v) => [v.versionId, v.isDefault, v.document?.kind, v.document?.owner])).toEqual([
      ['v2', true, 'identity', deploy?.arn],
      ['v1', false, 'identity', deploy?.arn],
    ]);
    expect(deploy?.defaultVersion?.versionId).toBe('v2');
    expect(boundary?.defaultVersion?.document?.kind).toBe('boundary');
    expect(readOnly).toMatchObject({ awsManaged: true, name: 'ReadOnlyAccess' });
    expect(readOnly?.defaultVersion?.document?.statements).toHaveLength(1);
  });

  it('lints inline, trust and the default versions of customer-managed policies only', () => {
    // Not Deploy v1 (not in force) nor ReadOnlyAccess (AWS-managed): both are only in the model.
    expect(file.documents.map((d) => [formatJsonPath(d.span().path), d.kind, d.owner])).toEqual([
      ['UserDetailList[0].UserPolicyList[0].PolicyDocument', 'identity', `arn:aws:iam::${account}:user/alice`],
      ['RoleDetailList[0].AssumeRolePolicyDocument', 'trust', `arn:aws:iam::${account}:role/service/deployer`],
      ['RoleDetailList[0].RolePolicyList[0].PolicyDocument', 'identity', `arn:aws:iam::${account}:role/service/deployer`],
      ['RoleDetailList[1].AssumeRolePolicyDocument', 'trust', `arn:aws:iam::${account}:role/idle`],
      ['Policies[0].PolicyVersionList[0].Document', 'identity', `arn:aws:iam::${account}:policy/Deploy`],
      ['Policies[1].PolicyVersionList[0].Document', 'boundary', `arn:aws:iam::${account}:policy/Boundary`],
    ]);
  });

  it('gives policy spans full JSON paths into the export', () => {
    const trust = file.documents[1];
    const principal = trust?.statements[0]?.span('Principal');
    expect(formatJsonPath(principal?.path ?? [])).toBe('RoleDetailList[0].AssumeRolePolicyDocument.Statement[0].Principal');
    expect(textAt(file, principal)).toMatch(/^"Principal": \{\s+"AWS": "arn:aws:iam::444455556666:root"\s+\}$/);
  });
});

describe('policy documents held in strings', () => {
  const encoded = encodeURIComponent(JSON.stringify(readPolicy));

  it('reads URL-encoded documents (SDKs other than botocore) with spans on the characters of the file', () => {
    const text = JSON.stringify({
      RoleDetailList: [role('app', { AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(role('x').AssumeRolePolicyDocument)), RolePolicyList: [{ PolicyName: 'read', PolicyDocument: encoded }] })],
      Policies: [{ PolicyName: 'p', Arn: `arn:aws:iam::${account}:policy/p`, DefaultVersionId: 'v1', PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: encoded }] }],
    });
    const file = load(text);
    expect(file.problems).toEqual([]);
    expect(file.documents.map((d) => d.kind)).toEqual(['trust', 'identity', 'identity']);
    const trust = file.documents[0];
    expect(trust?.statements[0]?.principal?.entries[0]?.value.value).toBe('ec2.amazonaws.com');
    expect(textAt(file, trust?.statements[0]?.principal?.entries[0]?.value.span)).toBe('%22ec2.amazonaws.com%22');
    for (const document of file.documents.slice(1)) {
      const action = document.statements[0]?.action?.items[0];
      expect(action?.value).toBe('s3:GetObject');
      expect(textAt(file, action?.span)).toBe('%22s3%3AGetObject%22');
    }
    expect(formatJsonPath(file.documents[2]?.statements[0]?.span('Action').path ?? [])).toBe('Policies[0].PolicyVersionList[0].Document.Statement[0].Action');
  });

  it('reads documents held as JSON strings', () => {
    const text = JSON.stringify({ UserDetailList: [user('bob', { UserPolicyList: [{ PolicyName: 'read', PolicyDocument: JSON.stringify(readPolicy) }] })] });
    const file = load(text);
    expect(file.problems).toEqual([]);
    const action = file.documents[0]?.statements[0]?.action?.items[0];
    expect(action?.value).toBe('s3:GetObject');
    expect(textAt(file, action?.span)).toBe('\\"s3:GetObject\\"');
    expect(gaad(file).users[0]?.inlinePolicies[0]?.document).toBe(file.documents[0]);
  });

  it('reports a malformed policy string and keeps the inline policy without a document', () => {
    const file = load(JSON.stringify({ UserDetailList: [user('bob', { UserPolicyList: [{ PolicyName: 'broken', PolicyDocument: '%7B%22Version' }] })] }));
    expect(file.problems.map((p) => p.kind)).toEqual(['embedded']);
    expect(gaad(file).users[0]?.inlinePolicies).toMatchObject([{ name: 'broken', document: undefined }]);
    expect(file.documents).toEqual([]);
  });
});

describe('managed policies', () => {
  const version = (id: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ VersionId: id, Document: readPolicy, ...extra });
  const policy = (extra: Record<string, unknown>): Record<string, unknown> => ({ PolicyName: 'p', Arn: `arn:aws:iam::${account}:policy/team/p`, ...extra });

  it('takes the version named by DefaultVersionId when none is marked IsDefaultVersion', () => {
    const file = load(JSON.stringify({ Policies: [policy({ DefaultVersionId: 'v2', PolicyVersionList: [version('v1'), version('v2')] })] }));
    const p = gaad(file).policies[0];
    expect(p?.versions.map((v) => v.isDefault)).toEqual([false, true]);
    expect(p?.defaultVersion?.versionId).toBe('v2');
    expect(p?.path).toBe('/team/');
    expect(file.documents.map((d) => formatJsonPath(d.span().path))).toEqual(['Policies[0].PolicyVersionList[1].Document']);
  });

  it('reports a DefaultVersionId that names no version, and lints none', () => {
    const file = load(JSON.stringify({ Policies: [policy({ DefaultVersionId: 'v3', PolicyVersionList: [version('v1')] })] }));
    expect(gaad(file).policies[0]?.defaultVersion).toBeUndefined();
    expect(problemsOf(file)).toMatchObject([{ kind: 'export', path: 'Policies[0]', detail: expect.stringContaining('DefaultVersionId v3 names no version') as unknown }]);
    expect(file.documents).toEqual([]);
  });

  it('is a boundary policy only when the file shows it used as a boundary and attached nowhere', () => {
    const kindWith = (counts: Record<string, unknown>): string | undefined =>
      gaad(load(JSON.stringify({ Policies: [policy({ ...counts, PolicyVersionList: [version('v1', { IsDefaultVersion: true })] })] }))).policies[0]?.defaultVersion?.document?.kind;
    expect(kindWith({ AttachmentCount: 0, PermissionsBoundaryUsageCount: 3 })).toBe('boundary');
    expect(kindWith({ AttachmentCount: 1, PermissionsBoundaryUsageCount: 3 })).toBe('identity');
    expect(kindWith({ AttachmentCount: 0, PermissionsBoundaryUsageCount: 0 })).toBe('identity');
    expect(kindWith({})).toBe('identity');
  });

  it('reads AWS-managed policies in any partition without linting them', () => {
    const file = load(JSON.stringify({ Policies: [{ PolicyName: 'ReadOnlyAccess', Arn: 'arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess', DefaultVersionId: 'v1', PolicyVersionList: [version('v1', { IsDefaultVersion: true })] }] }));
    const fragment = gaad(file);
    expect(fragment.policies[0]).toMatchObject({ awsManaged: true });
    expect(fragment.policies[0]?.defaultVersion?.document).toBeDefined();
    expect(fragment.accountId).toBeUndefined();
    expect(file.documents).toEqual([]);
  });
});

describe('dates', () => {
  it('accepts the CLI, CLI v2 and Python str(datetime) forms', () => {
    const expected = '2019-12-18T19:10:08.000Z';
    for (const text of ['2019-12-18T19:10:08Z', '2019-12-18T19:10:08+00:00', '2019-12-18 19:10:08+00:00', '2019-12-18 21:10:08+02:00', '2019-12-18T19:10:08']) {
      expect(parseExportDate(text)?.toISOString()).toBe(expected);
    }
    expect(parseExportDate('2019-12-18 19:10:08.250000+00:00')?.toISOString()).toBe('2019-12-18T19:10:08.250Z');
    expect(parseExportDate('2019-02-30T00:00:00Z')).toBeUndefined();
    expect(parseExportDate('yesterday')).toBeUndefined();
  });

  it('reports a date it cannot read, at the date', () => {
    const file = load(JSON.stringify({ RoleDetailList: [role('r', { CreateDate: 'yesterday', RoleLastUsed: { LastUsedDate: '2024-13-01T00:00:00Z' } })] }));
    expect(problemsOf(file).map((p) => [p.path, p.at])).toEqual([
      ['RoleDetailList[0].CreateDate', '"yesterday"'],
      ['RoleDetailList[0].RoleLastUsed.LastUsedDate', '"2024-13-01T00:00:00Z"'],
    ]);
    expect(gaad(file).roles[0]).toMatchObject({ createDate: undefined, lastUsed: { date: undefined } });
  });
});

describe('exports of the wrong shape', () => {
  it('reports a list that is not an array and reads the others', () => {
    const file = load(JSON.stringify({ UserDetailList: { UserName: 'alice' }, RoleDetailList: [role('r')] }));
    expect(problemsOf(file)).toEqual([{ kind: 'export', path: 'UserDetailList', at: '{"UserName":"alice"}', detail: 'UserDetailList should be an array of users, not an object' }]);
    expect(gaad(file).users).toEqual([]);
    expect(gaad(file).roles).toHaveLength(1);
  });

  it('skips an entity without a usable ARN, at its place', () => {
    const file = load(
      JSON.stringify({
        UserDetailList: [{ UserName: 'ghost' }, user('alice'), { UserName: 'n', Arn: 42 }, { UserName: 'r', Arn: `arn:aws:iam::${account}:role/r` }],
      }),
    );
    expect(problemsOf(file).map((p) => [p.path, p.at, p.detail])).toEqual([
      ['UserDetailList[0]', '{"UserName":"ghost"}', 'UserDetailList[0] has no Arn, so the user cannot be identified and was skipped'],
      ['UserDetailList[2].Arn', '42', "UserDetailList[2].Arn should be the user's ARN (a string), not a number; the user was skipped"],
      ['UserDetailList[3].Arn', `"arn:aws:iam::${account}:role/r"`, `UserDetailList[3].Arn should be the ARN of an IAM user (arn:aws:iam::<account>:user/<name>), not 'arn:aws:iam::${account}:role/r'; the user was skipped`],
    ]);
    expect(gaad(file).users.map((u) => u.name)).toEqual(['alice']);
  });

  it('reports fields of the wrong type and keeps the entity, with names and paths from its ARN', () => {
    const file = load(
      JSON.stringify({
        UserDetailList: [{ UserName: 42, Path: ['/'], Arn: `arn:aws:iam::${account}:user/eng/bob`, GroupList: ['devs', 7], Tags: [{ Key: 'team' }, { Key: 'a', Value: 'b' }], PermissionsBoundary: 'arn:aws:iam::1:policy/b' }],
      }),
    );
    expect(problemsOf(file).map((p) => [p.path, p.at])).toEqual([
      ['UserDetailList[0].UserName', '42'],
      ['UserDetailList[0].Path', '["/"]'],
      ['UserDetailList[0].GroupList[1]', '7'],
      ['UserDetailList[0].PermissionsBoundary', '"arn:aws:iam::1:policy/b"'],
      ['UserDetailList[0].Tags[0]', '{"Key":"team"}'],
    ]);
    expect(gaad(file).users[0]).toMatchObject({ name: 'bob', path: '/eng/', tags: [{ key: 'a', value: 'b' }], permissionsBoundary: undefined });
    expect(gaad(file).users[0]?.groups.map((g) => g.value)).toEqual(['devs']);
  });

  it('reports bad role members: trust policy, last use, instance profiles, inline policies', () => {
    const file = load(
      JSON.stringify({
        RoleDetailList: [
          role('a', { AssumeRolePolicyDocument: 5, RoleLastUsed: 'yesterday', InstanceProfileList: [{ InstanceProfileName: 'x' }], RolePolicyList: [{ PolicyDocument: readPolicy }, 'p'] }),
          { RoleName: 'b', Arn: `arn:aws:iam::${account}:role/b` },
        ],
      }),
    );
    expect(problemsOf(file).map((p) => [p.path, p.at.slice(0, 20)])).toEqual([
      ['RoleDetailList[0].RolePolicyList[0]', '{"PolicyDocument":{"'],
      ['RoleDetailList[0].RolePolicyList[1]', '"p"'],
      ['RoleDetailList[0].AssumeRolePolicyDocument', '5'],
      ['RoleDetailList[0].InstanceProfileList[0]', '{"InstanceProfileNam'],
      ['RoleDetailList[0].RoleLastUsed', '"yesterday"'],
      ['RoleDetailList[1]', '{"RoleName":"b","Arn'],
    ]);
    expect(file.problems.map((p) => p.kind)).toEqual(Array(6).fill('export'));
    expect(gaad(file).roles.map((r) => [r.name, r.trustPolicy, r.lastUsed, r.instanceProfiles, r.inlinePolicies])).toEqual([
      ['a', undefined, undefined, [], []],
      ['b', undefined, undefined, [], []],
    ]);
    expect(file.documents).toEqual([]);
  });

  it('takes the account of the first entity, and reports a second account once', () => {
    const other = (n: string): Record<string, unknown> => ({ GroupName: n, Arn: `arn:aws:iam::444455556666:group/${n}` });
    const file = load(JSON.stringify({ GroupDetailList: [other('g1'), other('g2')], UserDetailList: [user('alice')] }));
    expect(gaad(file).accountId).toBe('444455556666');
    expect(problemsOf(file).map((p) => [p.path, p.at])).toEqual([['UserDetailList[0].Arn', `"arn:aws:iam::${account}:user/alice"`]]);
    expect(file.problems[0]?.detail).toContain('is in account 111122223333, but the export\'s first entity is in account 444455556666');
    expect(gaad(file).users).toHaveLength(1);
  });

  it('treats null as a missing member, as some dump tools write it', () => {
    const file = load(JSON.stringify({ UserDetailList: [user('a', { Tags: null, PermissionsBoundary: null, GroupList: null })], RoleDetailList: [role('r', { RoleLastUsed: { LastUsedDate: null, Region: null } })], GroupDetailList: null }));
    expect(file.problems).toEqual([]);
    expect(gaad(file).roles[0]?.lastUsed).toMatchObject({ date: undefined, region: undefined });
  });

  it('never throws on random values in the lists and their entities, and places every problem inside the file', () => {
    const keys = ['Arn', 'Path', 'UserName', 'GroupName', 'RoleName', 'UserId', 'CreateDate', 'UserPolicyList', 'GroupPolicyList', 'RolePolicyList', 'GroupList', 'AttachedManagedPolicies', 'PermissionsBoundary', 'Tags', 'AssumeRolePolicyDocument', 'InstanceProfileList', 'RoleLastUsed', 'PolicyName', 'DefaultVersionId', 'AttachmentCount', 'PermissionsBoundaryUsageCount', 'PolicyVersionList'];
    const arns = fc.constantFrom(`arn:aws:iam::${account}:user/u`, `arn:aws:iam::${account}:group/g`, `arn:aws:iam::${account}:role/r`, `arn:aws:iam::${account}:policy/p`, 'arn:aws:iam::aws:policy/A', '%7B');
    const member = fc.oneof(fc.jsonValue(), arns, fc.constant(readPolicy), fc.constant(encodeURIComponent(JSON.stringify(readPolicy))), fc.constant([{ VersionId: 'v1', IsDefaultVersion: true, Document: readPolicy }]));
    const entity = fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom(...keys), member));
    const list = fc.oneof(fc.jsonValue(), fc.array(entity, { maxLength: 4 }));
    const root = fc.record({ UserDetailList: list, GroupDetailList: list, RoleDetailList: list, Policies: list }, { requiredKeys: ['UserDetailList'] });
    fc.assert(
      fc.property(root, (value) => {
        const text = JSON.stringify(value);
        const file = load(text);
        gaad(file);
        for (const problem of file.problems) {
          expect(['export', 'embedded']).toContain(problem.kind);
          expect(problem.span.offset).toBeGreaterThanOrEqual(0);
          expect(problem.span.offset + problem.span.length).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('an incomplete export', () => {
  it('reports the lists it lacks, at the root, and reads the others', () => {
    const text = JSON.stringify({ UserDetailList: [user('alice')], RoleDetailList: [] }, null, 2);
    const file = loadFile('gaad.json', Buffer.from(text));
    expect(file.problems.map((p) => `${p.span.line}:${p.span.column} ${p.detail}`)).toEqual([
      '1:1 the export has no GroupDetailList and Policies, so its groups and managed policies were not checked; export them all with `aws iam get-account-authorization-details` and no --filter (a paginated export\'s pages may be given together)',
    ]);
    expect(gaad(file).users.map((u) => u.name)).toEqual(['alice']);
  });

  it('reports nothing missing in a full export with empty lists', () => {
    const text = JSON.stringify({ UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] });
    expect(loadFile('gaad.json', Buffer.from(text)).problems).toEqual([]);
  });
});

describe('recognizing a GAAD', () => {
  const matches = (value: unknown): boolean => {
    const root = parseJson(JSON.stringify(value), false).root;
    return root?.type === 'object' && authorizationDetailsReader.matches(root);
  };

  it('matches a page holding any of the four lists', () => {
    expect(matches({ RoleDetailList: [], IsTruncated: true, Marker: 'm' })).toBe(true);
    expect(matches({ UserDetailList: {} })).toBe(true);
    expect(matches({ Policies: [{ PolicyName: 'p', PolicyVersionList: [] }] })).toBe(true);
    expect(matches({ Policies: [] })).toBe(false);
    expect(matches({ Policies: {} })).toBe(false);
    expect(matches({ Users: [] })).toBe(false);
  });

  it('leaves aws iam list-policies output alone: it lists policies without their versions, and no users or roles', () => {
    const listed = { Policies: [{ PolicyName: 'p', PolicyId: 'ANPA', Arn: 'arn:aws:iam::111122223333:policy/p', Path: '/', DefaultVersionId: 'v1', AttachmentCount: 1, IsAttachable: true }] };
    expect(matches(listed)).toBe(false);
  });

  it('leaves an Organizations list-policies output alone', () => {
    const organizations = { Policies: [{ Id: 'p-FullAWSAccess', Arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess', Name: 'FullAWSAccess', Type: 'SERVICE_CONTROL_POLICY', AwsManaged: true }] };
    expect(matches(organizations)).toBe(false);
    expect(load(JSON.stringify(organizations)).kind).not.toBe('authorization-details');
  });

  it('gives a page without roles the root object as its place', () => {
    const text = JSON.stringify({ Policies: [{ PolicyName: 'p', Arn: 'arn:aws:iam::111122223333:policy/p', PolicyVersionList: [] }] });
    expect(gaad(load(text))).toMatchObject({ users: [], groups: [], roles: [], span: { offset: 0, length: text.length, path: [] } });
  });
});
