import { Buffer } from 'node:buffer';
import { buildGraph } from '../../src/graph/build.js';
import type { AccessGraph } from '../../src/graph/access-graph.js';
import type { Inventory, Organization, OrganizationPolicy } from '../../src/model/inventory.js';
import { assembleInventory, type FragmentEntry } from '../../src/sources/inventory.js';
import { loadFile } from '../../src/sources/load.js';
import { testNow } from '../helpers/run.js';

// Small accounts for the graph tests, written as the AWS CLI would export them
// (`get-account-authorization-details`, resource-policy exports) and read by iamlint's own loaders.

export type Doc = Record<string, unknown>;

/** A policy document with these statements. */
export function policy(...statements: Doc[]): Doc {
  return { Version: '2012-10-17', Statement: statements };
}

export function allow(action: string | string[], resource: string | string[] = '*', extra: Doc = {}): Doc {
  return { Effect: 'Allow', Action: action, Resource: resource, ...extra };
}

export function deny(action: string | string[], resource: string | string[] = '*', extra: Doc = {}): Doc {
  return { Effect: 'Deny', Action: action, Resource: resource, ...extra };
}

/** A trust policy statement letting `principal` assume the role. */
export function trusts(principal: Doc | '*', extra: Doc = {}, action = 'sts:AssumeRole'): Doc {
  return { Effect: 'Allow', Principal: principal, Action: action, ...extra };
}

export interface UserSpec {
  readonly name: string;
  readonly path?: string;
  readonly inline?: Readonly<Record<string, Doc>>;
  /** Names of customer-managed policies of the account, or full ARNs. */
  readonly attached?: readonly string[];
  readonly groups?: readonly string[];
  readonly boundary?: string;
}

export interface GroupSpec {
  readonly name: string;
  readonly inline?: Readonly<Record<string, Doc>>;
  readonly attached?: readonly string[];
}

export interface RoleSpec {
  readonly name: string;
  readonly path?: string;
  readonly trust: Doc;
  readonly inline?: Readonly<Record<string, Doc>>;
  readonly attached?: readonly string[];
  readonly boundary?: string;
  readonly instanceProfile?: boolean;
}

export interface ManagedSpec {
  readonly name: string;
  /** Oldest first; the last is the default unless `defaultVersion` says (1-based). */
  readonly versions: readonly Doc[];
  readonly defaultVersion?: number;
  /** An AWS managed policy (`arn:aws:iam::aws:policy/NAME`). */
  readonly aws?: boolean;
}

export interface AccountSpec {
  readonly id?: string;
  readonly users?: readonly UserSpec[];
  readonly groups?: readonly GroupSpec[];
  readonly roles?: readonly RoleSpec[];
  readonly policies?: readonly ManagedSpec[];
  /** Resource policies by resource ARN. */
  readonly resources?: Readonly<Record<string, Doc>>;
}

export const account = '111122223333';

function policyArn(id: string, name: string, policies: readonly ManagedSpec[]): string {
  if (name.startsWith('arn:')) return name;
  return policies.find((p) => p.name === name)?.aws === true ? `arn:aws:iam::aws:policy/${name}` : `arn:aws:iam::${id}:policy/${name}`;
}

/** The GAAD JSON of an account. */
export function gaad(spec: AccountSpec): Doc {
  const id = spec.id ?? account;
  const policies = spec.policies ?? [];
  const attachedList = (names: readonly string[] | undefined): Doc[] => (names ?? []).map((name) => ({ PolicyName: name.split('/').pop(), PolicyArn: policyArn(id, name, policies) }));
  const inlineList = (inline: Readonly<Record<string, Doc>> | undefined): Doc[] => Object.entries(inline ?? {}).map(([PolicyName, PolicyDocument]) => ({ PolicyName, PolicyDocument }));
  const boundary = (name: string | undefined): Doc => (name === undefined ? {} : { PermissionsBoundary: { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: policyArn(id, name, policies) } });
  return {
    UserDetailList: (spec.users ?? []).map((user) => ({
      Path: user.path ?? '/',
      UserName: user.name,
      UserId: `AIDA${user.name.toUpperCase()}`,
      Arn: `arn:aws:iam::${id}:user${user.path ?? '/'}${user.name}`,
      CreateDate: '2024-01-01T00:00:00Z',
      UserPolicyList: inlineList(user.inline),
      GroupList: user.groups ?? [],
      AttachedManagedPolicies: attachedList(user.attached),
      ...boundary(user.boundary),
      Tags: [],
    })),
    GroupDetailList: (spec.groups ?? []).map((group) => ({
      Path: '/',
      GroupName: group.name,
      GroupId: `AGPA${group.name.toUpperCase()}`,
      Arn: `arn:aws:iam::${id}:group/${group.name}`,
      CreateDate: '2024-01-01T00:00:00Z',
      GroupPolicyList: inlineList(group.inline),
      AttachedManagedPolicies: attachedList(group.attached),
    })),
    RoleDetailList: (spec.roles ?? []).map((role) => {
      const arn = `arn:aws:iam::${id}:role${role.path ?? '/'}${role.name}`;
      return {
        Path: role.path ?? '/',
        RoleName: role.name,
        RoleId: `AROA${role.name.toUpperCase()}`,
        Arn: arn,
        CreateDate: '2024-01-01T00:00:00Z',
        AssumeRolePolicyDocument: role.trust,
        InstanceProfileList: role.instanceProfile === true ? [{ Path: '/', InstanceProfileName: role.name, InstanceProfileId: 'AIPAEXAMPLE', Arn: `arn:aws:iam::${id}:instance-profile/${role.name}`, CreateDate: '2024-01-01T00:00:00Z', Roles: [] }] : [],
        RolePolicyList: inlineList(role.inline),
        AttachedManagedPolicies: attachedList(role.attached),
        ...boundary(role.boundary),
        Tags: [],
        RoleLastUsed: {},
      };
    }),
    Policies: policies.map((p) => {
      const defaultIndex = (p.defaultVersion ?? p.versions.length) - 1;
      return {
        PolicyName: p.name,
        PolicyId: `ANPA${p.name.toUpperCase()}`,
        Arn: policyArn(id, p.name, policies),
        Path: '/',
        DefaultVersionId: `v${defaultIndex + 1}`,
        AttachmentCount: 1,
        PermissionsBoundaryUsageCount: 0,
        IsAttachable: true,
        CreateDate: '2024-01-01T00:00:00Z',
        UpdateDate: '2024-01-01T00:00:00Z',
        PolicyVersionList: p.versions.map((Document, i) => ({ Document, VersionId: `v${i + 1}`, IsDefaultVersion: i === defaultIndex, CreateDate: '2024-01-01T00:00:00Z' })),
      };
    }),
  };
}

