import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from '../config/config.js';
import { check, type CheckResult } from '../engine/check.js';
import type { Finding } from '../engine/finding.js';
import { meetsThreshold } from '../engine/severity.js';
import { formatters } from '../report/formatters.js';
import { useColor, type Io } from './io.js';
import { checkOptions } from './check-options.js';
import { parseFailOn, parseFormats, parseMaxWarnings } from './options.js';

export interface CheckFlags {
  readonly format: string[];
  readonly output?: string;
  readonly config?: string;
  readonly failOn: string;
  readonly maxWarnings?: string;
  readonly rule: string[];
  readonly now?: string;
  readonly trustedAccount: string[];
  readonly baseline?: string;
  readonly quiet?: boolean;
  readonly color?: boolean;
  readonly debug?: boolean;
}

/** `iamlint check`: returns the exit code (0 clean, 1 findings at or above --fail-on). */
export function runCheck(paths: readonly string[], flags: CheckFlags, io: Io): number {
  const failOn = parseFailOn(flags.failOn);
  const maxWarnings = parseMaxWarnings(flags.maxWarnings);
  const targets = parseFormats(flags.format, Object.keys(formatters), flags.output);
  const result = check(
    checkOptions({ cwd: io.cwd, paths, config: flags.config, rules: flags.rule, trustedAccounts: flags.trustedAccount, now: flags.now, baseline: flags.baseline }),
  );
  const read = reportInputs(result, paths, flags, io);

  const failing = (f: Finding): boolean => meetsThreshold(f.severity, failOn);
  const shown = flags.quiet && failOn !== 'none' ? result.findings.filter(failing) : result.findings;
  const report = { findings: shown, files: read, suppressed: result.suppressed.length };
  for (const target of targets) {
    const formatter = formatters[target.format];
    if (!formatter) continue;
    const text = formatter(report, { color: target.file === undefined ? useColor(flags.color, io) : flags.color === true });
    if (target.file === undefined) io.write(text);
    else writeOutputFile(io, target.file, text);
  }

  if (reportFailures(result, flags, io)) return 2;
  const failures = result.findings.filter(failing).length;
  // Under --quiet the findings below --fail-on are not reported, so they are not counted either.
  const warnings = shown.length - failures;
  if (failures > 0) return 1;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    io.error(`iamlint: ${warnings} ${warnings === 1 ? 'finding' : 'findings'} below --fail-on ${failOn}, more than --max-warnings ${maxWarnings}\n`);
    return 1;
  }
  return 0;
}

/**
 * Prints what discovery passed over (with --debug, the files that are not inputs too) and warns
 * when nothing was read. Returns how many files were read as input: unrecognized JSON
 * (package.json …) is not counted.
 */
export function reportInputs(result: CheckResult, paths: readonly string[], flags: { readonly debug?: boolean | undefined }, io: Io): number {
  for (const note of result.notes) {
    if (note.level === 'warning' || flags.debug) io.error(`iamlint: ${note.path}: ${note.message}\n`);
  }
  if (flags.debug) {
    for (const file of result.files) if (file.kind === 'unrecognized') io.error(`iamlint: ${file.path}: skipped: not a policy or an export iamlint reads\n`);
  }
  const read = result.files.filter((f) => f.kind !== 'unrecognized').length;
  if (read === 0) io.error(`iamlint: no policy files or exports found in ${paths.length === 0 ? '.' : paths.join(', ')}\n`);
  return read;
}

/** Prints the rules that failed (with their stack traces under --debug); true when there were any. */
export function reportFailures(result: CheckResult, flags: { readonly debug?: boolean | undefined }, io: Io): boolean {
  for (const failure of result.failures) {
    const error = failure.error instanceof Error ? failure.error : new Error(String(failure.error));
    io.error(`iamlint: internal error: rule ${failure.ruleId} failed on ${failure.file}: ${error.message}\n`);
    if (flags.debug && error.stack) io.error(`${error.stack}\n`);
  }
  return result.failures.length > 0;
}

/** Writes a report or baseline to FILE (relative to the working directory); failing to is a usage error. */
export function writeOutputFile(io: Io, file: string, text: string): void {
  try {
    writeFileSync(resolve(io.cwd, file), text);
  } catch (error) {
    throw new ConfigError(`cannot write ${file}: ${(error as Error).message}`);
  }
}
