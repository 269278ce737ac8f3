import { visit } from 'jsonc-parser';
import type { Directive } from '../model/input.js';
import type { SourceFile } from '../model/source.js';

const marker = 'iamlint-disable-next-line';

/** Stands for every rule in a directive that names none. */
export const anyRule = '*';
const directivePattern = /^\s*iamlint-disable-next-line(?:\s+([^]*?))?\s*(?:--\s*([^]*?))?\s*$/;

/** Finds `iamlint-disable-next-line` comments in a JSONC file. */
export function readDirectives(source: SourceFile): Directive[] {
  if (!source.text.includes(marker)) return [];
  const directives: Directive[] = [];
  visit(
    source.text,
    {
      onComment(offset, length) {
        const raw = source.text.slice(offset, offset + length);
        const body = raw.startsWith('//') ? raw.slice(2) : raw.slice(2, -2);
        const match = directivePattern.exec(body);
        if (!match) return;
        // No rule named: every rule, as with ESLint.
        const named = (match[1] ?? '').split(/[\s,]+/).filter((r) => r !== '');
        const rules = named.length === 0 ? [anyRule] : named;
        const reason = match[2]?.trim();
        const span = source.span(offset, length, []);
        directives.push({ line: span.endLine + 1, rules, reason: reason === '' ? undefined : reason, span });
      },
    },
    { disallowComments: false, allowTrailingComma: true },
  );
  return directives;
}
