import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registry } from '../../rules/index.js';
import { checkWith } from '../helpers/run.js';
import { tempTree } from '../helpers/tmp.js';

/** The sections every rule page has, in this order (style: typescript-eslint's docs test). */
const sections = ['What it flags', 'Why it matters', 'Examples', 'Options', 'Known limitations', 'Prior art', 'References'];

/** One file of an example: a fenced code block. */
interface ExampleFile {
  readonly language: string;
  /** The file name after the language (```` ```json gaad.json ````), else undefined. */
  readonly name: string | undefined;
  readonly code: string;
}

/**
 * An example: one fenced block, checked as a file named after its language; or several blocks
 * that each name their file (```` ```csv credential-report.csv ````) and follow one another with
 * nothing but blank lines between them, checked together as one folder (an account export of
 * several files).
 */
type Example = readonly ExampleFile[];

/** The examples under `### heading`, up to the next heading. */
function examples(doc: string, heading: string): Example[] {
  const start = doc.indexOf(`\n### ${heading}\n`);
  if (start < 0) return [];
  const rest = doc.slice(start + heading.length + 6);
  const end = rest.search(/\n#{1,3} /);
  const body = end < 0 ? rest : rest.slice(0, end);
  const found: ExampleFile[][] = [];
  let previousEnd = -1;
  for (const m of body.matchAll(/```(\w+)(?: +([\w.-]+))?\n([^]*?)```/g)) {
    const file = { language: m[1] ?? '', name: m[2], code: m[3] ?? '' };
    const last = found[found.length - 1];
    const adjacent = previousEnd >= 0 && body.slice(previousEnd, m.index).trim() === '';
    if (last && adjacent && file.name !== undefined && last.every((f) => f.name !== undefined)) last.push(file);
    else found.push([file]);
    previousEnd = m.index + m[0].length;
  }
  return found;
}

function findingsOf(id: string, example: Example): string[] {
  // A credential report is CSV; everything else is JSON (JSONC where comments are shown).
  const nameOf = (file: ExampleFile): string => file.name ?? (file.language === 'jsonc' ? 'example.jsonc' : file.language === 'csv' ? 'example.csv' : 'example.json');
  const root = tempTree({});
  for (const file of example) writeFileSync(join(root, nameOf(file)), file.code);
  const paths = example.length === 1 ? example.map(nameOf) : ['.'];
  return checkWith([id], paths, root).findings.filter((f) => f.ruleId === id).map((f) => `${f.span.file}:${f.span.line}:${f.span.column} ${f.message}`);
}

/** An example's text, for the failure message. */
function exampleText(example: Example): string {
  return example.map((file) => (file.name === undefined ? file.code : `${file.name}:\n${file.code}`)).join('\n');
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
    for (const example of examples(doc, 'Incorrect')) expect(findingsOf(id, example), exampleText(example)).toHaveLength(1);
  });

  it('each Correct example gives none', () => {
    for (const example of examples(doc, 'Correct')) expect(findingsOf(id, example), exampleText(example)).toEqual([]);
  });
});
