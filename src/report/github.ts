import type { Finding } from '../engine/finding.js';
import { severityRank, type Severity } from '../engine/severity.js';
import type { Formatter } from './report.js';

// `--format github`: one GitHub Actions workflow command per finding, which the runner turns into an
// annotation on the file and lines (`::error file=…,line=…::message`). Never colored: the runner
// reads these lines, and an escape code would break the command.

/** The annotation commands, from the worst. */
const commands = ['error', 'warning', 'notice'] as const;
type Command = (typeof commands)[number];

const commandOf: Readonly<Record<Severity, Command>> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'notice',
  info: 'notice',
};

/**
 * GitHub shows at most 10 error, 10 warning and 10 notice annotations per step, and 50 per job; the
 * rest are dropped without a word (actions/toolkit docs/problem-matchers.md, "Limitations"). So each
 * command gets at most this many lines. When a command has more findings, the last of its lines says
 * how many were left out; it is an annotation of the same command, so it counts against that same
 * limit and is never the one GitHub drops. 3 commands × 10 = 30 lines, within the 50 per job.
 */
export const annotationsPerCommand = 10;

/** Data (the message) as @actions/core escapes it (`escapeData` in lib/command.js). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value (`file=…`, `title=…`) as @actions/core escapes it: data, then `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `::command key=value,…::message`, or `::command::message` with no properties. */
function workflowCommand(command: Command, properties: readonly (readonly [string, string | number])[], message: string): string {
  const props = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
  return `::${command}${props === '' ? '' : ` ${props}`}::${escapeData(message)}`;
}

/**
 * Where the annotation goes. Lines are at least 1 (GitHub does not show an annotation on line 0);
 * the columns only when the region is on one line, since the runner rejects `col` and `endColumn`
 * across lines, and never with the end before the start.
 */
function location(finding: Finding): [string, number][] {
  const { span } = finding;
  const line = Math.max(1, span.line);
  const endLine = Math.max(line, span.endLine);
  const where: [string, number][] = [
    ['line', line],
    ['endLine', endLine],
  ];
  if (line === endLine) {
    const col = Math.max(1, span.column);
    where.push(['col', col], ['endColumn', Math.max(col, span.endColumn)]);
  }
  return where;
}

/** The finding's message, and on a line of its own the ARN of what it is about, when known. */
function messageOf(finding: Finding): string {
  return finding.subject === undefined ? finding.message : `${finding.message}\nSubject: ${finding.subject}`;
}

function annotation(finding: Finding): string {
  const properties: (readonly [string, string | number])[] = [['file', finding.span.file], ...location(finding), ['title', `iamlint ${finding.ruleId} (${finding.severity})`]];
  return workflowCommand(commandOf[finding.severity], properties, messageOf(finding));
}

/** The last line of a command with too many findings: how many more there are (always 2 or more). */
function overflowLine(command: Command, left: number): string {
  return workflowCommand(command, [], `iamlint: ${left} more ${command} findings not annotated (GitHub shows ${annotationsPerCommand} per step); see the job summary or the SARIF report`);
}

export const formatGithub: Formatter = (report) => {
  const lines: string[] = [];
  for (const command of commands) {
    // Worst first within a command (critical before high, low before info); otherwise the report's
    // order, which Array.prototype.sort keeps because it is stable.
    const findings = report.findings.filter((f) => commandOf[f.severity] === command).sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
    const shown = findings.length > annotationsPerCommand ? findings.slice(0, annotationsPerCommand - 1) : findings;
    lines.push(...shown.map(annotation));
    if (shown.length < findings.length) lines.push(overflowLine(command, findings.length - shown.length));
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
};
