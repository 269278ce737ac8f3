import { createColors } from 'picocolors';
import { registry, type RegisteredRule } from '../../rules/index.js';
import { ConfigError } from '../config/config.js';
import { nearest } from '../iam/suggest.js';
import { catalogue } from '../iam/catalogue.js';
import { catalogueLabel, docsUrl, tool } from '../report/report.js';
import { useColor, type Io } from './io.js';

function ruleJson({ rule, docPath }: RegisteredRule): object {
  const { meta } = rule;
  return {
    id: rule.id,
    category: meta.category,
    severity: meta.severity,
    recommended: meta.recommended,
    description: meta.description,
    inputs: meta.inputs,
    kinds: meta.kinds,
    sources: meta.sources ?? [],
    options: rule.defaultOptions ?? null,
    docs: docsUrl(docPath),
  };
}

/** `iamlint rules`: every rule with its metadata, as a table or as JSON. */
export function runRules(flags: { format: string; color?: boolean }, io: Io): number {
  if (flags.format === 'json') {
    const { source, updatedAt } = catalogue();
    io.write(`${JSON.stringify({ version: 1, tool, catalogue: { source, updatedAt }, rules: registry.map(ruleJson) }, null, 2)}\n`);
    return 0;
  }
  if (flags.format !== 'text') throw new ConfigError(`iamlint rules takes --format text or json; got '${flags.format}'`);
  const colors = createColors(useColor(flags.color, io));
  const idWidth = Math.max(...registry.map((r) => r.rule.id.length));
  const categoryWidth = Math.max(...registry.map((r) => r.rule.meta.category.length));
  for (const { rule } of registry) {
    const mark = rule.meta.recommended ? colors.green('✔') : ' ';
    io.write(`${mark} ${rule.id.padEnd(idWidth)}  ${rule.meta.severity.padEnd(8)}  ${rule.meta.category.padEnd(categoryWidth)}  ${rule.meta.description}\n`);
  }
  io.write(`\n${registry.length} rules; ✔ = in the recommended preset (the default). \`iamlint explain RULE\` shows a rule's documentation.\n`);
  io.write(`AWS catalogue: ${catalogueLabel()}.\n`);
  return 0;
}

export function findRule(id: string): RegisteredRule {
  const found = registry.find((r) => r.rule.id === id);
  if (found) return found;
  const suggestion = nearest(id, registry.map((r) => r.rule.id));
  throw new ConfigError(`unknown rule '${id}'${suggestion ? `; did you mean '${suggestion}'?` : ''} (iamlint rules lists them)`);
}

/** `iamlint explain RULE`: the rule's doc page, under a header built from its metadata. */
export function runExplain(id: string, io: Io): number {
  const { rule, doc, docPath } = findRule(id);
  const { meta } = rule;
  const body = doc.replace(/^---\n[^]*?\n---\n/, '').trim();
  const sources = (meta.sources ?? []).map((s) => `${s.tool} ${s.id}`).join(', ');
  const header = [
    `# ${rule.id}`,
    '',
    meta.description,
    '',
    `- Severity: ${meta.severity}`,
    `- Category: ${meta.category}`,
    `- Recommended: ${meta.recommended ? 'yes' : 'no'}`,
    `- Policy kinds: ${meta.kinds.join(', ')}`,
    ...(sources ? [`- Prior art: ${sources}`] : []),
    `- Docs: ${docsUrl(docPath)}`,
  ];
  io.write(`${header.join('\n')}\n\n${body}\n`);
  return 0;
}
