import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registry } from '../../rules/index.js';

const readmePath = join(import.meta.dirname, '..', '..', 'README.md');
const start = '<!-- rules:start (generated from the rule metadata: npm run docs) -->';
const end = '<!-- rules:end -->';

/** The README's rule table, rendered from the registry. */
export function ruleTable(): string {
  const rows = registry.map(({ rule, docPath }) => `| [\`${rule.id}\`](${docPath}) | ${rule.meta.severity} | ${rule.meta.category} | ${rule.meta.recommended ? '✔' : ''} | ${rule.meta.description} |`);
  return [`${registry.length} rules; ✔ = in the \`recommended\` preset (the default).`, '', '| Rule | Severity | Category | Recommended | What it checks |', '|---|---|---|---|---|', ...rows].join('\n');
}

describe('README', () => {
  it('lists exactly the registered rules (IAMLINT_WRITE_DOCS=1 rewrites the table)', () => {
    const readme = readFileSync(readmePath, 'utf8');
    const from = readme.indexOf(start);
    const to = readme.indexOf(end);
    expect(from, 'README has the rules markers').toBeGreaterThanOrEqual(0);
    const current = readme.slice(from + start.length, to).trim();
    const expected = ruleTable();
    if (process.env.IAMLINT_WRITE_DOCS === '1' && current !== expected) {
      writeFileSync(readmePath, `${readme.slice(0, from + start.length)}\n${expected}\n${readme.slice(to)}`);
      return;
    }
    expect(current).toBe(expected);
  });
});
