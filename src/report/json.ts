import type { FlowStep } from '../engine/finding.js';
import { formatJsonPath } from '../model/span.js';
import { countBySeverity, tool, type Formatter } from './report.js';

function flowStepJson({ span, message }: FlowStep): object {
  return { file: span.file, line: span.line, column: span.column, endLine: span.endLine, endColumn: span.endColumn, jsonPath: formatJsonPath(span.path), message };
}

/** The versioned JSON report of DESIGN.md. Keys and their order are part of the contract. */
export const formatJson: Formatter = (report) => {
  const findings = report.findings.map((f) => ({
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    file: f.span.file,
    line: f.span.line,
    column: f.span.column,
    endLine: f.span.endLine,
    endColumn: f.span.endColumn,
    jsonPath: formatJsonPath(f.span.path),
    ...(f.subject === undefined ? {} : { subject: f.subject }),
    fingerprint: f.fingerprint,
    // Findings about a path (graph rules) list its steps, each where the statement behind it is.
    ...(f.flow === undefined ? {} : { flow: f.flow.map(flowStepJson) }),
  }));
  const summary = { files: report.files, findings: findings.length, bySeverity: countBySeverity(report.findings) };
  return `${JSON.stringify({ version: 1, tool, findings, summary }, null, 2)}\n`;
};
