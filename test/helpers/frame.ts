import type { Finding } from '../../src/engine/finding.js';
import type { SourceFile } from '../../src/model/source.js';
import { formatJsonPath } from '../../src/model/span.js';

/**
 * A finding as a readable code frame, for snapshots:
 *
 *     full-admin [critical] everyAction
 *       Statement 'Admin' allows every action …
 *       --> invalid/admin.json:4:5  (Statement[0])
 *        4 |     {
 *          |     ^
 *
 * then, for a finding about a path, each step with its place:
 *
 *       step 1: user/dev assumes role/ci (sts:AssumeRole)
 *         --> invalid/chain.json:12:13  (UserDetailList[0].UserPolicyList[0].PolicyDocument.Statement[0])
 */
export function frame(finding: Finding, source: SourceFile | undefined): string {
  const { span } = finding;
  const lines = [
    `${finding.ruleId} [${finding.severity}] ${finding.messageId}`,
    `  ${finding.message}`,
    `  --> ${span.file}:${span.line}:${span.column}  (${formatJsonPath(span.path) || '$'})`,
  ];
  if (source && source.text !== '') {
    const last = Math.min(span.endLine, span.line + 2);
    const width = String(last).length;
    for (let line = span.line; line <= last; line++) {
      const text = source.lineText(line);
      lines.push(`  ${String(line).padStart(width)} | ${text}`);
      const from = line === span.line ? span.column : 1;
      const to = line === span.endLine ? span.endColumn : text.length + 1;
      if (to > from) lines.push(`  ${' '.repeat(width)} | ${' '.repeat(from - 1)}${'^'.repeat(to - from)}`);
    }
    if (span.endLine > last) lines.push(`  ${' '.repeat(width)} | …`);
  }
  // A path's steps, each with the place that makes it possible.
  finding.flow?.forEach((step, i) => {
    lines.push(`  step ${i + 1}: ${step.message}`, `    --> ${step.span.file}:${step.span.line}:${step.span.column}  (${formatJsonPath(step.span.path) || '$'})`);
  });
  return lines.join('\n');
}

export function frames(findings: readonly Finding[], sourceOf: (file: string) => SourceFile | undefined): string {
  return `${findings.map((f) => frame(f, sourceOf(f.span.file))).join('\n\n')}\n`;
}
