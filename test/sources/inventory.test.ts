import { describe, expect, it } from 'vitest';
import type { AccountFragment, IamUser, PasswordPolicyRecord } from '../../src/model/inventory.js';
import type { Span } from '../../src/model/span.js';
import { assembleInventory, type FragmentEntry } from '../../src/sources/inventory.js';

const span = (file: string): Span => ({ file, line: 1, column: 1, endLine: 1, endColumn: 2, offset: 0, length: 1, path: [] });

function user(account: string, name: string, file: string): IamUser {
  return {
    type: 'user',
    arn: `arn:aws:iam::${account}:user/${name}`,
    name,
    path: '/',
    id: undefined,
    createDate: undefined,
    span: span(file),
    inlinePolicies: [],
    attachedPolicies: [],
    groups: [],
    permissionsBoundary: undefined,
    tags: [],
  };
}

function gaad(path: string, account: string, names: string[]): FragmentEntry {
  const fragment: AccountFragment = { kind: 'gaad', accountId: account, span: span(path), users: names.map((n) => user(account, n, path)), groups: [], roles: [], policies: [] };
  return { path, fragment, manifestAccount: undefined };
}

function passwordPolicy(path: string, manifestAccount?: string): FragmentEntry {
  const passwordPolicy: PasswordPolicyRecord = { kind: 'absent', span: span(path) };
  return { path, fragment: { kind: 'password-policy', accountId: undefined, passwordPolicy }, manifestAccount };
}

describe('assembleInventory', () => {
  it('merges GAAD pages of one account, the first file listing an entity winning', () => {
    const inventory = assembleInventory([gaad('b/page2.json', '111122223333', ['bob', 'alice']), gaad('b/page1.json', '111122223333', ['alice'])]);
    expect(inventory.accounts).toHaveLength(1);
    const [account] = inventory.accounts;
    expect(account?.id).toBe('111122223333');
    expect(account?.users.map((u) => `${u.name} ${u.span.file}`)).toEqual(['alice b/page1.json', 'bob b/page2.json']);
    expect(account?.files).toEqual(['b/page1.json', 'b/page2.json']);
    expect(account?.authorizationDetails?.file).toBe('b/page1.json');
  });

  it('puts an export that names no account with the account its folder names', () => {
    const inventory = assembleInventory([gaad('prod/gaad.json', '111122223333', ['a']), gaad('dev/gaad.json', '444455556666', ['b']), passwordPolicy('dev/password-policy.json')]);
    expect(inventory.accounts.map((a) => `${a.id} ${a.passwordPolicy?.kind ?? '-'}`)).toEqual(['111122223333 -', '444455556666 absent']);
  });

  it("prefers the manifest's account to the folder's", () => {
    const inventory = assembleInventory([gaad('x/gaad.json', '111122223333', ['a']), passwordPolicy('x/password-policy.json', '444455556666')]);
    expect(inventory.accounts.map((a) => `${a.id} ${a.passwordPolicy?.kind ?? '-'}`)).toEqual(['111122223333 -', '444455556666 absent']);
  });

  it('uses the only account of the run for a folder that names none, else keeps the folder as an account of its own', () => {
    const one = assembleInventory([gaad('a/gaad.json', '111122223333', ['a']), passwordPolicy('b/password-policy.json')]);
    expect(one.accounts.map((a) => a.id)).toEqual(['111122223333']);
    const two = assembleInventory([gaad('a/gaad.json', '111122223333', ['a']), gaad('c/gaad.json', '444455556666', ['c']), passwordPolicy('b/password-policy.json')]);
    expect(two.accounts.map((a) => `${a.id ?? 'unknown'} ${a.files.join(',')}`)).toEqual(['111122223333 a/gaad.json', '444455556666 c/gaad.json', 'unknown b/password-policy.json']);
  });

  it('keeps the newest of several credential reports', () => {
    const report = (path: string, time: string | undefined): FragmentEntry => ({
      path,
      manifestAccount: undefined,
      fragment: { kind: 'credential-report', accountId: '111122223333', report: { span: span(path), generatedTime: time === undefined ? undefined : new Date(time), rows: [], accountId: '111122223333' } },
    });
    const inventory = assembleInventory([report('a.json', '2026-01-02T00:00:00Z'), report('b.json', '2026-03-01T00:00:00Z'), report('c.csv', undefined)]);
    expect(inventory.accounts[0]?.credentialReport?.span.file).toBe('b.json');
  });

  it('is empty without exports', () => {
    expect(assembleInventory([]).accounts).toEqual([]);
  });
});
