import type { Span } from '../model/span.js';
import type { Decision } from '../eval/types.js';

// The access graph's contract (DESIGN.md, "The graph"): what its nodes and edges carry, and what the
// queries answer. The CLI formats these objects; graph rules read them; tests compare them.

/**
 * - `root`: an analysed account's root user; `external-account`: an account that is not analysed
 *   (known only because a policy names it), standing for every principal its administrators allow;
 * - `service`: a service principal (`ec2.amazonaws.com`); `federated`: a SAML or OIDC provider;
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
  /** The node's key: the ARN (IAM principals, roots, resources), the service or provider name, `*` for the public, `admin:<account>`. */
  readonly key: string;
  /** Short readable name: `user/dev`, `role/ci`, `root (111122223333)`, `account 444455556666`, `s3 bucket reports`. */
  readonly label: string;
  readonly account: string | undefined;
  /** The entity's object in the export (GAAD user/role/group, resource policy); findings about it point here. */
  readonly span: Span | undefined;
  /** For users, groups, roles and roots: whether the principal is administrator-equivalent. */
  readonly admin?: EdgeStatus | undefined;
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
  /** For `escalates-to`: the technique id (`ec2-instance`, `attach-policy`, `create-access-key` …). */
  readonly technique?: string | undefined;
  /** The actions that make the edge: `sts:AssumeRole`; `iam:PassRole + ec2:RunInstances`; for `can-access`, the actions allowed on the resource. */
  readonly actions: readonly string[];
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

/** `iamlint paths FROM [--to admin|ARN]`: shortest paths, unconditional ones first. */
export interface PathsResult {
  readonly from: string;
  /** `admin`, or a node key. */
  readonly to: string;
  readonly paths: readonly Reach[];
}
