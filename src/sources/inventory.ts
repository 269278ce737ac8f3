import { posix } from 'node:path';
import type { Span } from '../model/span.js';
import type { Account, AccountFragment, CredentialReport, IamGroup, IamRole, IamUser, Inventory, ManagedPolicy, VirtualMfaDevice } from '../model/inventory.js';
import { assembleOrganization, isOrganizationFragment, type OrganizationFragment } from './organization-inventory.js';

/** One export file's fragment, with what the manifest of its folder says. */
export interface FragmentEntry {
  /** Display path, forward slashes. */
  readonly path: string;
  readonly fragment: AccountFragment;
  /** `account` of the nearest `iamlint-manifest.json`. */
  readonly manifestAccount: string | undefined;
}

/** A fragment that belongs to one account (the organization's are set apart). */
type AccountEntry = FragmentEntry & { readonly fragment: Exclude<AccountFragment, OrganizationFragment> };

/** An account being put together. */
interface Builder {
  readonly id: string | undefined;
  readonly files: Set<string>;
  readonly users: Map<string, IamUser>;
  readonly groups: Map<string, IamGroup>;
  readonly roles: Map<string, IamRole>;
  readonly policies: Map<string, ManagedPolicy>;
  authorizationDetails: Span | undefined;
  credentialReport: CredentialReport | undefined;
  summary: Account['summary'];
  passwordPolicy: Account['passwordPolicy'];
  virtualMfaDevices: Map<string, VirtualMfaDevice> | undefined;
  readonly resourcePolicies: Account['resourcePolicies'][number][];
}

/**
 * Which account a fragment belongs to: the one it names; else its manifest's; else the one the
 * other exports of its folder name, if they name one; else the only account of the run. Otherwise
 * the folder stands for an account whose id is unknown.
 */
function accountKeys(entries: readonly AccountEntry[]): string[] {
  const named = entries.map((e) => e.fragment.accountId ?? e.manifestAccount);
  const byFolder = new Map<string, Set<string>>();
  entries.forEach((entry, i) => {
    const id = named[i];
    if (id === undefined) return;
    const folder = posix.dirname(entry.path);
    const ids = byFolder.get(folder) ?? new Set<string>();
    ids.add(id);
    byFolder.set(folder, ids);
  });
  const all = new Set(named.filter((id) => id !== undefined));
  return entries.map((entry, i) => {
    const id = named[i];
    if (id !== undefined) return id;
    const folder = posix.dirname(entry.path);
    const inFolder = byFolder.get(folder);
    if (inFolder?.size === 1) return [...inFolder][0] ?? '';
    if (!inFolder && all.size === 1) return [...all][0] ?? '';
    return `folder:${folder}`;
  });
}

function newBuilder(key: string): Builder {
  return {
    id: key.startsWith('folder:') ? undefined : key,
    files: new Set(),
    users: new Map(),
    groups: new Map(),
    roles: new Map(),
    policies: new Map(),
    authorizationDetails: undefined,
    credentialReport: undefined,
    summary: undefined,
    passwordPolicy: undefined,
    virtualMfaDevices: undefined,
    resourcePolicies: [],
  };
}

/** Adds entities by ARN; the first file (in path order) that lists one wins, as with GAAD pages that overlap. */
function addAll<T extends { readonly arn: string }>(into: Map<string, T>, items: readonly T[]): void {
  for (const item of items) if (!into.has(item.arn)) into.set(item.arn, item);
}

function merge(builder: Builder, fragment: AccountEntry['fragment']): void {
  switch (fragment.kind) {
    case 'gaad':
      builder.authorizationDetails ??= fragment.span;
      addAll(builder.users, fragment.users);
      addAll(builder.groups, fragment.groups);
      addAll(builder.roles, fragment.roles);
      addAll(builder.policies, fragment.policies);
      break;
    case 'credential-report': {
      // Of several reports, the newest: it is the one that describes the account now.
      const current = builder.credentialReport;
      const newer = (current?.generatedTime?.getTime() ?? -Infinity) < (fragment.report.generatedTime?.getTime() ?? -Infinity);
      if (!current || newer) builder.credentialReport = fragment.report;
      break;
    }
    case 'account-summary':
      builder.summary ??= fragment.summary;
      break;
    case 'password-policy':
      builder.passwordPolicy ??= fragment.passwordPolicy;
      break;
    case 'virtual-mfa-devices': {
      const devices = (builder.virtualMfaDevices ??= new Map());
      for (const device of fragment.devices) if (!devices.has(device.serialNumber)) devices.set(device.serialNumber, device);
      break;
    }
    case 'resource-policy':
      builder.resourcePolicies.push(...fragment.policies);
      break;
  }
}

function build(builder: Builder): Account {
  return {
    id: builder.id,
    files: [...builder.files].sort(),
    authorizationDetails: builder.authorizationDetails,
    users: [...builder.users.values()],
    groups: [...builder.groups.values()],
    roles: [...builder.roles.values()],
    policies: [...builder.policies.values()],
    credentialReport: builder.credentialReport,
    summary: builder.summary,
    passwordPolicy: builder.passwordPolicy,
    virtualMfaDevices: builder.virtualMfaDevices ? [...builder.virtualMfaDevices.values()] : undefined,
    resourcePolicies: builder.resourcePolicies,
  };
}

/**
 * Merges the fragments of every export file into accounts: GAAD pages, several exports of one
 * account, several accounts. SCP/RCP exports and the manifests' `organization` make the organization.
 */
export function assembleInventory(entries: readonly FragmentEntry[]): Inventory {
  const all = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const sorted = all.filter((entry): entry is AccountEntry => !isOrganizationFragment(entry.fragment));
  const organization = assembleOrganization(all.flatMap((entry) => (isOrganizationFragment(entry.fragment) ? [entry.fragment] : [])));
  const keys = accountKeys(sorted);
  const builders = new Map<string, Builder>();
  sorted.forEach((entry, i) => {
    const key = keys[i] ?? '';
    let builder = builders.get(key);
    if (!builder) {
      builder = newBuilder(key);
      builders.set(key, builder);
    }
    builder.files.add(entry.path);
    merge(builder, entry.fragment);
  });
  // Accounts by id; those known only by their folder after them, by folder.
  const order = [...builders.keys()].sort((a, b) => Number(a.startsWith('folder:')) - Number(b.startsWith('folder:')) || (a < b ? -1 : a > b ? 1 : 0));
  const accounts = order.map((key) => build(builders.get(key) ?? newBuilder(key)));
  return organization ? { accounts, organization } : { accounts };
}
