import { controlPolicies } from '../eval/organization.js';
import type { ResourcePolicies, ResourcePolicyKind } from '../eval/types.js';
import { isAccountId, parseArn } from '../iam/arn.js';
import type { Inventory, ResourcePolicy } from '../model/inventory.js';
import type { DocumentNames } from './documents.js';
import type { Target } from './evaluator.js';
import type { PrincipalIndex } from './principals-policies.js';
import { compare } from './principals-policies.js';

// The resource side of requests: resources that have a policy in the exports (each a node), role
// trust policies, and what is known of any other ARN.

export interface ResourceEntry {
  readonly key: string;
  /** The account that owns it: its export's, else its ARN's. */
  readonly account: string | undefined;
  readonly policy: ResourcePolicy;
  readonly target: Target;
}

function kindOf(arn: string): ResourcePolicyKind {
  return arn.startsWith('arn:') && parseArn(arn)?.service === 'kms' ? 'kms' : 'default';
}

function arnAccount(arn: string): string | undefined {
  const account = parseArn(arn)?.account;
  return account !== undefined && isAccountId(account) ? account : undefined;
}

/** An S3 object's bucket (`arn:aws:s3:::bucket/key` → `arn:aws:s3:::bucket`): the bucket policy decides for its objects. */
function bucketOf(arn: string): string {
  const match = /^(arn:[^:]+:s3:::[^/]+)\//.exec(arn);
  return match?.[1] ?? arn;
}

export class Resources {
  readonly byKey: ReadonlyMap<string, ResourceEntry>;
  /** Resource policies whose resource is not known: they cannot be a node. */
  readonly unplaced: readonly ResourcePolicy[];
  private readonly sides = new Map<string, ResourcePolicies>();
  private readonly roles = new Map<string, Target | null>();
  /** The targets asked for (not to assume a role): the graph asks about the same users and roles again and again. */
  private readonly targets = new Map<string, Target>();

  constructor(
    private readonly inventory: Inventory,
    private readonly principals: PrincipalIndex,
    names: DocumentNames,
  ) {
    const byKey = new Map<string, ResourceEntry>();
    const unplaced: ResourcePolicy[] = [];
    for (const account of inventory.accounts) {
      for (const policy of account.resourcePolicies) {
        const arn = policy.resourceArn;
        if (arn === undefined) {
          unplaced.push(policy);
          continue;
        }
        names.set(policy.document, `resource policy of ${arn}`);
        // Several exports of one resource's policy: the first (in account and file order) is taken.
        if (byKey.has(arn)) continue;
        const owner = arnAccount(arn) ?? account.id;
        byKey.set(arn, { key: arn, account: owner, policy, target: { resource: arn, account: owner, policies: this.side(kindOf(arn), policy.document, owner) } });
      }
    }
    this.byKey = new Map([...byKey].sort(([a], [b]) => compare(a, b)));
    this.unplaced = unplaced;
  }

  private side(kind: ResourcePolicyKind, policy: ResourcePolicy['document'] | undefined, account: string | undefined): ResourcePolicies {
    const rcps = controlPolicies(this.inventory.organization, account, 'rcp');
    return { kind, ...(policy ? { policy } : {}), ...(rcps && rcps.length > 0 ? { rcps } : {}) };
  }

  /** The side of a role's trust policy, as assuming the role needs it. */
  roleTarget(roleArn: string): Target | undefined {
    let found = this.roles.get(roleArn);
    if (found === undefined) {
      const role = this.principals.principals.get(roleArn);
      const trust = role?.entity?.type === 'role' ? role.entity.trustPolicy : undefined;
      found = role?.kind === 'role' ? { resource: roleArn, account: role.account, policies: this.side('trust', trust, role.account) } : null;
      this.roles.set(roleArn, found);
    }
    return found ?? undefined;
  }

  /**
   * What decides `action` on `arn`: for assuming a role, its trust policy; a known resource's policy;
   * else no resource policy (an IAM entity, or a resource whose policy was not exported), with the
   * RCPs of its account. The account is the analysed account that holds it, else its ARN's.
   */
  target(arn: string, action: string): Target {
    if (action.length >= 14 && action.slice(0, 14).toLowerCase() === 'sts:assumerole') {
      const role = this.roleTarget(arn);
      if (role) return role;
    }
    let found = this.targets.get(arn);
    if (!found) {
      found = this.resolve(arn);
      this.targets.set(arn, found);
    }
    return found;
  }

  private resolve(arn: string): Target {
    const known = this.byKey.get(arn) ?? this.byKey.get(bucketOf(arn));
    if (known) return { ...known.target, resource: arn };
    const principal = this.principals.principals.get(arn) ?? this.principals.groups.get(arn);
    const account = principal?.account ?? arnAccount(arn);
    const key = `none ${kindOf(arn)} ${account ?? ''}`;
    let policies = this.sides.get(key);
    if (!policies) {
      policies = this.side(kindOf(arn), undefined, account);
      this.sides.set(key, policies);
    }
    return { resource: arn, account, policies };
  }
}
