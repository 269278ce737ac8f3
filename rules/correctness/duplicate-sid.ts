import { defineRule } from '../../src/engine/rule.js';
import { policyKinds, type Statement } from '../../src/model/policy.js';

export default defineRule({
  id: 'duplicate-sid',
  meta: {
    category: 'correctness',
    severity: 'medium',
    recommended: true,
    inputs: ['policy'],
    kinds: policyKinds,
    description: 'Statement ids (Sid) must be unique within a policy.',
    sources: [{ tool: 'parliament', id: 'DUPLICATE_SID' }],
  },
  messages: {
    duplicate: "Sid '{sid}' is already used by statement #{first} (line {line}); IAM, among other services, rejects policies with duplicate Sids. Give each statement its own Sid.",
  },
  check: {
    document(context, document) {
      const first = new Map<string, Statement>();
      for (const statement of document.statements) {
        const sid = statement.sid;
        if (!sid || sid.value === '') continue;
        const earlier = first.get(sid.value);
        if (earlier) context.report({ messageId: 'duplicate', at: sid.span, data: { sid: sid.value, first: earlier.index + 1, line: earlier.span().line } });
        else first.set(sid.value, statement);
      }
    },
  },
});
