import type { Evaluation, StatementMatch } from '../eval/types.js';
import type { EdgeStatus, Evidence } from './types.js';
import { isSynthetic, type DocumentNames } from './documents.js';

// What an edge says about why it exists: the Allow statements of the evaluations behind it, and,
// when it holds only under conditions, which ones.

export function statusOf(evaluation: Evaluation): EdgeStatus {
  return evaluation.decision === 'allowed' ? 'unconditional' : 'conditional';
}

/** Conditional if any part is. */
export function worst(...statuses: readonly EdgeStatus[]): EdgeStatus {
  return statuses.includes('conditional') ? 'conditional' : 'unconditional';
}

/** Unconditional if any way is. */
export function best(...statuses: readonly EdgeStatus[]): EdgeStatus {
  return statuses.includes('unconditional') ? 'unconditional' : 'conditional';
}

const evidenceCache = new WeakMap<Evaluation, readonly Evidence[]>();
const conditionsCache = new WeakMap<Evaluation, readonly string[]>();

/** The Allow statements behind the evaluations, each once, in order; iamlint's own documents left out. */
export function evidenceOf(evaluations: readonly Evaluation[], names: DocumentNames): readonly Evidence[] {
  // Evaluations are shared by many edges (see evaluator.ts): so is what is made of one.
  const [only] = evaluations;
  if (evaluations.length === 1 && only) {
    let found = evidenceCache.get(only);
    if (!found) {
      found = collectEvidence(evaluations, names);
      evidenceCache.set(only, found);
    }
    return found;
  }
  return collectEvidence(evaluations, names);
}

function collectEvidence(evaluations: readonly Evaluation[], names: DocumentNames): Evidence[] {
  const seen = new Set<object>();
  const found: Evidence[] = [];
  for (const evaluation of evaluations) {
    for (const match of evaluation.allowedBy) {
      if (seen.has(match.statement) || isSynthetic(match.document)) continue;
      seen.add(match.statement);
      found.push({ description: names.statement(match.document, match.statement), span: match.statement.span() });
    }
  }
  return found;
}

function describeOpen(match: StatementMatch, names: DocumentNames): string[] {
  const where = names.statement(match.document, match.statement);
  if (match.open.length === 0) return [`a policy variable the request does not settle in ${where}`];
  return match.open.map(({ clause }) => `${clause.key.value} ${clause.operator.value} ${clause.values.map((v) => String(v.value)).join(', ')} (${where})`);
}

/**
 * The open conditions of conditional evaluations, readable: the Allows that only may apply (when no
 * Allow applies for sure) and the Denies that may apply. Each once, in order.
 */
export function conditionsOf(evaluations: readonly Evaluation[], names: DocumentNames): readonly string[] {
  const [only] = evaluations;
  if (evaluations.length === 1 && only) {
    let found = conditionsCache.get(only);
    if (!found) {
      found = collectConditions(evaluations, names);
      conditionsCache.set(only, found);
    }
    return found;
  }
  return collectConditions(evaluations, names);
}

function collectConditions(evaluations: readonly Evaluation[], names: DocumentNames): string[] {
  const found = new Set<string>();
  for (const evaluation of evaluations) {
    if (evaluation.decision !== 'conditional') continue;
    // Every open Allow is listed: which of them decides depends on the policy kinds they are in (an identity
    // Allow capped by a boundary's), and each is a condition under which the request can succeed.
    for (const match of evaluation.allowedBy) if (match.applies === 'maybe') for (const text of describeOpen(match, names)) found.add(text);
    for (const match of evaluation.deniedBy) if (match.applies === 'maybe') for (const text of describeOpen(match, names)) found.add(`unless denied: ${text}`);
  }
  return [...found];
}
