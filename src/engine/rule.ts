import type { AccessGraph } from '../graph/access-graph.js';
import type { InputFile } from '../model/input.js';
import type { Account } from '../model/inventory.js';
import type { PolicyDocument, PolicyKind, Statement } from '../model/policy.js';
import type { Span } from '../model/span.js';
import type { FlowStep } from './finding.js';
import type { Severity } from './severity.js';

export const categories = ['correctness', 'least-privilege', 'privilege-escalation', 'exposure', 'credentials', 'network'] as const;
export type Category = (typeof categories)[number];

/** What a rule needs to run. */
export type RuleInput = 'policy' | 'account' | 'graph';

export interface RuleSource {
  /** The tool with the equivalent check, e.g. `parliament`, `checkov`, `access-analyzer`, `cis`. */
  readonly tool: string;
  readonly id: string;
}

export interface RuleMeta {
  readonly category: Category;
  readonly severity: Severity;
  /** In the `recommended` preset (the default). */
  readonly recommended: boolean;
  readonly inputs: readonly RuleInput[];
  /** The policy kinds the rule applies to (`policyKinds` for all of them). */
  readonly kinds: readonly PolicyKind[];
  /** One sentence, also the doc page's `description`. */
  readonly description: string;
  readonly sources?: readonly RuleSource[];
  /** JSON Schema (draft-07) of the rule's options object. */
  readonly optionsSchema?: object;
}

/** Message templates by id; `{name}` is a placeholder. */
export type Messages = Readonly<Record<string, string>>;

/** The placeholder names in a message template: `'{sid} allows {actions}'` → `'sid' | 'actions'`. */
export type Placeholders<T extends string> = T extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

type DataFor<T extends string> = string extends T
  ? { readonly data?: Readonly<Record<string, string | number>> | undefined } // a rule seen through the erased AnyRule
  : [Placeholders<T>] extends [never]
    ? { readonly data?: undefined }
    : { readonly data: Readonly<Record<Placeholders<T>, string | number>> };

/** A report: a message id of the rule, where, and exactly the placeholder values its message needs. */
export type Report<M extends Messages> = {
  [K in keyof M & string]: {
    readonly messageId: K;
    readonly at: Span;
    /** ARN (or template resource) concerned; defaults to the policy's owner. Account rules always give one when the entity has an ARN. */
    readonly subject?: string;
    /**
     * A severity for this finding other than the rule's default (e.g. higher for sensitive
     * services). Ignored when the user has set the rule's severity.
     */
    readonly severity?: Severity;
    /** The steps of the path the finding is about, when it is about one (graph rules); each with a file location. */
    readonly flow?: readonly FlowStep[];
  } & DataFor<M[K]>;
}[keyof M & string];

export interface TrustZone {
  readonly accounts: readonly string[];
  readonly organizationIds: readonly string[];
}

export interface RuleContext<M extends Messages, O> {
  readonly options: O;
  readonly trust: TrustZone;
  /**
   * The evaluation date: `--now`, config `now`, else (for account rules) the account's credential
   * report's `GeneratedTime` (for graph rules, the first account's that has one), else the clock.
   */
  readonly now: Date;
  report(report: Report<M>): void;
}

/**
 * Visitors, called by the runner in this order for each file: file, then each document, then its
 * statements. Once every file is read, `account` is called for each account the exports describe,
 * then `graph` once with the access graph of all of them.
 */
export interface RuleVisitors<M extends Messages, O> {
  file?(context: RuleContext<M, O>, file: InputFile): void;
  document?(context: RuleContext<M, O>, document: PolicyDocument): void;
  statement?(context: RuleContext<M, O>, statement: Statement, document: PolicyDocument): void;
  account?(context: RuleContext<M, O>, account: Account): void;
  /**
   * The access graph of every analysed account (src/graph). It is built only when an active rule
   * has this visitor and some account has authorization details (a GAAD): building it costs time on
   * large accounts. Report at a node's `span` (the entity in the export) with its key as `subject`.
   */
  graph?(context: RuleContext<M, O>, graph: AccessGraph): void;
}

export interface Rule<M extends Messages = Messages, O = unknown> {
  readonly id: string;
  readonly meta: RuleMeta;
  readonly messages: M;
  readonly defaultOptions: O;
  readonly check: RuleVisitors<M, O>;
}

/**
 * Any rule, as the registry and the engine hold it. Its context's options are `never`, so that every
 * `Rule<M, O>` is assignable to it; the runner passes each rule the options resolved for it.
 */
export interface AnyRule {
  readonly id: string;
  readonly meta: RuleMeta;
  readonly messages: Messages;
  readonly defaultOptions: unknown;
  readonly check: RuleVisitors<Messages, never>;
}

export interface RuleDefinition<M extends Messages, O> {
  readonly id: string;
  readonly meta: RuleMeta;
  readonly messages: M;
  readonly defaultOptions?: O;
  readonly check: RuleVisitors<M, O>;
}

/**
 * Declares a rule. Message ids and their placeholders are checked at compile time: reporting an
 * unknown id, or leaving out a placeholder's value, does not compile.
 */
export function defineRule<const M extends Messages, O = undefined>(definition: RuleDefinition<M, O>): Rule<M, O> {
  return { ...definition, defaultOptions: definition.defaultOptions as O };
}

/** Fills `{placeholders}`; a value that is missing at run time is left visible rather than dropped. */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>> | undefined): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = data?.[name];
    return value === undefined ? whole : String(value);
  });
}
