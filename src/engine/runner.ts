import type { AccessGraph } from '../graph/access-graph.js';
import type { InputFile } from '../model/input.js';
import type { Account } from '../model/inventory.js';
import type { SourceFile } from '../model/source.js';
import type { PolicyDocument, Statement } from '../model/policy.js';
import type { Finding } from './finding.js';
import { fingerprint } from './fingerprint.js';
import { formatMessage, type Messages, type Report, type AnyRule, type RuleContext, type TrustZone } from './rule.js';
import type { Severity } from './severity.js';

/** A rule as configured for one file: its severity and its options merged over the defaults. */
export interface ActiveRule {
  readonly rule: AnyRule;
  readonly severity: Severity;
  /** The user set the severity (config or --rule): a report's own severity then does not apply. */
  readonly severityConfigured: boolean;
  readonly options: unknown;
}

export interface RunSettings {
  readonly trust: TrustZone;
  readonly now: Date;
}

/** A rule that threw. The run goes on; the CLI reports these and exits 2. */
export interface RuleFailure {
  readonly ruleId: string;
  readonly file: string;
  readonly error: unknown;
}

/** Where the runner is, so that reports know their document and statement. */
interface Cursor {
  file: InputFile | undefined;
  /** For account and graph rules: their evaluation date, and the texts of the export files (for fingerprints). */
  account: { readonly now: Date; readonly sources: (path: string) => SourceFile | undefined } | undefined;
  document: PolicyDocument | undefined;
  statement: Statement | undefined;
}

/**
 * Runs rules over files one at a time, collecting findings and isolating rule failures. Files are
 * checked as they are loaded, so each file's tree and model can be freed before the next is read.
 */
export class RuleRunner {
  readonly findings: Finding[] = [];
  readonly failures: RuleFailure[] = [];
  private readonly cursor: Cursor = { file: undefined, account: undefined, document: undefined, statement: undefined };
  private readonly contexts = new Map<ActiveRule, RuleContext<Messages, never>>();

  constructor(private readonly settings: RunSettings) {}

  run(file: InputFile, rules: readonly ActiveRule[]): void {
    const cursor = this.cursor;
    cursor.file = file;
    for (const active of rules) {
      const { check } = active.rule;
      if (check.file) this.guard(active, file, () => { check.file?.(this.contextFor(active), file); });
    }
    for (const document of file.documents) {
      cursor.document = document;
      for (const active of rules) {
        if (!active.rule.meta.kinds.includes(document.kind)) continue;
        const { check } = active.rule;
        const context = this.contextFor(active);
        // One try per rule and document, not per statement (and no closure: this is the hot loop).
        try {
          check.document?.(context, document);
          if (check.statement) {
            for (const statement of document.statements) {
              cursor.statement = statement;
              check.statement(context, statement, document);
            }
          }
        } catch (error) {
          this.failures.push({ ruleId: active.rule.id, file: file.source.path, error });
        }
        cursor.statement = undefined;
      }
      cursor.document = undefined;
    }
    cursor.file = undefined;
  }

  /** Runs the account rules over one account; `now` is its evaluation date. */
  runAccount(account: Account, rules: readonly ActiveRule[], now: Date, sources: (path: string) => SourceFile | undefined): void {
    this.cursor.account = { now, sources };
    for (const active of rules) {
      const { check } = active.rule;
      if (!check.account) continue;
      try {
        check.account(this.contextFor(active), account);
      } catch (error) {
        this.failures.push({ ruleId: active.rule.id, file: account.files[0] ?? '', error });
      }
    }
    this.cursor.account = undefined;
  }

  /**
   * Runs the graph rules once over the access graph; `now` is its evaluation date. A rule that
   * throws is reported against `file` (the first export the graph comes from), and the others go on.
   */
  runGraph(graph: AccessGraph, rules: readonly ActiveRule[], now: Date, sources: (path: string) => SourceFile | undefined, file: string): void {
    this.cursor.account = { now, sources };
    for (const active of rules) {
      const { check } = active.rule;
      if (!check.graph) continue;
      try {
        check.graph(this.contextFor(active), graph);
      } catch (error) {
        this.failures.push({ ruleId: active.rule.id, file, error });
      }
    }
    this.cursor.account = undefined;
  }

  /** Records that a rule could not run at all (the graph it needs could not be built). */
  fail(ruleId: string, file: string, error: unknown): void {
    this.failures.push({ ruleId, file, error });
  }

  private guard(active: ActiveRule, file: InputFile, call: () => void): void {
    try {
      call();
    } catch (error) {
      this.failures.push({ ruleId: active.rule.id, file: file.source.path, error });
    }
  }

  private contextFor(active: ActiveRule): RuleContext<Messages, never> {
    let context = this.contexts.get(active);
    if (context) return context;
    const { rule, severityConfigured } = active;
    const { cursor, findings, settings } = this;
    context = {
      // Resolved and validated against the rule's schema by planRules.
      options: active.options as never,
      trust: settings.trust,
      get now() {
        return cursor.account?.now ?? settings.now;
      },
      report(report: Report<Messages>) {
        const template = rule.messages[report.messageId];
        if (template === undefined) throw new Error(`rule ${rule.id} reported unknown message id '${report.messageId}'`);
        const subject = report.subject ?? cursor.document?.owner;
        findings.push({
          ruleId: rule.id,
          messageId: report.messageId,
          message: formatMessage(template, report.data),
          severity: report.severity !== undefined && !severityConfigured ? report.severity : active.severity,
          category: rule.meta.category,
          span: report.at,
          subject,
          sid: cursor.statement?.sid?.value,
          data: report.data ?? {},
          fingerprint: fingerprint(rule.id, report.messageId, subject, report.at, cursor.file?.source ?? cursor.account?.sources(report.at.file)),
          // Only findings with a path carry the key, so the others serialize as before.
          ...(report.flow === undefined ? {} : { flow: report.flow }),
        });
      },
    };
    this.contexts.set(active, context);
    return context;
  }
}
