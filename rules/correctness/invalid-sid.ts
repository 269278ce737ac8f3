import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  id: 'invalid-sid',
  meta: {
    category: 'correctness',
    severity: 'low',
    recommended: true,
    inputs: ['policy'],
    // IAM's own policies; resource-based policies of other services accept more characters.
    kinds: ['identity', 'boundary', 'trust'],
    description: 'Sids in IAM policies may hold only letters and digits.',
    sources: [{ tool: 'parliament', id: 'INVALID_SID' }],
  },
  messages: {
    invalidSid: "Sid '{sid}' has {character}, which IAM rejects: a Sid in an IAM policy may hold only the letters A-Z and a-z and the digits 0-9.",
  },
  check: {
    statement(context, statement) {
      const sid = statement.sid;
      const bad = sid && /[^A-Za-z0-9]/u.exec(sid.value);
      if (sid && bad) context.report({ messageId: 'invalidSid', at: sid.span, data: { sid: sid.value, character: bad[0] === ' ' ? 'a space' : `'${bad[0]}'` } });
    },
  },
});
