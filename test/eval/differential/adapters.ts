import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import type { PrincipalPolicies, Request, RequestPrincipal, ResourcePolicies, ResourcePolicyKind } from '../../../src/eval/types.js';
import type { PolicyDocument, PolicyKind } from '../../../src/model/policy.js';
import { loadPolicyText } from '../../helpers/policy.js';
import {
  accountA,
  callerArn,
  now,
  principalArn,
  roleName,
  roleSessionArn,
  userName,
  type DifferentialCase,
  type PolicyJson,
  type Scenario,
} from './case.js';

// One case → the inputs of each evaluator. iam-simulate is AGPL: this file is test-only and src/
// never imports it (eslint enforces that).

/** The resource-policy kind AWS applies for each scenario (evaluation.md rows 3–5). */
const resourceKinds: Readonly<Record<Scenario, ResourcePolicyKind>> = { s3: 'default', assume: 'trust', kms: 'kms', iam: 'default' };

/** RCPFullAWSAccess: AWS attaches it to every root, OU and account and it cannot be detached. */
export const rcpFullAwsAccess: PolicyJson = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] };

function load(policy: PolicyJson, path: string, kind: PolicyKind): PolicyDocument {
  return loadPolicyText(JSON.stringify(policy, null, 2), path, kind);
}

function ourPrincipal(c: DifferentialCase): RequestPrincipal {
  const tags = new Map(Object.entries(c.principalTags));
  return c.principal === 'user'
    ? { kind: 'user', arn: principalArn('user'), account: accountA, name: userName, tags }
    : { kind: 'role', arn: principalArn('role'), account: accountA, sessionArn: roleSessionArn, name: roleName, tags };
}

export interface OurInputs {
  readonly request: Request;
  readonly principalPolicies: PrincipalPolicies;
  readonly resourcePolicies: ResourcePolicies;
}

/**
 * Our evaluator gets the request-set keys (a value, or listed as absent) and derives the principal,
 * resource and clock keys itself — deriving them is part of what is under test.
 */
export function toOurs(c: DifferentialCase): OurInputs {
  const values = new Map<string, readonly string[]>();
  const absent = new Set<string>();
  for (const [key, value] of Object.entries(c.context)) {
    if (value === null) absent.add(key.toLowerCase());
    else values.set(key.toLowerCase(), typeof value === 'string' ? [value] : value);
  }
  const request: Request = {
    principal: ourPrincipal(c),
    action: c.action,
    resource: c.resource,
    resourceAccount: c.resourceAccount,
    context: { values, absent, now },
  };
  const principalPolicies: PrincipalPolicies = {
    identity: c.identity.map((p, i) => load(p, `identity-${i + 1}.json`, 'identity')),
    boundary: c.boundary ? load(c.boundary, 'boundary.json', 'boundary') : undefined,
    scps: c.scps?.map((level, l) => level.map((p, i) => load(p, `scp-${l + 1}-${i + 1}.json`, 'scp'))),
  };
  const resourcePolicies: ResourcePolicies = {
    kind: resourceKinds[c.scenario],
    policy: c.resourcePolicy ? load(c.resourcePolicy, 'resource.json', c.scenario === 'assume' ? 'trust' : 'resource') : undefined,
    rcps: c.rcps?.map((level, l) => [rcpFullAwsAccess, ...level].map((p, i) => load(p, `rcp-${l + 1}-${i + 1}.json`, 'rcp'))),
  };
  return { request, principalPolicies, resourcePolicies };
}

/**
 * The keys AWS puts in the request context from the principal, the resource and the clock. iam-simulate
 * derives none of them ("Automatically populating context keys from the request" is listed under its
 * "Features Coming Soon"), so they are given to it explicitly.
 */
export function derivedContext(c: DifferentialCase): Record<string, string> {
  const derived: Record<string, string> = {
    'aws:PrincipalArn': principalArn(c.principal),
    'aws:PrincipalAccount': accountA,
    'aws:PrincipalType': c.principal === 'user' ? 'User' : 'AssumedRole',
    'aws:PrincipalIsAWSService': 'false',
    'aws:ResourceAccount': c.resourceAccount,
    'aws:CurrentTime': now.toISOString(),
    'aws:EpochTime': String(Math.floor(now.getTime() / 1000)),
  };
  // aws:username exists for IAM users only.
  if (c.principal === 'user') derived['aws:username'] = userName;
  for (const [key, value] of Object.entries(c.principalTags)) derived[`aws:PrincipalTag/${key}`] = value;
  return derived;
}

export function toTheirs(c: DifferentialCase): Simulation {
  const contextVariables: Record<string, string | string[]> = { ...derivedContext(c) };
  for (const [key, value] of Object.entries(c.context)) if (value !== null) contextVariables[key] = value;
  const orgLevels = (levels: readonly (readonly PolicyJson[])[] | undefined, prefix: string) =>
    (levels ?? []).map((level, l) => ({
      orgIdentifier: `${prefix}-${l + 1}`,
      policies: level.map((policy, i) => ({ name: `${prefix}-${l + 1}-${i + 1}`, policy })),
    }));
  return {
    request: {
      // A role acts through a session: AWS sees the assumed-role ARN as the caller.
      principal: callerArn(c.principal),
      action: c.action,
      resource: { resource: c.resource, accountId: c.resourceAccount },
      contextVariables,
    },
    identityPolicies: c.identity.map((policy, i) => ({ name: `identity-${i + 1}`, policy })),
    serviceControlPolicies: orgLevels(c.scps, 'scp'),
    // iam-simulate adds RCPFullAWSAccess to each level itself.
    resourceControlPolicies: orgLevels(c.rcps, 'rcp'),
    ...(c.resourcePolicy ? { resourcePolicy: c.resourcePolicy } : {}),
    ...(c.boundary ? { permissionBoundaryPolicies: [{ name: 'boundary', policy: c.boundary }] } : {}),
  };
}

export type TheirDecision = 'allowed' | 'denied';

/** iam-simulate's answer; throws when it rejects the input (a generator bug, not a difference). */
export async function runTheirs(c: DifferentialCase): Promise<{ readonly decision: TheirDecision; readonly result: string }> {
  const response = await runSimulation(toTheirs(c), { simulationMode: 'Strict' });
  if (response.resultType === 'error') throw new Error(`iam-simulate rejected the case: ${JSON.stringify(response.errors)}`);
  if (response.resultType !== 'single') throw new Error(`iam-simulate ran a ${response.resultType} simulation`);
  const ignored = response.result.ignoredContextKeys ?? [];
  if (ignored.length > 0) throw new Error(`iam-simulate ignored context keys ${ignored.join(', ')}: the two sides would see different contexts`);
  return { decision: response.overallResult === 'Allowed' ? 'allowed' : 'denied', result: response.overallResult };
}
