import type { AccountFragment } from './inventory.js';
import type { PolicyDocument } from './policy.js';
import type { SourceFile } from './source.js';
import type { Span } from './span.js';

/** Why a file, or a policy string inside it, could not be read as JSON. `invalid-json` reports these. */
export type InputProblemKind =
  | 'syntax'
  | 'comment'
  | 'trailingComma'
  | 'empty'
  | 'tooDeep'
  | 'tooLarge'
  | 'binary'
  | 'encoding'
  | 'unreadable'
  | 'embedded'
  /** An account export whose content departs from the shape AWS writes (a CSV row of 21 fields, a list that is not one). */
  | 'export';

export interface InputProblem {
  readonly kind: InputProblemKind;
  /** What is wrong, in words, e.g. `expected ',' between values`. */
  readonly detail: string;
  readonly span: Span;
}

/** `// iamlint-disable-next-line rule-a, rule-b -- reason` in a JSONC file. */
export interface Directive {
  /** The line the directive applies to (the one after the comment). */
  readonly line: number;
  readonly rules: readonly string[];
  readonly reason: string | undefined;
  readonly span: Span;
}

/** What content sniffing decided a file holds. */
export type InputKind =
  | 'policy'
  | 'authorization-details'
  | 'credential-report'
  | 'account-summary'
  | 'password-policy'
  | 'virtual-mfa-devices'
  | 'resource-policy-export'
  | 'organization-policy'
  | 'manifest'
  | 'unreadable'
  | 'unrecognized';

/** One input file after loading: its text, what it holds, and what went wrong reading it. */
export interface InputFile {
  readonly source: SourceFile;
  readonly kind: InputKind;
  readonly problems: readonly InputProblem[];
  readonly documents: readonly PolicyDocument[];
  readonly directives: readonly Directive[];
  /** What an account export says about its account; the engine merges these into the Inventory. */
  readonly account?: AccountFragment | undefined;
}
