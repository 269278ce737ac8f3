import type { InputFile } from '../model/input.js';
import type { PolicyDocument, Statement } from '../model/policy.js';
import type { Finding } from './finding.js';
import { fingerprint } from './fingerprint.js';
import { formatMessage, type Messages, type Report, type AnyRule, type RuleContext, type TrustZone } from './rule.js';
import type { Severity } from './severity.js';

/** A rule as configured for one file: its severity and its options merged over the defaults. */
export interface ActiveRule {
  readonly rule: AnyRule;
  readonly severity: Severity;
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

export interface RunResult {
  readonly findings: Finding[];
  readonly failures: RuleFailure[];
}

/** Where the runner is, so that reports know their document and statement. */
interface Cursor {
  file: InputFile | undefined;
  document: PolicyDocument | undefined;
  statement: Statement | undefined;
}

/** Runs the rules each file asks for over every file, isolating rule failures. */
export function runRules(files: readonly InputFile[], rulesFor: (file: InputFile) => readonly ActiveRule[], settings: RunSettings): RunResult {
  const findings: Finding[] = [];
  const failures: RuleFailure[] = [];
  const cursor: Cursor = { file: undefined, document: undefined, statement: undefined };
  const contexts = new Map<ActiveRule, RuleContext<Messages, never>>();

  const contextFor = (active: ActiveRule): RuleContext<Messages, never> => {
    let context = contexts.get(active);
    if (context) return context;
    const { rule, severity } = active;
    context = {
      // Resolved and validated against the rule's schema by planRules.
      options: active.options as never,
      trust: settings.trust,
      now: settings.now,
      report(report: Report<Messages>) {
        const template = rule.messages[report.messageId];
        if (template === undefined) throw new Error(`rule ${rule.id} reported unknown message id '${report.messageId}'`);
        const subject = report.subject ?? cursor.document?.owner;
        findings.push({
          ruleId: rule.id,
          messageId: report.messageId,
          message: formatMessage(template, report.data),
          severity,
          category: rule.meta.category,
          span: report.at,
          subject,
          sid: cursor.statement?.sid?.value,
          data: report.data ?? {},
          fingerprint: fingerprint(rule.id, report.messageId, subject, report.at, cursor.file?.source),
        });
      },
    };
    contexts.set(active, context);
    return context;
  };

  const guard = (active: ActiveRule, file: InputFile, call: () => void): void => {
    try {
      call();
    } catch (error) {
      failures.push({ ruleId: active.rule.id, file: file.source.path, error });
    }
  };

  for (const file of files) {
    const rules = rulesFor(file);
    if (rules.length === 0) continue;
    cursor.file = file;
    for (const active of rules) {
      const { check } = active.rule;
      if (check.file) guard(active, file, () => { check.file?.(contextFor(active), file); });
    }
    for (const document of file.documents) {
      cursor.document = document;
      for (const active of rules) {
        const { kinds } = active.rule.meta;
        if (kinds && !kinds.includes(document.kind)) continue;
        const { check } = active.rule;
        const context = contextFor(active);
        if (check.document) guard(active, file, () => { check.document?.(context, document); });
        if (!check.statement) continue;
        for (const statement of document.statements) {
          cursor.statement = statement;
          guard(active, file, () => { check.statement?.(context, statement, document); });
        }
        cursor.statement = undefined;
      }
      cursor.document = undefined;
    }
    cursor.file = undefined;
  }
  return { findings, failures };
}
