import type { Span } from '../model/span.js';
import type { Category } from './rule.js';
import type { Severity } from './severity.js';

/**
 * One step of the path a finding is about (the hops of a privilege-escalation chain), located at
 * what makes that step possible: the statement behind the edge, else the entity it starts from.
 * SARIF shows these as a code flow and as related locations.
 */
export interface FlowStep {
  readonly span: Span;
  readonly message: string;
}

export interface Finding {
  readonly ruleId: string;
  readonly messageId: string;
  readonly message: string;
  readonly severity: Severity;
  readonly category: Category;
  readonly span: Span;
  readonly subject: string | undefined;
  /** The Sid of the statement the finding is in, when there is one (config suppressions match on it). */
  readonly sid: string | undefined;
  readonly data: Readonly<Record<string, string | number>>;
  /** Stable across line moves: rule, file, subject, JSON path and the offending text. */
  readonly fingerprint: string;
  /** For findings about a path (graph rules): its steps, in order. Absent for the others. */
  readonly flow?: readonly FlowStep[];
}

/** File, line, column, rule, then message: the one order every output uses. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareStrings(a.span.file, b.span.file) ||
    a.span.line - b.span.line ||
    a.span.column - b.span.column ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.message, b.message)
  );
}

/** Code-unit order, independent of locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
