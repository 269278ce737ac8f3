import type { AccountFragment, Organization, OrganizationPolicy, OrganizationPolicyExport } from '../model/inventory.js';
import { SourceFile } from '../model/source.js';
import { isAccountId } from './export-values.js';
import { parseJson } from './json.js';
import { readPolicy } from './policy.js';
import { fileLayer } from './text-layer.js';

// The organization, put together from the SCP/RCP exports (what each policy says) and the manifests'
// `organization` (where the accounts sit and where each policy is attached).

export type OrganizationFragment = Extract<AccountFragment, { readonly kind: 'organization-policy' | 'organization-manifest' }>;

export function isOrganizationFragment(fragment: AccountFragment): fragment is OrganizationFragment {
  return fragment.kind === 'organization-policy' || fragment.kind === 'organization-manifest';
}

/**
 * AWS's own allow-everything policies, whose text is fixed. FullAWSAccess is attached to every new
 * root, OU and account (and may be detached); RCPFullAWSAccess is attached to all of them once RCPs
 * are enabled and cannot be detached — it is the only RCP that may Allow.
 */
const fullAccess = {
  scp: { id: 'p-FullAWSAccess', name: 'FullAWSAccess', arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess', statement: { Effect: 'Allow', Action: '*', Resource: '*' } },
  rcp: { id: 'p-RCPFullAWSAccess', name: 'RCPFullAWSAccess', arn: 'arn:aws:organizations::aws:policy/resource_control_policy/p-RCPFullAWSAccess', statement: { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' } },
} as const;

/** iamlint's copy of FullAWSAccess or RCPFullAWSAccess, with `targets`. */
function builtInFullAccess(type: 'scp' | 'rcp', targets: readonly string[]): OrganizationPolicy {
  const { id, name, arn, statement } = fullAccess[type];
  const source = new SourceFile(`<aws-managed ${name}>`, JSON.stringify({ Version: '2012-10-17', Statement: [statement] }, null, 2));
  const root = parseJson(source.text, false).root;
  if (!root) throw new Error(`the built-in ${name} does not parse`);
  const document = readPolicy(fileLayer(source), root, { kind: type, kindSource: 'context', owner: arn });
  return { id, arn, name, type, awsManaged: true, span: source.span(0, source.text.length, []), document, targets, builtIn: true };
}

/**
 * Merges the fragments, given in path order: the first file wins for a policy exported twice, for an
 * account's path and for the management account; attachments add up. Undefined without any.
 */
export function assembleOrganization(fragments: readonly OrganizationFragment[]): Organization | undefined {
  if (fragments.length === 0) return undefined;
  let managementAccount: string | undefined;
  const paths = new Map<string, readonly string[]>();
  const attachments = new Map<string, string[]>();
  const exported = new Map<string, OrganizationPolicyExport>();
  for (const fragment of fragments) {
    if (fragment.kind === 'organization-policy') {
      for (const policy of fragment.policies) if (!exported.has(policy.id)) exported.set(policy.id, policy);
      continue;
    }
    const { layout } = fragment;
    managementAccount ??= layout.managementAccount;
    for (const [account, path] of layout.accounts) if (!paths.has(account)) paths.set(account, path);
    for (const [id, targets] of layout.attachments) {
      const merged = attachments.get(id) ?? [];
      for (const target of targets) if (!merged.includes(target)) merged.push(target);
      attachments.set(id, merged);
    }
  }
  const levels = accountLevels(paths, attachments);
  const everyTarget = [...new Set([...levels.values()].flat())].sort(compare);
  const policies: OrganizationPolicy[] = [...exported.values()].map((policy) => {
    // RCPFullAWSAccess cannot be detached: it is wherever the organization is, whatever the manifest lists.
    const targets = policy.awsManaged && policy.id === fullAccess.rcp.id ? everyTarget : (attachments.get(policy.id) ?? []);
    return { ...policy, targets };
  });
  // AWS's allow-everything policies are often left out of hand-made exports; without them, a level
  // with only deny-list policies would allow nothing. FullAWSAccess is put where the manifest
  // attaches it; RCPFullAWSAccess everywhere, once there is an RCP for it to sit beside.
  const scpTargets = attachments.get(fullAccess.scp.id) ?? [];
  if (!exported.has(fullAccess.scp.id) && scpTargets.length > 0) policies.push(builtInFullAccess('scp', scpTargets));
  if (!exported.has(fullAccess.rcp.id) && policies.some((p) => p.type === 'rcp')) policies.push(builtInFullAccess('rcp', everyTarget));
  policies.sort((a, b) => compare(a.id, b.id));
  return { managementAccount, policies, levels };
}

/**
 * Each account's levels: its path and itself. An account named only as an attachment target sits
 * under the root as far as anyone can tell (when the manifests name exactly one root), its OUs unknown.
 */
function accountLevels(paths: ReadonlyMap<string, readonly string[]>, attachments: ReadonlyMap<string, readonly string[]>): Map<string, readonly string[]> {
  const roots = new Set<string>();
  for (const path of paths.values()) if (path[0] !== undefined) roots.add(path[0]);
  for (const targets of attachments.values()) for (const target of targets) if (target.startsWith('r-')) roots.add(target);
  const root = roots.size === 1 ? [...roots] : [];
  const levels = new Map<string, readonly string[]>();
  for (const [account, path] of paths) levels.set(account, [...path, account]);
  for (const targets of attachments.values()) {
    for (const target of targets) if (isAccountId(target) && !levels.has(target)) levels.set(target, [...root, target]);
  }
  return new Map([...levels].sort(([a], [b]) => compare(a, b)));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
