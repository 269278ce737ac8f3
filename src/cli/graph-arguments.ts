import { ConfigError } from '../config/config.js';
import type { NodeKind } from '../graph/types.js';
import { checkArn, hasPatternSyntax, type ArnProblem } from '../iam/arn.js';
import { catalogue, findService, splitAction } from '../iam/catalogue.js';
import { nearest } from '../iam/suggest.js';
import type { AccessGraphData } from '../report/graph-view.js';

// The arguments of who-can, what-can and paths, checked before the inputs are loaded where that can
// be done (an action, an ARN's shape), and against the graph after (whether a principal is in it).

function didYouMean(suggestion: string | undefined): string {
  return suggestion === undefined ? '' : `; did you mean '${suggestion}'?`;
}

/**
 * `s3:GetObject` (any case) → the action as AWS spells it. who-can answers for one action, so a
 * wildcard is an error, and so is an action the catalogue does not know (most often a typo).
 */
export function parseAction(text: string): string {
  const parts = splitAction(text);
  if (!parts || !/^[A-Za-z0-9-]+$/.test(parts.service) || !/^[A-Za-z0-9*?]+$/.test(parts.name)) {
    throw new ConfigError(`ACTION takes one action, service:Name, such as s3:GetObject; got '${text}'`);
  }
  if (/[*?]/.test(parts.name)) throw new ConfigError(`who-can answers for one action, and '${text}' has a wildcard: name the action, such as s3:GetObject`);
  const service = findService(parts.service);
  if (!service) throw new ConfigError(`unknown service '${parts.service}' in '${text}'${didYouMean(nearest(parts.service, catalogue().prefixes))}`);
  const action = service.actions.get(parts.name.toLowerCase());
  if (action) return action.id;
  const names = [...service.actions.values()].map((a) => a.name);
  const suggestion = nearest(parts.name, names);
  throw new ConfigError(`unknown action '${text}': ${service.name} has no such action in iamlint's AWS catalogue${didYouMean(suggestion === undefined ? undefined : `${service.prefix}:${suggestion}`)}`);
}

/** Why an ARN is malformed, in a few words. */
function arnProblemText(problem: ArnProblem): string {
  switch (problem.kind) {
    case 'notArn':
    case 'tooFewParts':
      return 'an ARN has six parts, arn:partition:service:region:account-id:resource';
    case 'emptyPart':
      return `its ${problem.part} is empty`;
    case 'unknownPartition':
      return `'${problem.partition}' is not an AWS partition${didYouMean(problem.suggestion)}`;
    case 'serviceCase':
      return `ARNs are case-sensitive: the service is '${problem.expected}'`;
    case 'malformedRegion':
      return `'${problem.region}' is not a region code such as us-east-1`;
    case 'malformedAccount':
      return `'${problem.account}' is not a 12-digit account id`;
    case 'unexpectedPart':
      return `${problem.what} ARNs have no ${problem.region && problem.account ? 'region or account' : problem.region ? 'region' : 'account'}: ${problem.fixed}`;
  }
}

/** One ARN, without wildcards; `what` names the argument in messages (`RESOURCE-ARN`). */
export function parseArnArgument(text: string, what: string): string {
  if (!text.startsWith('arn:')) throw new ConfigError(`${what} takes an ARN, such as arn:aws:iam::111122223333:role/admin; got '${text}'`);
  if (hasPatternSyntax(text)) throw new ConfigError(`${what} names one ARN, and '${text}' has a wildcard or a policy variable`);
  const problem = checkArn(text);
  if (problem) throw new ConfigError(`${what} '${text}' is not a valid ARN: ${arnProblemText(problem)}`);
  return text;
}

/** who-can's resource: one ARN, or `*` for actions that act on no resource (`s3:ListAllMyBuckets`). */
export function parseResource(text: string): string {
  return text === '*' ? text : parseArnArgument(text, 'RESOURCE-ARN');
}

/**
 * A principal's key as the graph names it: an ARN (users, roles, roots, `arn:aws:iam::…:root`), a
 * service principal (`lambda.amazonaws.com`) or `*` (anyone). Only an ARN's shape is checked here.
 */
export function parsePrincipal(text: string, what: string): string {
  return text.startsWith('arn:') ? parseArnArgument(text, what) : text;
}

/** The kinds of node that make requests: what what-can and paths start from (a group never does). */
export const principalKinds: ReadonlySet<NodeKind> = new Set(['root', 'user', 'role', 'service', 'federated', 'external-account', 'public']);

/** Any node: where paths --to may end. */
export const anyNode: ReadonlySet<NodeKind> = new Set([...principalKinds, 'group', 'resource', 'admin']);

/**
 * Throws a ConfigError unless the graph has the node: `what` names the argument. The suggestion is the
 * node whose key is nearest, or whose label is the text (`user/alice` for its ARN).
 */
export function requireNode(graph: AccessGraphData, key: string, what: string, kinds: ReadonlySet<NodeKind> = principalKinds): void {
  if (graph.hasNode(key)) {
    const kind = graph.getNodeAttribute(key, 'kind');
    if (kinds.has(kind)) return;
    const hint = kind === 'group' ? ': groups make no requests; ask about one of its members' : ': give a user, role, root user or other principal';
    throw new ConfigError(`${what}: '${key}' is ${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}, not a principal${hint}`);
  }
  const candidates: string[] = [];
  let byLabel: string | undefined;
  graph.forEachNode((node, attributes) => {
    if (!kinds.has(attributes.kind)) return;
    candidates.push(node);
    if (attributes.label === key) byLabel ??= node;
  });
  candidates.sort();
  const suggestion = byLabel ?? nearest(key, candidates);
  throw new ConfigError(`${what}: no ${kinds === anyNode ? 'node' : 'principal'} '${key}' in the account exports${didYouMean(suggestion)}`);
}
