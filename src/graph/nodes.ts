import { parseArn } from '../iam/arn.js';
import type { BuildContext } from './context.js';
import type { EdgeStatus, NodeAttributes } from './types.js';

// The nodes of the analysed accounts (root, admin, users, groups, roles), of the resources with a
// policy, and the `member-of` edges. External accounts, services, providers and the public get
// their nodes when a policy names them (actors.ts).

export function adminKey(account: string): string {
  return `admin:${account}`;
}

/** `s3 reports`, `kms key/1234abcd-…`. */
function resourceLabel(arn: string): string {
  const parts = parseArn(arn);
  return parts ? `${parts.service} ${parts.resource}` : arn;
}

export function addNodes(context: BuildContext): void {
  const { index, draft, resources } = context;
  for (const model of index.accounts.values()) {
    const { account } = model;
    draft.addNode({ kind: 'root', key: model.root.key, label: model.root.label, account: model.id, span: model.root.credentials?.span ?? account.authorizationDetails });
    draft.addNode({ kind: 'admin', key: adminKey(model.id), label: `admin of ${model.id}`, account: model.id, span: account.authorizationDetails });
    for (const principal of [...model.users, ...model.roles]) {
      draft.addNode({ kind: principal.kind === 'user' ? 'user' : 'role', key: principal.key, label: principal.label, account: model.id, span: principal.entity?.span });
    }
    for (const group of model.groups) draft.addNode({ kind: 'group', key: group.key, label: group.label, account: model.id, span: group.group.span });
    for (const user of model.users) {
      const listed = user.entity?.type === 'user' ? user.entity.groups : [];
      for (const group of user.groups) {
        const entry = listed.find((g) => g.value === group.group.name) ?? listed.find((g) => g.value.toLowerCase() === group.group.name.toLowerCase());
        draft.addEdge({
          kind: 'member-of',
          source: user.key,
          target: group.key,
          status: 'unconditional',
          actions: [],
          evidence: entry ? [{ description: `GroupList of ${user.label}`, span: entry.span }] : [],
          conditions: [],
        });
      }
    }
  }
  for (const resource of resources.byKey.values()) {
    draft.addNode({ kind: 'resource', key: resource.key, label: resourceLabel(resource.key), account: resource.account, span: resource.policy.span });
  }
}

/** Sets the `admin` attribute of the principals and groups found administrator-equivalent. */
export function markAdmins(context: BuildContext): void {
  for (const [key, status] of context.admins) {
    const node = context.draft.node(key);
    if (node) context.draft.setNode({ ...node, admin: status } satisfies NodeAttributes);
  }
}

export function adminStatus(status: EdgeStatus | undefined, other: EdgeStatus | undefined): EdgeStatus | undefined {
  if (status === 'unconditional' || other === 'unconditional') return 'unconditional';
  return status ?? other;
}
