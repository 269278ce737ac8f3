import { parseArn } from '../iam/arn.js';
import type { Span } from '../model/span.js';
import type { AccessGraph } from './access-graph.js';
import { edgeOf, nodeLabel } from './path-text.js';
import type { Step } from './types.js';

// How graph rules give a finding its path as located steps (the engine's `FlowStep`: SARIF shows them
// as a code flow): one per hop of the chain, at the statement that creates the edge, with a message
// that says the hop on its own — `user/dev assumes role/ci (sts:AssumeRole)`,
// `role/ci: iam:PassRole + ec2:RunInstances → role/admin (administrator)`.
// (The graph cannot import from src/engine; the shape is the same, so a rule passes these on as is.)

/** One step of a path with the place that makes it possible. */
export interface LocatedStep {
  readonly span: Span;
  readonly message: string;
}

/** How many actions a step lists before it says how many more there are. */
const shownActions = 3;

function actionList(actions: readonly string[], separator: string): string {
  if (actions.length === 1 && actions[0] === '*') return 'every action';
  if (actions.length <= shownActions + 1) return actions.join(separator);
  return `${actions.slice(0, shownActions).join(separator)} +${actions.length - shownActions} more`;
}

/** `policy/deploy`, `group/devs`: what a technique acts on, when its target does not say. */
function viaLabel(key: string): string {
  return parseArn(key)?.resource ?? key;
}

/** ` (administrator)` after an administrator-equivalent principal, ` (administrator under conditions)` after a conditional one. */
function adminMark(graph: AccessGraph, key: string): string {
  const admin = graph.graph.hasNode(key) ? graph.graph.getNodeAttribute(key, 'admin') : undefined;
  if (admin === undefined) return '';
  return admin === 'unconditional' ? ' (administrator)' : ' (administrator under conditions)';
}

/** The step as one sentence-like phrase, naming both ends. */
function stepMessage(graph: AccessGraph, step: Step): string {
  const from = nodeLabel(graph, step.from);
  const to = `${nodeLabel(graph, step.to)}${adminMark(graph, step.to)}`;
  const conditional = step.status === 'conditional' ? ' (conditional)' : '';
  switch (step.kind) {
    case 'member-of':
      return `${from} is a member of ${to}${conditional}`;
    case 'can-assume': {
      // One parenthesis for the actions and whether the step holds only under conditions.
      const notes = [...step.actions, ...(step.status === 'conditional' ? ['conditional'] : [])];
      return `${from} assumes ${to}${notes.length === 0 ? '' : ` (${notes.join(', ')})`}`;
    }
    case 'escalates-to': {
      const via = edgeOf(graph, step)?.via ?? [];
      const on = via.length === 0 ? '' : ` on ${via.map(viaLabel).join(', ')}`;
      return `${from}: ${actionList(step.actions, ' + ')}${on}${conditional} → ${to}`;
    }
    case 'can-access':
      return `${from}: ${actionList(step.actions, ', ')}${conditional} → ${to}`;
  }
}

function nodeSpan(graph: AccessGraph, key: string): Span | undefined {
  return graph.graph.hasNode(key) ? graph.graph.getNodeAttribute(key, 'span') : undefined;
}

/**
 * Where a step is: the first statement behind its edge (the edge lists the acting principal's own
 * statement first, then the trust or resource policy that lets it in); for a step the graph holds
 * no statement for (an administrator's implied reach, a role anyone may assume), the entity it starts
 * from, else the one it ends at; else `fallback`, so that no step is without a file location.
 */
function stepSpan(graph: AccessGraph, step: Step, fallback: Span): Span {
  const candidates = [edgeOf(graph, step)?.evidence[0]?.span, nodeSpan(graph, step.from), nodeSpan(graph, step.to)];
  return candidates.find((span) => span !== undefined && span.file !== '') ?? fallback;
}

/** The located steps of a chain, in order; `fallback` (the finding's own place) for a step nothing else locates. */
export function pathFlow(graph: AccessGraph, steps: readonly Step[], fallback: Span): LocatedStep[] {
  return steps.map((step) => ({ span: stepSpan(graph, step, fallback), message: stepMessage(graph, step) }));
}
