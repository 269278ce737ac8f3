import { evaluate } from '../../../src/eval/evaluate.js';
import type { Decision } from '../../../src/eval/types.js';
import { runTheirs, toOurs, type TheirDecision } from './adapters.js';
import type { DifferentialCase } from './case.js';
import { knownDifferences, type KnownDifference } from './known-differences.js';

/** How one case came out. */
export type Comparison =
  | { readonly kind: 'agree'; readonly ours: Decision; readonly theirs: TheirDecision }
  /**
   * A difference AWS's documentation settles in our favour: iam-simulate gives our answer once the case
   * is rewritten into the AWS-equivalent form of each class it contains. Filtered, and counted per class.
   */
  | { readonly kind: 'known'; readonly ours: Decision; readonly theirs: TheirDecision; readonly differences: readonly KnownDifference[] }
  /** The context settles every condition, so `conditional` means the evaluator failed to decide. */
  | { readonly kind: 'conditional'; readonly ours: Decision; readonly theirs: TheirDecision }
  | { readonly kind: 'disagree'; readonly ours: Decision; readonly theirs: TheirDecision };

/** The case rewritten for every known difference it contains, and those differences. */
export function normalized(c: DifferentialCase): { readonly case: DifferentialCase; readonly differences: readonly KnownDifference[] } {
  let current = c;
  const differences: KnownDifference[] = [];
  for (const difference of knownDifferences) {
    const next = difference.normalize(current);
    if (next === undefined) continue;
    current = next;
    differences.push(difference);
  }
  return { case: current, differences };
}

export async function compare(c: DifferentialCase): Promise<Comparison> {
  const inputs = toOurs(c);
  const ours = evaluate(inputs.request, inputs.principalPolicies, inputs.resourcePolicies).decision;
  const { decision: theirs } = await runTheirs(c);
  if (ours === 'conditional') return { kind: 'conditional', ours, theirs };
  if (ours === theirs) return { kind: 'agree', ours, theirs };
  const rewritten = normalized(c);
  if (rewritten.differences.length > 0 && (await runTheirs(rewritten.case)).decision === ours) {
    return { kind: 'known', ours, theirs, differences: rewritten.differences };
  }
  return { kind: 'disagree', ours, theirs };
}

export function isExplained(comparison: Comparison): boolean {
  return comparison.kind === 'agree' || comparison.kind === 'known';
}
