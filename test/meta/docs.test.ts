import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registry } from '../../rules/index.js';
import { checkWith } from '../helpers/run.js';
import { tempTree } from '../helpers/tmp.js';

/** The sections every rule page has, in this order (style: typescript-eslint's docs test). */
const sections = ['What it flags', 'Why it matters', 'Examples', 'Options', 'Known limitations', 'Prior art', 'References'];

interface Example {
  readonly language: string;
  readonly code: string;
}

/** The fenced code blocks under `### heading`, up to the next heading. */
function examples(doc: string, heading: string): Example[] {
  const start = doc.indexOf(`\n### ${heading}\n`);
  if (start < 0) return [];
  const rest = doc.slice(start + heading.length + 6);
  const end = rest.search(/\n#{1,3} /);
  const body = end < 0 ? rest : rest.slice(0, end);
  return [...body.matchAll(/```(\w+)\n([^]*?)```/g)].map((m) => ({ language: m[1] ?? '', code: m[2] ?? '' }));
}

function findingsOf(id: string, example: Example): string[] {
  // A credential report is CSV; everything else is JSON (JSONC where comments are shown).
  const name = example.language === 'jsonc' ? 'example.jsonc' : example.language === 'csv' ? 'example.csv' : 'example.json';
  const root = tempTree({});
  writeFileSync(join(root, name), example.code);
  return checkWith([id], [name], root).findings.filter((f) => f.ruleId === id).map((f) => `${f.span.line}:${f.span.column} ${f.message}`);
}

describe.each(registry.map((r) => [r.rule.id, r] as const))('docs of %s', (id, { rule, doc }) => {
  it('has front matter whose description equals the rule metadata', () => {
    const match = /^---\ndescription: (.*)\n---\n/.exec(doc);
    expect(match?.[1]).toBe(rule.meta.description);
  });

  it('has the sections in order, with Incorrect and Correct examples', () => {
    const headings = [...doc.matchAll(/^## (.*)$/gm)].map((m) => m[1]);
    expect(headings).toEqual(sections);
    expect(examples(doc, 'Incorrect').length).toBeGreaterThan(0);
    expect(examples(doc, 'Correct').length).toBeGreaterThan(0);
  });

  it('documents every option', () => {
    const options = Object.keys(rule.defaultOptions ?? {});
    for (const option of options) expect(doc).toContain(`### ${option}`);
    if (options.length === 0) expect(doc).toMatch(/## Options\n+None\./);
  });

  it('each Incorrect example gives exactly one finding of the rule', () => {
    for (const example of examples(doc, 'Incorrect')) expect(findingsOf(id, example), example.code).toHaveLength(1);
  });

  it('each Correct example gives none', () => {
    for (const example of examples(doc, 'Correct')) expect(findingsOf(id, example), example.code).toEqual([]);
  });
});
