import { policyKinds } from '../../src/model/policy.js';
import { defineRule } from '../../src/engine/rule.js';

/**
 * Reported by the engine after suppressions are applied (src/engine/suppress.ts) and the baseline
 * is matched (src/engine/baseline.ts): a suppression can only be judged unused once every other rule
 * has run, so this rule has no visitors.
 */
export default defineRule({
  id: 'unused-suppression',
  meta: {
    category: 'correctness',
    severity: 'low',
    recommended: true,
    inputs: ['policy'],
    kinds: policyKinds,
    description: 'Suppressions (inline directives and config entries) should each suppress a finding.',
  },
  messages: {
    unusedDirective: 'This iamlint-disable-next-line comment suppresses no {rule} finding on the next line; remove it.',
    unknownRule: "This iamlint-disable-next-line comment names '{rule}', which is not an iamlint rule.{hint}",
    unusedEntry: 'This suppress entry matches no {rule} finding; remove it from the config.',
    staleBaseline: 'Baseline entry for {rule} at {file} matches no finding any more; remove it, or rewrite the baseline (iamlint baseline … -o {baseline}).',
  },
  check: {},
});
