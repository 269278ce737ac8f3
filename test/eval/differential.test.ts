import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/eval/evaluate.js';
import { runTheirs, toOurs } from './differential/adapters.js';
import type { DifferentialCase } from './differential/case.js';
import { compare, isExplained, normalized, type Comparison } from './differential/compare.js';
import { minimize } from './differential/minimize.js';
import { differenceExamples, repros } from './differential/examples.js';
import { differentialCase } from './differential/generators.js';
import { knownDifferences } from './differential/known-differences.js';

// Differential test of src/eval against @cloud-copilot/iam-simulate (AGPL, devDependency, test-only).
// Generated requests carry a full context — every condition key is given a value or known absent —
// so both evaluators must decide: ours must say `allowed` or `denied`, and the same as iam-simulate,
// except for the documented differences in ./differential/known-differences.ts (docs/evaluation.md).
//
// `npm test` runs a bounded, seeded corpus. For a bigger run, which also prints the agreement rate:
//   IAMLINT_DIFF_RUNS=50000 npx vitest run test/eval/differential.test.ts
// (IAMLINT_DIFF_SEED picks another seed.)

const runs = Number(process.env.IAMLINT_DIFF_RUNS ?? 2000);
const seed = Number(process.env.IAMLINT_DIFF_SEED ?? 20260115);
const scriptMode = process.env.IAMLINT_DIFF_RUNS !== undefined || process.env.IAMLINT_DIFF_SEED !== undefined;

function ours(c: DifferentialCase) {
  const inputs = toOurs(c);
  return evaluate(inputs.request, inputs.principalPolicies, inputs.resourcePolicies).decision;
}

interface Tally {
  readonly total: number;
  readonly agree: number;
  readonly allowed: number;
  readonly known: ReadonlyMap<string, number>;
  readonly unexplained: readonly { readonly case: DifferentialCase; readonly comparison: Comparison }[];
  readonly scenarios: ReadonlyMap<string, number>;
}

async function tally(cases: readonly DifferentialCase[]): Promise<Tally> {
  let agree = 0;
  let allowed = 0;
  const known = new Map<string, number>();
  const scenarios = new Map<string, number>();
  const unexplained: { case: DifferentialCase; comparison: Comparison }[] = [];
  for (const c of cases) {
    const comparison = await compare(c);
    scenarios.set(c.scenario, (scenarios.get(c.scenario) ?? 0) + 1);
    if (comparison.theirs === 'allowed') allowed++;
    if (comparison.kind === 'agree') agree++;
    else if (comparison.kind === 'known') {
      const name = comparison.differences.map((d) => d.name).join(' + ');
      known.set(name, (known.get(name) ?? 0) + 1);
    } else unexplained.push({ case: c, comparison });
  }
  return { total: cases.length, agree, allowed, known, unexplained, scenarios };
}

/** How a case fails (`disagree: ours allowed, theirs denied`), or undefined when it does not. */
async function failure(c: DifferentialCase): Promise<string | undefined> {
  const comparison = await compare(c).catch(() => undefined);
  return comparison && !isExplained(comparison) ? `${comparison.kind}: ours ${comparison.ours}, theirs ${comparison.theirs}` : undefined;
}

/** The first few failing cases shrunk to minimal repros, without repeats. */
async function minimalRepros(cases: readonly DifferentialCase[]): Promise<{ readonly failure: string | undefined; readonly case: DifferentialCase }[]> {
  const found = new Map<string, { failure: string | undefined; case: DifferentialCase }>();
  for (const c of cases.slice(0, 10)) {
    const small = await minimize(c, failure);
    found.set(JSON.stringify(small), { failure: await failure(small), case: small });
  }
  return [...found.values()];
}

describe('differential: src/eval against iam-simulate', () => {
  it(`agrees on ${runs} generated cases (seed ${seed})`, { timeout: 30_000 + runs * 10 }, async () => {
    const result = await tally(fc.sample(differentialCase, { seed, numRuns: runs }));
    const filtered = [...result.known.values()].reduce((a, b) => a + b, 0);
    const kept = result.total - filtered;
    if (scriptMode) {
      const rate = ((100 * result.agree) / kept).toFixed(3);
      console.log(
        `differential: ${result.total} cases, seed ${seed}: ${result.agree}/${kept} kept cases agree (${rate}%); ` +
          `${filtered} filtered as documented differences ${JSON.stringify(Object.fromEntries(result.known))}; ` +
          `${result.allowed} allowed by iam-simulate; scenarios ${JSON.stringify(Object.fromEntries(result.scenarios))}`,
      );
    }
    // Every disagreement is a bug in src/eval or a difference not yet documented: show minimal repros.
    expect(await minimalRepros(result.unexplained.map((u) => u.case)), `${result.unexplained.length} unexplained cases`).toEqual([]);
    // The corpus must exercise both answers and every scenario, or agreement would mean little.
    expect(result.allowed / result.total).toBeGreaterThan(0.1);
    expect(result.allowed / result.total).toBeLessThan(0.9);
    for (const scenario of ['s3', 'assume', 'kms', 'iam']) expect(result.scenarios.get(scenario) ?? 0).toBeGreaterThan(runs / 20);
  });

  describe('documented differences: AWS documents our answer', () => {
    it('has an example for every known difference', () => {
      expect(differenceExamples.map((e) => e.difference).sort()).toEqual(knownDifferences.map((d) => d.name).sort());
    });

    it.each(differenceExamples)('$difference', async (example) => {
      expect(ours(example.case)).toBe(example.ours);
      expect((await runTheirs(example.case)).decision).toBe(example.theirs);
      // Rewritten into its AWS-equivalent form, the case gets our answer from iam-simulate too.
      const rewritten = normalized(example.case);
      expect(rewritten.differences.map((d) => d.name)).toEqual([example.difference]);
      expect((await runTheirs(rewritten.case)).decision).toBe(example.ours);
    });
  });

  describe('disagreements found in src/eval (AWS documents iam-simulate’s answer)', () => {
    it.each(repros)('$name', async (repro) => {
      expect((await runTheirs(repro.case)).decision).toBe(repro.expected);
      expect(ours(repro.case)).toBe(repro.expected);
    });
  });
});
