import type { Organization, OrganizationPolicy } from '../model/inventory.js';
import type { PolicyDocument } from '../model/policy.js';

// Which SCPs or RCPs decide a request, level by level: the organization's root, each OU down to the
// account, and the account itself. A request must be allowed at every level (and denied at none).

/** AWS's allow-everything policies: a level with nothing else of the type restricts nothing. */
const fullAccessIds: Readonly<Record<'scp' | 'rcp', string>> = { scp: 'p-FullAWSAccess', rcp: 'p-RCPFullAWSAccess' };

function isFullAccess(policy: OrganizationPolicy): boolean {
  return policy.awsManaged && policy.id === fullAccessIds[policy.type];
}

type Levels = readonly (readonly PolicyDocument[])[];

/** Answers per organization, by `${type} ${account}`: the graph asks for the same account again and again. */
const cache = new WeakMap<Organization, Map<string, Levels | undefined>>();

/**
 * The SCPs (`scp`, for `PrincipalPolicies.scps`) or RCPs (`rcp`, for `ResourcePolicies.rcps`) in force
 * for an account, one list per level from the root down, each in policy-id order.
 *
 * - Undefined when no organization is known, for an account it does not place (not named in the
 *   manifest's `accounts` or `attachments`), and for the management account, which neither SCPs nor
 *   RCPs restrict.
 * - A level is left out when the exports hold no policy of the type attached there: it is taken to
 *   have FullAWSAccess (RCPFullAWSAccess), which allows everything. So is a level with only those.
 *   Policies the manifest attaches but the exports do not contain are unknown and not counted
 *   (except AWS's FullAWSAccess and RCPFullAWSAccess, which the inventory supplies).
 * - A policy whose content could not be read is left out (the loader reported it).
 */
export function controlPolicies(organization: Organization | undefined, accountId: string | undefined, type: 'scp' | 'rcp'): Levels | undefined {
  if (!organization || accountId === undefined || accountId === organization.managementAccount) return undefined;
  let answers = cache.get(organization);
  if (!answers) {
    answers = new Map();
    cache.set(organization, answers);
  }
  const key = `${type} ${accountId}`;
  if (answers.has(key)) return answers.get(key);
  const answer = compute(organization, accountId, type);
  answers.set(key, answer);
  return answer;
}

function compute(organization: Organization, accountId: string, type: 'scp' | 'rcp'): Levels | undefined {
  const levels = organization.levels.get(accountId);
  if (!levels) return undefined;
  const ofType = organization.policies.filter((policy) => policy.type === type && policy.document !== undefined);
  const result: PolicyDocument[][] = [];
  for (const target of levels) {
    const attached = ofType.filter((policy) => policy.targets.includes(target));
    if (attached.every(isFullAccess)) continue;
    result.push(attached.flatMap((policy) => (policy.document ? [policy.document] : [])));
  }
  return result;
}
