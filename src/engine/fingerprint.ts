import { createHash } from 'node:crypto';
import { formatJsonPath, type Span } from '../model/span.js';
import type { SourceFile } from '../model/source.js';

/** Offending texts longer than this are hashed on their own first (see offendingText). */
const longText = 1024;

/** Per file, the long offending texts already reduced to their digest, by offset and length. */
const longTexts = new WeakMap<SourceFile, Map<string, string>>();

/**
 * The offending text with its white space removed. A long one (the base64 `Content` of a credential
 * report, which every finding about a user of the report points at) stands as its SHA-256, computed
 * once per place: hashing megabytes for each of thousands of findings would dominate a run.
 */
function offendingText(source: SourceFile, span: Span): string {
  if (span.length <= longText) return source.text.slice(span.offset, span.offset + span.length).replace(/\s+/g, '');
  let cache = longTexts.get(source);
  if (!cache) {
    cache = new Map();
    longTexts.set(source, cache);
  }
  const key = `${span.offset}:${span.length}`;
  let digest = cache.get(key);
  if (digest === undefined) {
    const text = source.text.slice(span.offset, span.offset + span.length).replace(/\s+/g, '');
    digest = createHash('sha256').update(text).digest('hex');
    cache.set(key, digest);
  }
  return digest;
}

/**
 * A fingerprint that survives the finding moving to another line: rule, message, file, subject,
 * JSON path and the offending text with its white space removed (re-indenting does not change it).
 */
export function fingerprint(ruleId: string, messageId: string, subject: string | undefined, span: Span, source: SourceFile | undefined): string {
  const text = source ? offendingText(source, span) : '';
  return createHash('sha256')
    .update([ruleId, messageId, span.file, subject ?? '', formatJsonPath(span.path), text].join('\u0000'))
    .digest('hex')
    .slice(0, 32);
}
