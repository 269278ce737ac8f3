import { describe, expect, it } from 'vitest';
import { registry } from '../../rules/index.js';
import type { Finding } from '../../src/engine/finding.js';
import { severities, severityRank } from '../../src/engine/severity.js';
import { formatMarkdown, listedFindings, markdownCell, messageChars, summaryBytes } from '../../src/report/markdown.js';
import { docsUrl, type Report } from '../../src/report/report.js';
import { examplesReport, policy, treeReport } from './check-report.js';

const examples = examplesReport();

/** The cells of a table row, split at the `|` that are not escaped. */
function cells(row: string): string[] {
  expect(row.startsWith('| ') && row.endsWith(' |')).toBe(true);
  return row.slice(2, -2).split(/(?<!\\) \| /);
}

/** The rows of the findings table (after its header and delimiter row). */
function findingRows(markdown: string): string[][] {
  const lines = markdown.split('\n');
  const header = lines.indexOf('| Severity | Rule | Location | Message |');
  if (header < 0) return [];
  const rows: string[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line);
  }
  return rows.map(cells);
}

function docLink(ruleId: string): string {
  const found = registry.find((r) => r.rule.id === ruleId);
  if (!found) throw new Error(`no rule '${ruleId}'`);
  return `[${ruleId}](${docsUrl(found.docPath)})`;
}

describe('the job summary of the examples', () => {
  const markdown = formatMarkdown(examples, { color: false });
  const lines = markdown.split('\n');

  it('starts with a title and a one-line verdict', () => {
    expect(lines.slice(0, 3)).toEqual(['## iamlint', '', `✖ **${examples.findings.length} findings** in ${examples.files} files, ${examples.suppressed} suppressed; the worst is **critical**.`]);
    expect(examples.suppressed).toBeGreaterThan(0);
  });

  it('counts the findings of each of the five severities, and their total', () => {
    const table = lines.slice(lines.indexOf('| Severity | Findings |'), lines.indexOf('| Severity | Findings |') + 8);
    expect(table).toEqual([
      '| Severity | Findings |',
      '|:--|--:|',
      ...severities.map((s) => `| ${s} | ${examples.findings.filter((f) => f.severity === s).length} |`),
      `| **total** | **${examples.findings.length}** |`,
    ]);
  });

  it('lists the worst findings first, at most 50, each linked to its rule page, and says how many are left out', () => {
    expect(examples.findings.length).toBeGreaterThan(listedFindings);
    const rows = findingRows(markdown);
    expect(rows.length).toBe(listedFindings);
    const worstFirst = [...examples.findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity)).slice(0, listedFindings);
    expect(rows).toEqual(worstFirst.map((f) => [f.severity, docLink(f.ruleId), markdownCell(`${f.span.file}:${f.span.line}`), markdownCell(f.message)]));
    expect(rows.map((r) => r[0])).toEqual([...rows.map((r) => r[0])].sort((a, b) => severities.indexOf(a as Finding['severity']) - severities.indexOf(b as Finding['severity'])));
    expect(lines.at(-2)).toBe(`${examples.findings.length - listedFindings} more findings not listed (the summary lists at most 50): see the SARIF report, or run \`iamlint check\` for all of them.`);
  });

  it('is the same text every time, and never colored', () => {
    expect(formatMarkdown(examples, { color: true })).toBe(markdown);
    expect(markdown.includes('\u001b')).toBe(false);
  });
});

describe('escaping in table cells', () => {
  const sid = 'a|b\r\nc*d<b>e</b>_f`g$h[i](j)&k~l\\m';
  const report = treeReport({ 'pipe|name_*.json': policy({ Sid: sid, Effect: 'Allow', Action: '*', Resource: '*' }) });
  const markdown = formatMarkdown(report, { color: false });

  it('escapes `|`, line breaks, Markdown and HTML in messages and file names', () => {
    const fullAdmin = findingRows(markdown).find((r) => r[1] === docLink('full-admin'));
    expect(fullAdmin).toEqual([
      'critical',
      docLink('full-admin'),
      'pipe\\|name\\_\\*.json:4',
      "Statement 'a\\|b<br>c\\*d&lt;b&gt;e&lt;/b&gt;\\_f\\`g\\$h\\[i\\](j)&amp;k\\~l\\\\m' allows every action on every resource: full administrator access. Grant only the actions and resources that are needed.",
    ]);
    // Every row keeps its four cells: no `|` from the input splits one.
    expect(findingRows(markdown).every((r) => r.length === 4)).toBe(true);
    expect(findingRows(markdown).length).toBe(report.findings.length);
  });

  it('turns every kind of line break into one <br>', () => {
    expect(markdownCell('a\r\nb\nc\rd')).toBe('a<br>b<br>c<br>d');
  });
});

describe('size', () => {
  /** The examples' findings, with each message replaced by `message`. */
  function withMessages(message: (f: Finding) => string): Report {
    return { ...examples, findings: examples.findings.map((f) => ({ ...f, message: message(f) })) };
  }

  it('cuts a long message to 2000 characters, with an ellipsis', () => {
    const long = withMessages((f) => `${f.message} `.repeat(40));
    const rows = findingRows(formatMarkdown(long, { color: false }));
    for (const [i, row] of rows.entries()) {
      const message = [...long.findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity))[i]?.message ?? '';
      expect(message.length).toBeGreaterThan(messageChars);
      expect(row[3]).toBe(markdownCell(`${message.slice(0, messageChars - 1)}…`));
    }
  });

  it('does not split a character made of two UTF-16 code units when it cuts', () => {
    // Without the `x`, the cut falls between the two halves of an emoji.
    for (const start of ['', 'x']) {
      const [row] = findingRows(formatMarkdown(withMessages(() => `${start}${'🔑'.repeat(messageChars)}`), { color: false }));
      expect(row?.[3]).toBe(`${start}${'🔑'.repeat((messageChars - 2) / 2)}…`);
    }
  });

  it(`stays under ${summaryBytes / 1024} KiB, listing fewer findings and saying why`, () => {
    // `<` and `&` grow four- and fivefold when escaped: 50 such rows would be over 400 KB.
    const heavy = withMessages(() => '<&'.repeat(messageChars));
    const markdown = formatMarkdown(heavy, { color: false });
    const listed = findingRows(markdown).length;
    expect(Buffer.byteLength(markdown, 'utf8')).toBeLessThanOrEqual(summaryBytes);
    expect(Buffer.byteLength(markdown, 'utf8')).toBeGreaterThan(summaryBytes - 20_000);
    expect(listed).toBeGreaterThan(0);
    expect(listed).toBeLessThan(listedFindings);
    expect(markdown.split('\n').at(-2)).toBe(`${heavy.findings.length - listed} more findings not listed (the summary is kept under 256 KiB): see the SARIF report, or run \`iamlint check\` for all of them.`);
  });
});

describe('a run with no findings', () => {
  it('says so plainly, with no tables', () => {
    const clean = treeReport({
      'read.json': policy({ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }),
      'write.json': policy({ Sid: 'Write', Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::bucket/*' }),
    });
    expect(clean.findings).toEqual([]);
    expect(formatMarkdown(clean, { color: false })).toBe('## iamlint\n\n✔ No problems in 2 files.\n');
  });

  it('counts the suppressed findings in the verdict', () => {
    expect(formatMarkdown({ findings: [], files: 3, suppressed: 1 }, { color: false })).toBe('## iamlint\n\n✔ No problems in 3 files, 1 suppressed.\n');
  });
});
