import { createColors } from 'picocolors';
import type { Reach, Step, WhatCanResult, WhoCanResult, PathsResult } from '../graph/types.js';
import { actionSummary, edgePhrase, labelOf, techniqueText, type GraphView } from './graph-view.js';

// The readable answers of `iamlint who-can`, `what-can` and `paths`: one line per principal (or
// resource, or path) with its decision and the chain that gets it there, and under a conditional
// one the conditions it depends on. Colors as the stylish formatter uses them; order as the query
// returns it (sorted), so the same graph always gives the same text.

export interface GraphTextOptions {
  readonly color: boolean;
  readonly view: GraphView;
}

type Colors = ReturnType<typeof createColors>;

interface Painter {
  readonly colors: Colors;
  readonly view: GraphView;
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** A node's label; admin nodes stand out. */
function node(p: Painter, key: string): string {
  const label = labelOf(p.view, key);
  return p.view.node(key)?.kind === 'admin' || key.startsWith('admin:') ? p.colors.bold(p.colors.red(label)) : p.colors.bold(label);
}

/** `→ assumes role/ci`, `→ iam:PassRole + lambda:CreateFunction (lambda-invoke) → role/admin`. */
function stepText(p: Painter, step: Step): string {
  const { colors } = p;
  const arrow = colors.dim('→');
  const phrase = edgePhrase(step.kind, step.actions);
  const to = node(p, step.to);
  switch (step.kind) {
    case 'member-of':
    case 'can-assume':
      return `${arrow} ${phrase} ${to}`;
    case 'escalates-to': {
      const technique = step.technique === undefined ? '' : ` ${colors.magenta(`(${techniqueText(p.view, step.technique, p.view.edge(step)?.via)})`)}`;
      return `${arrow} ${colors.cyan(phrase)}${technique} ${arrow} ${to}`;
    }
    case 'can-access':
      return `${arrow} ${colors.cyan(phrase)} ${arrow} ${to}`;
  }
}

/**
 * The chain from the first step's source through every step; `start` when there is no step. With
 * `end`, the chain finishes at that node (through its actions, if any) unless its last step already does.
 */
function chain(p: Painter, start: string, steps: readonly Step[], end?: { key: string; actions: readonly string[] }): string {
  const first = steps[0]?.from ?? start;
  const parts = [node(p, first), ...steps.map((s) => stepText(p, s))];
  const last = steps.at(-1)?.to ?? first;
  if (end && last !== end.key) {
    const via = end.actions.length === 0 ? '' : ` ${p.colors.cyan(actionSummary(end.actions))} ${p.colors.dim('→')}`;
    parts.push(`${p.colors.dim('→')}${via} ${node(p, end.key)}`);
  }
  return parts.join(' ');
}

const decisionWidth = 'conditional'.length;

function decision(p: Painter, reach: Reach): string {
  const text = reach.decision.padEnd(decisionWidth);
  return reach.decision === 'allowed' ? p.colors.green(text) : p.colors.yellow(text);
}

/** The conditions a conditional reach depends on: those of each conditional step, named by the step. */
function conditionLines(p: Painter, reach: Reach, indent: string): string[] {
  if (reach.decision !== 'conditional') return [];
  const lines: string[] = [];
  const conditional = reach.steps.filter((step) => step.status === 'conditional');
  for (const step of conditional) {
    // With several conditional steps, each condition says which step it is for.
    const where = conditional.length > 1 ? ` ${p.colors.dim(`(step: ${edgePhrase(step.kind, step.actions)} ${labelOf(p.view, step.to)})`)}` : '';
    const conditions = p.view.edge(step)?.conditions ?? [];
    if (conditions.length === 0) lines.push(`${indent}${p.colors.yellow('condition:')} ${p.colors.dim('(not listed)')}${where}`);
    for (const condition of conditions) lines.push(`${indent}${p.colors.yellow('condition:')} ${condition}${where}`);
  }
  // Every step unconditional: the access at the end of the chain is what depends on a condition.
  if (lines.length === 0) lines.push(`${indent}${p.colors.yellow('condition:')} ${p.colors.dim('on the access itself')}`);
  return lines;
}

/** One reach: the decision, the chain, then its conditions under it. */
function reachLines(p: Painter, reach: Reach, text: string): string[] {
  const indent = ' '.repeat(2 + decisionWidth + 2 + 2);
  return [`  ${decision(p, reach)}  ${text}`, ...conditionLines(p, reach, indent)];
}

function tally(reaches: readonly Reach[]): string {
  const conditional = reaches.filter((r) => r.decision === 'conditional').length;
  return `${reaches.length - conditional} allowed, ${conditional} conditional`;
}

function painter(options: GraphTextOptions): Painter {
  return { colors: createColors(options.color), view: options.view };
}

function finish(lines: readonly string[]): string {
  return `${lines.join('\n')}\n`;
}

/** `iamlint who-can`: every principal that can, each with the chain that gets it there. */
export function formatWhoCanText(result: WhoCanResult, options: GraphTextOptions): string {
  const p = painter(options);
  const { colors } = p;
  const question = `${colors.cyan(result.action)} on ${colors.bold(result.resource)}`;
  if (result.principals.length === 0) return finish([`No principal can ${question}, directly or through other principals.`]);
  const lines = [`Who can ${question}: ${plural(result.principals.length, 'principal')} (${tally(result.principals)})`, ''];
  for (const reach of result.principals) lines.push(...reachLines(p, reach, chain(p, reach.principal, reach.steps)));
  return finish(lines);
}

function adminText(p: Painter, admin: WhatCanResult['admin']): string {
  if (admin === 'unconditional') return p.colors.bold(p.colors.red('administrator'));
  if (admin === 'conditional') return p.colors.yellow('administrator under conditions');
  return 'not an administrator';
}

/** `iamlint what-can`: the principals it can become and the resources (with policies) it can reach. */
export function formatWhatCanText(result: WhatCanResult, options: GraphTextOptions): string {
  const p = painter(options);
  const lines = [`What ${node(p, result.principal)} can reach (${adminText(p, result.admin)})`];
  if (result.principals.length === 0 && result.resources.length === 0) {
    lines.push('', 'No other principal, and no resource with a policy.');
    return finish(lines);
  }
  lines.push('', `Principals: ${plural(result.principals.length, 'principal')}${result.principals.length === 0 ? '' : ` (${tally(result.principals)})`}`);
  for (const reach of result.principals) lines.push(...reachLines(p, reach, chain(p, result.principal, reach.steps, { key: reach.principal, actions: [] })));
  lines.push('', `Resources with policies: ${plural(result.resources.length, 'resource')}${result.resources.length === 0 ? '' : ` (${tally(result.resources)})`}`);
  for (const reach of result.resources) lines.push(...reachLines(p, reach, chain(p, result.principal, reach.steps, { key: reach.principal, actions: reach.actions })));
  return finish(lines);
}

/** `iamlint paths`: the shortest paths, unconditional ones first (the order of the result). */
export function formatPathsText(result: PathsResult, options: GraphTextOptions): string {
  const p = painter(options);
  const target = result.to === 'admin' ? p.colors.bold(p.colors.red('admin')) : node(p, result.to);
  const from = node(p, result.from);
  if (result.paths.length === 0) return finish([`No path from ${from} to ${target}.`]);
  const lines = [`Paths from ${from} to ${target}: ${plural(result.paths.length, 'path')} (${tally(result.paths)})`, ''];
  for (const path of result.paths) lines.push(...reachLines(p, path, chain(p, result.from, path.steps)));
  return finish(lines);
}
