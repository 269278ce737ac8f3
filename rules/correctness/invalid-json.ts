import { policyKinds } from '../../src/model/policy.js';
import { defineRule } from '../../src/engine/rule.js';
import type { InputProblemKind } from '../../src/model/input.js';

const notChecked: ReadonlySet<InputProblemKind> = new Set(['tooLarge', 'binary', 'encoding', 'unreadable']);

export default defineRule({
  id: 'invalid-json',
  meta: {
    category: 'correctness',
    severity: 'high',
    recommended: true,
    inputs: ['policy'],
    kinds: policyKinds,
    description: 'Input files, embedded policy strings and account exports must be readable: valid JSON (or CSV), of the shape AWS writes.',
    sources: [{ tool: 'parliament', id: 'MALFORMED_JSON' }],
  },
  messages: {
    syntax: 'Invalid JSON: {detail}. Nothing else in this file was checked; fix the syntax first.',
    comment: 'Invalid JSON: {detail}; AWS rejects the policy. Remove the comment, or use a .jsonc file if the policy is not sent to AWS as it is.',
    trailingComma: 'Invalid JSON: {detail}; AWS rejects the policy. Remove the comma.',
    empty: 'Invalid JSON: {detail}; expected a policy document.',
    tooDeep: 'Invalid JSON: {detail}; it was not checked.',
    notChecked: 'Not checked: {detail}.',
    embedded: 'Invalid embedded policy: {detail}.',
    export: 'Unreadable account export: {detail}. That part was left out; the rest of the file was checked.',
  },
  check: {
    file(context, file) {
      for (const problem of file.problems) {
        // Files that could not be read at all (too large, binary, not UTF-8, unreadable) share one message.
        const messageId = notChecked.has(problem.kind) ? 'notChecked' : (problem.kind as Exclude<InputProblemKind, 'tooLarge' | 'binary' | 'encoding' | 'unreadable'>);
        context.report({ messageId, at: problem.span, data: { detail: problem.detail } });
      }
    },
  },
});
