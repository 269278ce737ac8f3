import { resolve } from 'node:path';
import { ConfigError } from '../config/config.js';
import { check, type CheckResult } from '../engine/check.js';
import type { Finding } from '../engine/finding.js';
import { meetsThreshold } from '../engine/severity.js';
import { checkOptions } from '../cli/check-options.js';
import { escapeData, formatGithub } from '../report/github.js';
import { formatMarkdown, markdownCell } from '../report/markdown.js';
import type { Report } from '../report/report.js';
import { formatSarif } from '../report/sarif.js';
import { readChange } from './change.js';
import type { Change } from './diff.js';
import { readPullRequest } from './event.js';
import { inChange, type FilterMode } from './filter.js';
import { readInputs, type ActionInputs, type Env } from './inputs.js';
import { processActionIo, type ActionIo } from './io.js';
import { formatOutputs, type ActionOutputs } from './outputs.js';

// The GitHub Action. It analyses every path it is given, since a change in one file can expose a
// problem in another (a new trust policy makes an old grant reachable), and writes the SARIF of
// every finding: code scanning needs the whole picture, and GitHub itself shows on a pull request
// only the alerts on its diff. Annotations, the job summary, the `findings` output and the exit
// code are about the findings in the pull request's changes alone, chosen by `filter-mode`.

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A workflow command the runner shows as an error annotation on the run. */
function errorCommand(message: string): string {
  return `::error::${escapeData(message)}\n`;
}

/** Prints what discovery passed over; returns how many files were read as input (not package.json …). */
function reportInputs(result: CheckResult, inputs: ActionInputs, io: ActionIo): number {
  for (const note of result.notes) if (note.level === 'warning') io.error(`iamlint: ${note.path}: ${note.message}\n`);
  const read = result.files.filter((f) => f.kind !== 'unrecognized').length;
  // An annotation, not a log line: a green check that looked at nothing should not pass unnoticed.
  if (read === 0) io.write(`::warning::${escapeData(`iamlint: no policy files or exports found in ${inputs.paths.join(', ')}`)}\n`);
  return read;
}

function writeSarif(report: Report, path: string, io: ActionIo): void {
  try {
    io.writeFile(path, formatSarif(report, { color: false }));
  } catch (error) {
    throw new ConfigError(`cannot write the SARIF file ${path}: ${(error as Error).message}`);
  }
}

/** The job summary: the findings reported, and on a pull request how many the SARIF has besides. */
function summary(shown: Report, all: number, filter: { readonly mode: FilterMode; readonly sarifFile: string } | undefined): string {
  const markdown = formatMarkdown(shown, { color: false });
  const outside = all - shown.findings.length;
  if (filter === undefined || outside === 0) return markdown;
  return `${markdown}\n_${plural(outside, 'more finding')} outside this pull request's changes (filter-mode \`${filter.mode}\`) ${outside === 1 ? 'is' : 'are'} in the SARIF file ${markdownCell(filter.sarifFile)}._\n`;
}

function writeOutputs(outputs: ActionOutputs, env: Env, io: ActionIo): void {
  const file = env.GITHUB_OUTPUT;
  if (file !== undefined && file !== '') io.appendFile(file, formatOutputs(outputs));
}

/**
 * Runs the Action: returns its exit code, 0 or 1 as `iamlint check` by `fail-on` (counting only
 * the findings in the change), 2 when a rule failed. Throws ConfigError for unusable inputs, a
 * config file, baseline or event it cannot read, and a checkout without the pull request's commits.
 */
export function run(inputs: ActionInputs, env: Env, io: ActionIo): number {
  const workspace = resolve(io.cwd, env.GITHUB_WORKSPACE ?? '');
  const pullRequest = readPullRequest(env, (path) => io.readFile(path));
  // Read the change before the analysis, so that a shallow checkout fails at once. `nofilter` needs none.
  const change: Change | undefined = pullRequest !== undefined && inputs.filterMode !== 'nofilter' ? readChange(pullRequest, (args) => io.git(workspace, args)) : undefined;

  const result = check(
    checkOptions({ cwd: workspace, paths: inputs.paths, config: inputs.config, rules: [], trustedAccounts: inputs.trustedAccounts, now: undefined, baseline: inputs.baseline }),
  );
  const files = reportInputs(result, inputs, io);
  const suppressed = result.suppressed.length;
  writeSarif({ findings: result.findings, files, suppressed }, resolve(workspace, inputs.sarifFile), io);

  const reported: readonly Finding[] = change === undefined ? result.findings : result.findings.filter((f) => inChange(f, change, inputs.filterMode));
  const shown: Report = { findings: reported, files, suppressed };
  io.write(formatGithub(shown, { color: false }));
  const summaryFile = env.GITHUB_STEP_SUMMARY;
  const filter = change === undefined ? undefined : { mode: inputs.filterMode, sarifFile: inputs.sarifFile };
  if (summaryFile !== undefined && summaryFile !== '') io.appendFile(summaryFile, summary(shown, result.findings.length, filter));

  for (const failure of result.failures) {
    const error = failure.error instanceof Error ? failure.error : new Error(String(failure.error));
    io.write(errorCommand(`iamlint: internal error: rule ${failure.ruleId} failed on ${failure.file}: ${error.message}`));
    if (error.stack !== undefined) io.error(`${error.stack}\n`);
  }
  const exitCode = result.failures.length > 0 ? 2 : reported.some((f) => meetsThreshold(f.severity, inputs.failOn)) ? 1 : 0;
  writeOutputs({ 'sarif-file': inputs.sarifFile, findings: reported.length, 'exit-code': exitCode }, env, io);

  const scope = filter === undefined ? '' : ` in the pull request's changes (filter-mode ${filter.mode}), of ${result.findings.length} in all`;
  io.write(`iamlint: ${plural(reported.length, 'finding')}${scope}; SARIF written to ${inputs.sarifFile}\n`);
  return exitCode;
}

/**
 * The Action's entry: reads the inputs, runs, and turns any error into an error annotation and
 * exit code 2 (with the `exit-code` output, for a step that continues on error).
 */
export function main(env: Env = process.env, io: ActionIo = processActionIo()): number {
  try {
    return run(readInputs(env), env, io);
  } catch (error) {
    if (error instanceof ConfigError) io.write(errorCommand(`iamlint: ${error.message}`));
    else {
      const failure = error instanceof Error ? error : new Error(String(error));
      io.write(errorCommand(`iamlint: internal error: ${failure.message}`));
      if (failure.stack !== undefined) io.error(`${failure.stack}\n`);
    }
    try {
      writeOutputs({ 'exit-code': 2 }, env, io);
    } catch {
      // The error above is what the user needs to see; an unwritable output file adds nothing.
    }
    return 2;
  }
}
