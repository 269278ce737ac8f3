import { parseArn } from '../iam/arn.js';
import type { AccessGraph } from './access-graph.js';
import { edgeKey } from './draft.js';
import type { EdgeAttributes, Step } from './types.js';

// How graph rules write a chain in a finding's message, one line as `iamlint paths` prints it:
// `user/dev → assumes role/ci → iam:PassRole + ec2:RunInstances → role/admin (administrator)`.
// (src/report formats query results for the commands; rules cannot import from there.)

/** The edge a step follows; undefined for a step the graph does not hold (an admin node's virtual reach). */
export function edgeOf(graph: AccessGraph, step: Step): EdgeAttributes | undefined {
  const key = edgeKey(step.kind, step.from, step.to, step.technique);
  return graph.graph.hasEdge(key) ? graph.graph.getEdgeAttributes(key) : undefined;
}

/** A node's label (`user/dev`, `account 444455556666`, `admin of 111122223333`), else its key. */
export function nodeLabel(graph: AccessGraph, key: string): string {
  return graph.graph.hasNode(key) ? graph.graph.getNodeAttribute(key, 'label') : key;
}

/** How many actions a step lists before it says how many more there are. */
const shownActions = 3;

/** `policy/deploy`, `group/devs`: what a technique acts on, when its target does not say. */
function viaLabel(key: string): string {
  return parseArn(key)?.resource ?? key;
}

/** What a step does: `assumes`, `member of`, `iam:PassRole + ec2:RunInstances`, `s3:GetObject, s3:PutObject +3 more`. */
function stepPhrase(graph: AccessGraph, step: Step): string {
  switch (step.kind) {
    case 'member-of':
      return 'member of';
    case 'can-assume': {
      // sts:AssumeRole goes without saying; sts:AssumeRoleWithWebIdentity and the others do not.
      const other = step.actions.filter((action) => action.toLowerCase() !== 'sts:assumerole');
      return other.length === 0 ? 'assumes' : `assumes (${other.join(', ')})`;
    }
    case 'escalates-to': {
      if (step.technique === 'admin-access') return 'every action';
      const via = edgeOf(graph, step)?.via ?? [];
      return `${step.actions.join(' + ')}${via.length === 0 ? '' : ` on ${via.map(viaLabel).join(', ')}`}`;
    }
    case 'can-access':
      return step.actions.length <= shownActions + 1 ? step.actions.join(', ') : `${step.actions.slice(0, shownActions).join(', ')} +${step.actions.length - shownActions} more`;
  }
}

/** `(administrator)` after an administrator-equivalent principal, `(administrator under conditions)` after a conditional one. */
function adminMark(graph: AccessGraph, key: string): string {
  const admin = graph.graph.hasNode(key) ? graph.graph.getNodeAttribute(key, 'admin') : undefined;
  if (admin === undefined) return '';
  return admin === 'unconditional' ? ' (administrator)' : ' (administrator under conditions)';
}

/**
 * A chain as text. Assumptions read `→ assumes role/ci`; other steps name their actions between
 * arrows; a conditional step says so (`→ assumes (conditional) role/admin`). A final step that only
 * says an administrator is one (`admin-access` into `admin:<account>`) is left out; principals
 * after the first that are administrator-equivalent are marked `(administrator)`.
 */
export function pathText(graph: AccessGraph, from: string, steps: readonly Step[]): string {
  const last = steps[steps.length - 1];
  const shown = last?.technique === 'admin-access' && steps.length > 1 ? steps.slice(0, -1) : steps;
  const parts = [nodeLabel(graph, from)];
  for (const step of shown) {
    const phrase = `${stepPhrase(graph, step)}${step.status === 'conditional' ? ' (conditional)' : ''}`;
    const to = `${nodeLabel(graph, step.to)}${adminMark(graph, step.to)}`;
    parts.push(step.kind === 'can-assume' || step.kind === 'member-of' ? `→ ${phrase} ${to}` : `→ ${phrase} → ${to}`);
  }
  return parts.join(' ');
}

/** How many conditions a message lists before it says how many more there are. */
const shownConditions = 3;

/**
 * The open conditions of a chain's conditional steps, each once, as one phrase:
 * `aws:MultiFactorAuthPresent Bool true (Statement 'X' of …); and 2 more`. Empty when the chain
 * holds whatever the request.
 */
export function conditionsText(graph: AccessGraph, steps: readonly Step[]): string {
  const found = new Set<string>();
  for (const step of steps) {
    if (step.status !== 'conditional') continue;
    for (const condition of edgeOf(graph, step)?.conditions ?? []) found.add(condition);
  }
  const all = [...found];
  if (all.length === 0) return steps.some((step) => step.status === 'conditional') ? 'conditions the export does not settle' : '';
  const shown = all.slice(0, shownConditions).join('; ');
  return all.length > shownConditions ? `${shown}; and ${all.length - shownConditions} more` : shown;
}
