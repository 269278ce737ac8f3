import type { InputKind, InputProblem } from '../model/input.js';
import type { AccountFragment } from '../model/inventory.js';
import type { PolicyDocument, PolicyKind } from '../model/policy.js';
import type { JsonObject } from './json.js';
import type { TextLayer } from './text-layer.js';

/** What the engine knows about a file before reading it: from `iamlint-manifest.json` and the config. */
export interface ExportContext {
  /** The policy kind forced by config `overrides[].kind`, for exports whose policies have no kind of their own. */
  readonly kind?: PolicyKind | undefined;
  /** The ARN of the resource whose policy the file holds. */
  readonly resourceArn?: string | undefined;
}

/** Where a reader puts what it finds: the policies to lint (with their kind and owner) and the problems. */
export interface ExportOutput {
  readonly documents: PolicyDocument[];
  readonly problems: InputProblem[];
}

/**
 * One kind of JSON account export: how to recognize it from its content, and how to read it.
 * `matches` looks only at top-level keys and is cheap; `read` never throws on bad content.
 */
export interface ExportReader {
  readonly kind: InputKind;
  matches(root: JsonObject): boolean;
  read(layer: TextLayer, root: JsonObject, output: ExportOutput, context: ExportContext): AccountFragment | undefined;
}
