import { registry } from '../../rules/index.js';
import type { Finding } from '../engine/finding.js';
import { severities, severityRank } from '../engine/severity.js';
import { countBySeverity, docsUrl, type Formatter, type Report } from './report.js';

// `--format markdown`: a GitHub job summary (what a step appends to $GITHUB_STEP_SUMMARY), in
// GitHub-flavoured Markdown: a verdict, the counts by severity, then the worst findings in a table.
// Everything taken from the input (messages, file names) is escaped, so it shows as written and
// cannot break the table or inject Markdown or HTML.

/** The table lists the worst findings, at most this many: a summary, not the whole report. */
export const listedFindings = 50;

/**
 * GitHub rejects a step summary over 1 MiB (the upload fails with an error annotation), and the step
 * may write more than this report to it; so the report stays under 256 KiB of UTF-8, listing fewer
 * findings when their rows would go over.
 */
export const summaryBytes = 256 * 1024;

/** One message longer than this (in characters) is cut, so that one finding cannot fill the summary. */
export const messageChars = 2000;

/** Room kept for the note that follows the table. */
const noteBytes = 512;

const docPaths = new Map(registry.map((r) => [r.rule.id, r.docPath]));

/**
 * Text for a table cell: HTML's special characters as entities, the characters that start Markdown
 * inline syntax (emphasis, code, links, strikethrough, math) and `|` backslash-escaped, line breaks as
 * `<br>`.
 */
export function markdownCell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]~|$]/g, '\\$&')
    .replace(/\r\n|\r|\n/g, '<br>');
}

/** At most `max` characters, with `…` when cut; never splits a surrogate pair. */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 2)) ? max - 2 : max - 1;
  return `${text.slice(0, end)}…`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function verdict(report: Report): string {
  const suppressed = report.suppressed > 0 ? `, ${report.suppressed} suppressed` : '';
  const worst = severities.find((s) => report.findings.some((f) => f.severity === s));
  if (worst === undefined) return `✔ No problems in ${plural(report.files, 'file')}${suppressed}.`;
  return `✖ **${plural(report.findings.length, 'finding')}** in ${plural(report.files, 'file')}${suppressed}; the worst is **${worst}**.`;
}

function countsTable(findings: readonly Finding[]): string[] {
  const counts = countBySeverity(findings);
  return ['| Severity | Findings |', '|:--|--:|', ...severities.map((s) => `| ${s} | ${counts[s]} |`), `| **total** | **${findings.length}** |`];
}

function ruleCell(ruleId: string): string {
  const docPath = docPaths.get(ruleId);
  return docPath === undefined ? markdownCell(ruleId) : `[${markdownCell(ruleId)}](${docsUrl(docPath)})`;
}

function row(finding: Finding): string {
  const location = markdownCell(`${finding.span.file}:${Math.max(1, finding.span.line)}`);
  return `| ${finding.severity} | ${ruleCell(finding.ruleId)} | ${location} | ${markdownCell(truncate(finding.message, messageChars))} |`;
}

export const formatMarkdown: Formatter = (report) => {
  const head = ['## iamlint', '', verdict(report)];
  if (report.findings.length === 0) return `${head.join('\n')}\n`;
  head.push('', ...countsTable(report.findings));
  const tableHead = ['', '### Findings, worst first', '', '| Severity | Rule | Location | Message |', '|---|---|---|---|'];

  // Worst first; within a severity the report's order (the sort is stable).
  const worstFirst = [...report.findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  const rows: string[] = [];
  let used = bytes(`${[...head, ...tableHead].join('\n')}\n`) + noteBytes;
  let cutBySize = false;
  for (const finding of worstFirst.slice(0, listedFindings)) {
    const line = row(finding);
    const size = bytes(line) + 1;
    if (used + size > summaryBytes) {
      cutBySize = true;
      break;
    }
    rows.push(line);
    used += size;
  }

  // A row is at most some 20 KB (messageChars, each character at most 5 bytes escaped, and a path),
  // so the first rows always fit and the table is never empty.
  const out = [...head, ...tableHead, ...rows];
  const left = report.findings.length - rows.length;
  if (left > 0) {
    const why = cutBySize ? `the summary is kept under ${summaryBytes / 1024} KiB` : `the summary lists at most ${listedFindings}`;
    out.push('', `${plural(left, 'more finding')} not listed (${why}): see the SARIF report, or run \`iamlint check\` for all of them.`);
  }
  return `${out.join('\n')}\n`;
};
