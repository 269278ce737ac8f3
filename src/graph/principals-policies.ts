import { controlPolicies } from '../eval/organization.js';
import type { PrincipalPolicies, RequestPrincipal } from '../eval/types.js';
import { isAccountId, parseArn } from '../iam/arn.js';
import type { Account, CredentialRow, IamGroup, IamRole, IamUser, Inventory, ManagedPolicy, Organization } from '../model/inventory.js';
import type { PolicyDocument } from '../model/policy.js';
import { dependsOnPrincipal, documentId, DocumentNames } from './documents.js';

// The policies behind each principal of the analysed accounts, as the evaluator takes them: a user's
// inline and attached policies and those of its groups, a role's, the permissions boundary and the
// SCPs of the account. Principals with the same documents share one PolicySet, so that what depends
// only on the documents is worked out once (users of the same groups with no policy of their own
// are common).

type Levels = readonly (readonly PolicyDocument[])[];

/** The documents of a principal's side of a request, interned: equal sets are the same object. */
export interface PolicySet {
  readonly id: number;
  readonly policies: PrincipalPolicies;
  /** Whether some document can decide differently for principals of the same kind and account. */
  readonly dependent: boolean;
}

export class PolicySets {
  private readonly sets = new Map<string, PolicySet>();

  get(identity: readonly PolicyDocument[], boundary: PolicyDocument | undefined, scps: Levels | undefined): PolicySet {
    const key = `${identity.map(documentId).join(',')}|${boundary ? documentId(boundary) : ''}|${(scps ?? []).map((level) => level.map(documentId).join(',')).join(';')}`;
    let set = this.sets.get(key);
    if (!set) {
      const all = [...identity, ...(boundary ? [boundary] : []), ...(scps ?? []).flat()];
      set = {
        id: this.sets.size + 1,
        policies: { identity, ...(boundary ? { boundary } : {}), ...(scps && scps.length > 0 ? { scps } : {}) },
        dependent: all.some(dependsOnPrincipal),
      };
      this.sets.set(key, set);
    }
    return set;
  }
}

/** A customer-managed policy attached to a principal, directly or through one of its groups. */
export interface HeldPolicy {
  readonly policy: ManagedPolicy;
  /** The key of the user, group or role it is attached to. */
  readonly holder: string;
}

export type PrincipalKind = 'root' | 'user' | 'role';

/** A principal of an analysed account: a user, a role or the root user. */
export interface PrincipalEntry {
  /** Its ARN, the node key. */
  readonly key: string;
  readonly kind: PrincipalKind;
  readonly account: string;
  readonly label: string;
  readonly entity: IamUser | IamRole | undefined;
  readonly request: RequestPrincipal;
  readonly set: PolicySet;
  /** A user's groups (that the export lists). */
  readonly groups: readonly GroupEntry[];
  /** Customer-managed policies attached to it or its groups: targets of the policy-version techniques. */
  readonly held: readonly HeldPolicy[];
  /** A service-linked role: only its service may change it, and SCPs do not apply to it. */
  readonly serviceLinked: boolean;
  /** The user's row of the credential report, when there is one. */
  readonly credentials: CredentialRow | undefined;
}

export interface GroupEntry {
  readonly key: string;
  readonly account: string;
  readonly label: string;
  readonly group: IamGroup;
  /** Its inline and attached policies. */
  readonly documents: readonly PolicyDocument[];
  readonly held: readonly HeldPolicy[];
}

/** An analysed account: one whose authorization details were given. */
export interface AccountModel {
  readonly id: string;
  readonly account: Account;
  readonly partition: string;
  readonly root: PrincipalEntry;
  readonly users: readonly PrincipalEntry[];
  readonly roles: readonly PrincipalEntry[];
  readonly groups: readonly GroupEntry[];
  readonly groupsByName: ReadonlyMap<string, GroupEntry>;
  readonly policies: ReadonlyMap<string, ManagedPolicy>;
  readonly scps: Levels | undefined;
}

export interface PrincipalIndex {
  readonly accounts: ReadonlyMap<string, AccountModel>;
  /** Every user, role and root user, by key. */
  readonly principals: ReadonlyMap<string, PrincipalEntry>;
  readonly groups: ReadonlyMap<string, GroupEntry>;
  readonly names: DocumentNames;
  readonly sets: PolicySets;
  /** Managed policies attached (or set as a boundary) that the exports do not contain: `user/dev: arn:…`. Their permissions are not counted. */
  readonly unresolved: readonly string[];
}

/** `user/path/name` from an IAM ARN. */
export function arnLabel(arn: string): string {
  return parseArn(arn)?.resource ?? arn;
}

function tagMap(tags: readonly { readonly key: string; readonly value: string }[]): ReadonlyMap<string, string> {
  return new Map(tags.map((tag) => [tag.key, tag.value]));
}

/** The analysed accounts: those with an id and authorization details. */
function analysed(inventory: Inventory): Account[] {
  return inventory.accounts.filter((account) => account.id !== undefined && isAccountId(account.id) && account.authorizationDetails !== undefined);
}

export function collectPrincipals(inventory: Inventory): PrincipalIndex {
  const names = new DocumentNames();
  const sets = new PolicySets();
  const unresolved: string[] = [];
  const accounts = new Map<string, AccountModel>();
  const principals = new Map<string, PrincipalEntry>();
  const groups = new Map<string, GroupEntry>();
  nameOrganizationPolicies(inventory.organization, names);
  for (const account of analysed(inventory)) {
    const model = accountModel(account, inventory.organization, { names, sets, unresolved });
    accounts.set(model.id, model);
    for (const principal of [model.root, ...model.users, ...model.roles]) principals.set(principal.key, principal);
    for (const group of model.groups) groups.set(group.key, group);
  }
  return { accounts, principals, groups, names, sets, unresolved };
}

