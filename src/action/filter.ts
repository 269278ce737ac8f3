import type { Finding } from '../engine/finding.js';
import type { Span } from '../model/span.js';
import type { Change, FileChange } from './diff.js';

/**
 * Which findings of a pull request are its own, as reviewdog's `-filter-mode` decides:
 * - `added`: a location is on a line the pull request added or edited;
 * - `diff_context`: on such a line or on the unchanged lines the diff shows around it;
 * - `file`: anywhere in a file the pull request changed;
 * - `nofilter`: every finding.
 */
export const filterModes = ['added', 'diff_context', 'file', 'nofilter'] as const;
export type FilterMode = (typeof filterModes)[number];

/** Whether any line of the span is in `lines`, counting from whichever is shorter. */
function touches(span: Span, lines: ReadonlySet<number>): boolean {
  const first = span.line;
  const last = Math.max(span.line, span.endLine);
  if (last - first + 1 <= lines.size) {
    for (let line = first; line <= last; line++) if (lines.has(line)) return true;
    return false;
  }
  for (const line of lines) if (line >= first && line <= last) return true;
  return false;
}

function spanInChange(span: Span, file: FileChange | undefined, mode: FilterMode): boolean {
  if (mode === 'nofilter') return true;
  if (file === undefined) return false;
  if (mode === 'file') return true;
  return touches(span, file.added) || (mode === 'diff_context' && touches(span, file.context));
}

/**
 * Whether a finding belongs to the change: its primary location does, or, for a finding that
 * carries a path through several statements (a privilege-escalation chain), any step of it does:
 * the pull request that adds one link of a chain is the one that should hear about it.
 */
export function inChange(finding: Finding, change: Change, mode: FilterMode): boolean {
  const spans = [finding.span, ...(finding.flow ?? []).map((step) => step.span)];
  return spans.some((span) => spanInChange(span, change.get(span.file), mode));
}
