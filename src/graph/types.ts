import type { Span } from '../model/span.js';
import type { Decision } from '../eval/types.js';

// The access graph's contract (DESIGN.md, "The graph"): what its nodes and edges carry, and what the
// queries answer. The CLI formats these objects; graph rules read them; tests compare them.

/**
 * - `root`: an analysed account's root user; `external-account`: an account that is not analysed
 *   (known only because a policy names it), standing for every principal its administrators allow;
 * - `service`: a service principal acting for an account (`ec2.amazonaws.com@111122223333`: the
 *   roles of that account it may assume, and the existing compute of the account it runs);
 *   `federated`: a SAML or OIDC provider;
 * - `public`: the anonymous caller and every AWS account (`"Principal": "*"`);
 * - `resource`: a resource that has a resource policy (bucket, key, queue …);
 * - `admin`: one per analysed account, standing for full control of it; `escalates-to` edges end there
 *   when a technique gives a principal every permission of the account.
 */
export type NodeKind = 'root' | 'user' | 'group' | 'role' | 'service' | 'federated' | 'external-account' | 'public' | 'resource' | 'admin';

/** Whether an edge (or a principal's administrator access) holds whatever the request, only under conditions, or never. */
export type EdgeStatus = 'unconditional' | 'conditional';

export interface NodeAttributes {
  readonly kind: NodeKind;
  /**
   * The node's key: the ARN (IAM principals, roots, resources; an external account's root ARN),
   * `service@account` (the service alone when the account is unknown), the provider's ARN or name,
   * `*` for the public, `admin:<account>`.
   */
  readonly key: string;
  /** Short readable name: `user/dev`, `role/ci`, `root (111122223333)`, `account 444455556666`, `s3 bucket reports`. */
  readonly label: string;
  readonly account: string | undefined;
  /** The entity's object in the export (GAAD user/role/group, resource policy); findings about it point here. */
  readonly span: Span | undefined;
  /**
   * For users, groups, roles and roots: whether the principal is administrator-equivalent (for a group:
   * whether its policies make a member without a boundary so). Undefined for the other kinds and for
   * principals that are not.
   */
  readonly admin?: EdgeStatus | undefined;
  /** For external accounts: whether the account is in the configured zone of trust (`trust.accounts`). */
  readonly trusted?: boolean | undefined;
}

export type EdgeKind = 'member-of' | 'can-assume' | 'escalates-to' | 'can-access';

/** A statement behind an edge. */
export interface Evidence {
  /** `Statement 'PassRoles' of policy 'deploy' (inline, user/dev)`. */
  readonly description: string;
  readonly span: Span;
}

export interface EdgeAttributes {
  readonly kind: EdgeKind;
  readonly status: EdgeStatus;
  /**
   * For `escalates-to`: the technique id — `admin-access` (the source may call every action: it is
   * administrator-equivalent), the IAM techniques named after their action (`put-user-policy`,
   * `attach-role-policy`, `create-policy-version`, `add-user-to-group`, `create-access-key`,
   * `update-assume-role-policy` …), and the compute techniques of src/iam/techniques.ts and
   * src/graph/techniques.ts (`ec2-instance`, `lambda-invoke`, `lambda-update-code` …).
   */
  readonly technique?: string | undefined;
  /**
   * What the technique acts on when the target does not say: the group joined or written, the
   * managed policy given a new version. Sorted.
   */
  readonly via?: readonly string[] | undefined;
  /** The actions that make the edge: `sts:AssumeRole`; `iam:PassRole + ec2:RunInstances`; for `can-access`, the actions allowed on the resource (sorted). */
  readonly actions: readonly string[];
  /**
   * For `can-access`: the actions of `actions` that are allowed only under conditions. The edge is
   * `unconditional` when at least one action is allowed whatever the request.
   */
  readonly conditionalActions?: readonly string[] | undefined;
  /** The statements that create the edge (Allow statements of every policy involved). */
  readonly evidence: readonly Evidence[];
  /** For conditional edges: the open conditions, readable (`aws:MultiFactorAuthPresent Bool true in statement 'X'`). */
  readonly conditions: readonly string[];
}

/** One edge of a path, as queries return it. */
export interface Step {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  readonly status: EdgeStatus;
  readonly technique?: string | undefined;
  readonly actions: readonly string[];
}

/** A principal that can do something, and how: `steps` is empty when it can directly. */
export interface Reach {
  readonly principal: string;
  readonly label: string;
  /** `allowed` only when every step and the final access are unconditional. */
  readonly decision: Exclude<Decision, 'denied'>;
  readonly steps: readonly Step[];
}

/** `iamlint who-can ACTION RESOURCE`: every principal that can perform the action on the resource, directly or by a chain. Sorted by principal key. */
export interface WhoCanResult {
  readonly action: string;
  readonly resource: string;
  readonly principals: readonly Reach[];
}

/** `iamlint what-can PRINCIPAL`: the principals it can become and the resources (with policies) it can reach. */
export interface WhatCanResult {
  readonly principal: string;
  readonly admin: EdgeStatus | 'no';
  /** Principals it can become (assume, escalate), and `admin:<account>` nodes it reaches. Sorted by key. */
  readonly principals: readonly Reach[];
  /** Resources with policies it can access, with the actions. Sorted by key. */
  readonly resources: readonly (Reach & { readonly actions: readonly string[] })[];
}

/**
 * `iamlint paths FROM [--to admin|ARN]`: shortest paths, unconditional ones first. Each path is a
 * `Reach` whose `principal` is the node it ends at (an `admin:<account>` node for `admin`): per node
 * reached, the shortest unconditional path and, when a conditional one is shorter, that one too.
 * `from` itself, when it is the target, has one path with no steps.
 */
export interface PathsResult {
  readonly from: string;
  /** `admin`, or a node key. */
  readonly to: string;
  readonly paths: readonly Reach[];
}