function load(path: string, value: unknown): ReturnType<typeof loadFile> {
  const file = loadFile(path, Buffer.from(JSON.stringify(value, null, 2)));
  if (file.problems.length > 0) throw new Error(`${path}: ${file.problems.map((p) => p.detail).join('; ')}`);
  return file;
}

/** The inventory of the accounts, read through iamlint's loaders; `organization` as given. */
export function inventoryOf(accounts: readonly AccountSpec[], organization?: Organization): Inventory {
  const entries: FragmentEntry[] = [];
  for (const spec of accounts) {
    const id = spec.id ?? account;
    const file = load(`${id}/authorization-details.json`, gaad(spec));
    if (!file.account) throw new Error(`${id}: not read as an authorization-details export`);
    entries.push({ path: file.source.path, fragment: file.account, manifestAccount: undefined });
    Object.entries(spec.resources ?? {}).forEach(([arn, document], i) => {
      const exported = load(`${id}/resource-${String(i)}.json`, { Policy: JSON.stringify(document) });
      const fragment = exported.account;
      if (fragment?.kind !== 'resource-policy') throw new Error(`${arn}: not read as a resource-policy export`);
      entries.push({ path: exported.source.path, fragment: { ...fragment, accountId: id, policies: fragment.policies.map((p) => ({ ...p, resourceArn: arn })) }, manifestAccount: id });
    });
  }
  const inventory = assembleInventory(entries);
  return organization ? { ...inventory, organization } : inventory;
}

/** An organization whose SCPs (`scps`, by name) are all attached to its root, which holds `accounts`. */
export function organizationOf(accounts: readonly string[], scps: Readonly<Record<string, Doc>>, managementAccount?: string): Organization {
  const policies: OrganizationPolicy[] = Object.entries(scps).map(([name, document], i) => {
    const file = loadFile(`scp-${name}.json`, Buffer.from(JSON.stringify(document, null, 2)), { kind: 'scp' });
    const [doc] = file.documents;
    if (!doc) throw new Error(`SCP ${name} did not load`);
    return { id: `p-${String(i).padStart(8, '0')}`, arn: undefined, name, type: 'scp', awsManaged: false, span: doc.span(), document: doc, targets: ['r-root'] };
  });
  return { managementAccount, policies, levels: new Map(accounts.map((id) => [id, ['r-root', id]])) };
}

export function graphOf(accounts: readonly AccountSpec[], options: { organization?: Organization; trusted?: readonly string[] } = {}): AccessGraph {
  return buildGraph(inventoryOf(accounts, options.organization), { now: testNow, trust: { accounts: options.trusted ?? [], organizationIds: [] } });
}

export const arn = {
  user: (name: string, id = account): string => `arn:aws:iam::${id}:user/${name}`,
  role: (name: string, id = account): string => `arn:aws:iam::${id}:role/${name}`,
  group: (name: string, id = account): string => `arn:aws:iam::${id}:group/${name}`,
  policy: (name: string, id = account): string => `arn:aws:iam::${id}:policy/${name}`,
  root: (id = account): string => `arn:aws:iam::${id}:root`,
  admin: (id = account): string => `admin:${id}`,
};

/** The edge keys of the graph, in order. */
export function edgeKeys(graph: AccessGraph): string[] {
  return graph.graph.edges();
}

/** The `escalates-to` edges from `source`: `technique → target`. */
export function escalations(graph: AccessGraph, source: string): string[] {
  return graph.graph.filterOutEdges(source, (_e, a) => a.kind === 'escalates-to').map((e) => `${graph.graph.getEdgeAttribute(e, 'technique') ?? ''} → ${graph.graph.target(e)}`);
}

export const adminAccess: ManagedSpec = { name: 'AdministratorAccess', aws: true, versions: [policy(allow('*'))] };
