import { createColors } from 'picocolors';
import type { Finding } from '../engine/finding.js';
import { severities, type Severity } from '../engine/severity.js';
import { countBySeverity, type Formatter } from './report.js';

type Colors = ReturnType<typeof createColors>;

function paint(colors: Colors, severity: Severity, text: string): string {
  switch (severity) {
    case 'critical':
      return colors.bold(colors.red(text));
    case 'high':
      return colors.red(text);
    case 'medium':
      return colors.yellow(text);
    case 'low':
      return colors.cyan(text);
    case 'info':
      return colors.dim(text);
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** ESLint-style: findings grouped by file, `line:column  severity  message  rule`, then a summary. */
export const formatStylish: Formatter = (report, { color }) => {
  const colors = createColors(color);
  const out: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const finding of report.findings) {
    const list = byFile.get(finding.span.file) ?? [];
    list.push(finding);
    byFile.set(finding.span.file, list);
  }
  for (const [file, findings] of byFile) {
    out.push('', colors.underline(file));
    const where = findings.map((f) => `${f.span.line}:${f.span.column}`);
    const whereWidth = Math.max(...where.map((w) => w.length));
    const severityWidth = Math.max(...findings.map((f) => f.severity.length));
    findings.forEach((f, i) => {
      const location = colors.dim((where[i] ?? '').padEnd(whereWidth));
      const severity = paint(colors, f.severity, f.severity.padEnd(severityWidth));
      out.push(`  ${location}  ${severity}  ${f.message}  ${colors.dim(f.ruleId)}`);
    });
  }
  const counts = countBySeverity(report.findings);
  const suppressed = report.suppressed > 0 ? `, ${report.suppressed} suppressed` : '';
  if (report.findings.length === 0) {
    out.push(`${colors.green('✔')} No problems in ${plural(report.files, 'file')}${suppressed}.`);
  } else {
    const worst = severities.find((s) => counts[s] > 0) ?? 'info';
    const breakdown = severities.map((s) => `${counts[s]} ${s}`).join(', ');
    out.push('', paint(colors, worst, `✖ ${plural(report.findings.length, 'problem')} (${breakdown}) in ${plural(report.files, 'file')}${suppressed}`));
  }
  return `${out.join('\n').replace(/^\n/, '')}\n`;
};
