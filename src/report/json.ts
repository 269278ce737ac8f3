import { formatJsonPath } from '../model/span.js';
import { countBySeverity, tool, type Formatter } from './report.js';

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
  }));
  const summary = { files: report.files, findings: findings.length, bySeverity: countBySeverity(report.findings) };
  return `${JSON.stringify({ version: 1, tool, findings, summary }, null, 2)}\n`;
};
