import type { SourceFile } from '../model/source.js';
import type { Span } from '../model/span.js';

/**
 * The span of `value.slice(start, start + length)` inside `span`, a span whose text begins with
 * `value` written one character per character: as a JSON string literal without escapes (`"…"`),
 * as such a literal inside another JSON string (`\"…\"`, a policy held in a string), or bare.
 * When the text does not map one to one — an escape such as `\u0024` or `\/`, a URL-encoded
 * policy — the whole span is returned, so a finding still points at the right value.
 */
export function subSpan(source: SourceFile, span: Span, value: string, start: number, length: number): Span {
  if (start < 0 || length < 0 || start + length > value.length) return span;
  const text = source.text;
  const at = span.offset;
  const end = span.offset + span.length;
  let inner: number | undefined;
  if (text.startsWith(`"${value}"`, at)) inner = at + 1;
  else if (text.startsWith(`\\"${value}\\"`, at)) inner = at + 2;
  else if (text[at] !== '"' && text[at] !== '\\' && text.startsWith(value, at)) inner = at;
  if (inner === undefined || inner + value.length > end) return span;
  return source.span(inner + start, length, span.path);
}
