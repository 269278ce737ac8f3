import { defineRule } from '../../src/engine/rule.js';
import { policyKinds, type Located, type PolicyDocument } from '../../src/model/policy.js';

const current = '2012-10-17';
const legacy = '2008-10-17';
const variable = /\$\{[^}]*\}/;

/** The first string of Resource, NotResource or a condition value that holds a `${…}` variable. */
function firstVariable(document: PolicyDocument): { text: string; at: Located<unknown>['span'] } | undefined {
  for (const statement of document.statements) {
    const candidates: Located<unknown>[] = [
      ...(statement.resource?.items ?? []),
      ...(statement.notResource?.items ?? []),
      ...(statement.condition?.clauses.flatMap((c) => c.values) ?? []),
    ];
    for (const candidate of candidates) {
      const match = typeof candidate.value === 'string' ? variable.exec(candidate.value) : null;
      if (match) return { text: match[0], at: candidate.span };
    }
  }
  return undefined;
}

export default defineRule({
  id: 'policy-version',
  meta: {
    category: 'correctness',
    severity: 'medium',
    recommended: true,
    inputs: ['policy'],
    kinds: policyKinds,
    description: 'Policies should declare Version 2012-10-17, which policy variables need.',
    sources: [
      { tool: 'parliament', id: 'NO_VERSION' },
      { tool: 'parliament', id: 'OLD_VERSION' },
    ],
  },
  messages: {
    missing: 'The policy has no Version, so AWS reads it as 2008-10-17, where policy variables are plain text. Add "Version": "2012-10-17".',
    invalid: 'Version "{version}" is not a policy language version; AWS accepts only "2012-10-17" (current) and "2008-10-17". Use "2012-10-17".',
    variableInOldVersion: 'The policy variable {variable} is plain text under {version}, so this matches only the literal string. Set "Version": "2012-10-17".',
  },
  check: {
    document(context, document) {
      const version = document.version?.value;
      if (document.version === undefined) {
        // A non-string Version is a policy-grammar problem (AWS rejects it): nothing else to say here.
        if (document.has('Version')) return;
        context.report({ messageId: 'missing', at: document.span() });
      } else if (version !== current && version !== legacy) {
        context.report({ messageId: 'invalid', at: document.version.span, data: { version: version ?? '' } });
        return;
      }
      if (version === current) return;
      const found = firstVariable(document);
      if (found) context.report({ messageId: 'variableInOldVersion', at: found.at, data: { variable: found.text, version: version === undefined ? 'the default 2008-10-17' : `Version ${legacy}` } });
    },
  },
});