function nameOrganizationPolicies(organization: Organization | undefined, names: DocumentNames): void {
  for (const policy of organization?.policies ?? []) {
    if (policy.document) names.set(policy.document, `${policy.type.toUpperCase()} '${policy.name}' (${policy.id})`);
  }
}

interface Shared {
  readonly names: DocumentNames;
  readonly sets: PolicySets;
  readonly unresolved: string[];
}

function accountModel(account: Account, organization: Organization | undefined, shared: Shared): AccountModel {
  const id = account.id ?? '';
  const { names, sets, unresolved } = shared;
  const policies = new Map(account.policies.map((policy) => [policy.arn, policy]));
  for (const policy of account.policies) {
    const document = policy.defaultVersion?.document;
    if (document) names.set(document, `${policy.awsManaged ? 'AWS managed' : 'managed'} policy '${policy.name}'`);
  }
  const partition = parseArn(account.users[0]?.arn ?? account.roles[0]?.arn ?? '')?.partition ?? 'aws';
  const scps = controlPolicies(organization, id, 'scp');

  /** The default version's document of each attached policy, and the customer-managed ones held. */
  const attached = (holder: { readonly arn: string; readonly attachedPolicies: IamUser['attachedPolicies'] }): { documents: PolicyDocument[]; held: HeldPolicy[] } => {
    const documents: PolicyDocument[] = [];
    const held: HeldPolicy[] = [];
    for (const attachment of holder.attachedPolicies) {
      const policy = policies.get(attachment.arn);
      const document = policy?.defaultVersion?.document;
      if (document) documents.push(document);
      else unresolved.push(`${arnLabel(holder.arn)}: ${attachment.arn}`);
      if (policy && !policy.awsManaged) held.push({ policy, holder: holder.arn });
    }
    return { documents, held };
  };
  const inline = (entity: IamUser | IamGroup | IamRole): PolicyDocument[] =>
    entity.inlinePolicies.flatMap((policy) => {
      if (!policy.document) return [];
      names.set(policy.document, `policy '${policy.name}' (inline, ${arnLabel(entity.arn)})`);
      return [policy.document];
    });
  const boundaryOf = (entity: IamUser | IamRole): PolicyDocument | undefined => {
    const arn = entity.permissionsBoundary?.arn;
    if (arn === undefined) return undefined;
    const document = policies.get(arn)?.defaultVersion?.document;
    // An unknown boundary is left out: the principal is then treated as having none, which can only add paths.
    if (!document) unresolved.push(`${arnLabel(entity.arn)} (permissions boundary): ${arn}`);
    return document;
  };

  const groupEntries = [...account.groups]
    .sort((a, b) => compare(a.arn, b.arn))
    .map((group): GroupEntry => {
      const own = attached(group);
      return { key: group.arn, account: id, label: arnLabel(group.arn), group, documents: [...inline(group), ...own.documents], held: own.held };
    });
  const groupsByName = new Map<string, GroupEntry>();
  for (const group of groupEntries) groupsByName.set(group.group.name, group);
  const lowerGroups = new Map(groupEntries.map((group) => [group.group.name.toLowerCase(), group]));

  const credentials = new Map((account.credentialReport?.rows ?? []).map((row) => [row.arn, row]));

  const users = [...account.users]
    .sort((a, b) => compare(a.arn, b.arn))
    .map((user): PrincipalEntry => {
      const memberOf = user.groups.flatMap(({ value }) => {
        const group = groupsByName.get(value) ?? lowerGroups.get(value.toLowerCase());
        return group ? [group] : [];
      });
      const own = attached(user);
      const identity = [...inline(user), ...own.documents, ...memberOf.flatMap((group) => group.documents)];
      return {
        key: user.arn,
        kind: 'user',
        account: id,
        label: arnLabel(user.arn),
        entity: user,
        request: { kind: 'user', arn: user.arn, account: id, name: user.name, tags: tagMap(user.tags) },
        set: sets.get(identity, boundaryOf(user), scps),
        groups: memberOf,
        held: [...own.held, ...memberOf.flatMap((group) => group.held)],
        serviceLinked: false,
        credentials: credentials.get(user.arn),
      };
    });

  const roles = [...account.roles]
    .sort((a, b) => compare(a.arn, b.arn))
    .map((role): PrincipalEntry => {
      if (role.trustPolicy) names.set(role.trustPolicy, `trust policy of ${arnLabel(role.arn)}`);
      const own = attached(role);
      const serviceLinked = role.path.startsWith('/aws-service-role/');
      return {
        key: role.arn,
        kind: 'role',
        account: id,
        label: arnLabel(role.arn),
        entity: role,
        // No session ARN: the caller names its session, so a policy naming one of the role's sessions may apply.
        request: { kind: 'role', arn: role.arn, account: id, name: role.name, tags: tagMap(role.tags), serviceLinked },
        // SCPs do not apply to service-linked roles.
        set: sets.get([...inline(role), ...own.documents], boundaryOf(role), serviceLinked ? undefined : scps),
        groups: [],
        held: own.held,
        serviceLinked,
        credentials: undefined,
      };
    });

  const rootArn = `arn:${partition}:iam::${id}:root`;
  const root: PrincipalEntry = {
    key: rootArn,
    kind: 'root',
    account: id,
    label: `root (${id})`,
    entity: undefined,
    request: { kind: 'root', arn: rootArn, account: id },
    set: sets.get([], undefined, scps),
    groups: [],
    held: [],
    serviceLinked: false,
    credentials: account.credentialReport?.rows.find((row) => row.isRoot),
  };

  return { id, account, partition, root, users, roles, groups: groupEntries, groupsByName, policies, scps };
}

/** Plain code-unit order: the same on every machine and locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
