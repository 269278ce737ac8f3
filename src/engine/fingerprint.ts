import { createHash } from 'node:crypto';
import { formatJsonPath, type Span } from '../model/span.js';
import type { SourceFile } from '../model/source.js';

/**
 * A fingerprint that survives the finding moving to another line: rule, message, file, subject,
 * JSON path and the offending text with its white space removed (re-indenting does not change it).
 */
export function fingerprint(ruleId: string, messageId: string, subject: string | undefined, span: Span, source: SourceFile | undefined): string {
  const text = source ? source.text.slice(span.offset, span.offset + span.length).replace(/\s+/g, '') : '';
  return createHash('sha256')
    .update([ruleId, messageId, span.file, subject ?? '', formatJsonPath(span.path), text].join('\u0000'))
    .digest('hex')
    .slice(0, 32);
}
