import { defaultBaselineFile, formatBaseline } from '../engine/baseline.js';
import { check } from '../engine/check.js';
import { reportFailures, reportInputs, writeOutputFile } from './check-command.js';
import { checkOptions } from './check-options.js';
import type { Io } from './io.js';

export interface BaselineFlags {
  readonly output?: string;
  readonly config?: string;
  readonly rule: string[];
  readonly now?: string;
  readonly trustedAccount: string[];
  readonly debug?: boolean;
}

/**
 * `iamlint baseline`: checks the paths as `check` does (same config, `--rule`, `--now` and
 * `--trusted-account`) and writes every finding that is not suppressed, whatever its severity, to
 * the baseline file (`iamlint-baseline.json` by default; `-o -` for standard output). Returns 0, or
 * 2 when a rule failed: a baseline missing that rule's findings would report them all as new later.
 */
export function runBaseline(paths: readonly string[], flags: BaselineFlags, io: Io): number {
  const result = check(checkOptions({ cwd: io.cwd, paths, config: flags.config, rules: flags.rule, trustedAccounts: flags.trustedAccount, now: flags.now }));
  reportInputs(result, paths, flags, io);
  if (reportFailures(result, flags, io)) return 2;

  const text = formatBaseline(result.findings);
  const file = flags.output ?? defaultBaselineFile;
  if (file === '-') {
    io.write(text);
    return 0;
  }
  writeOutputFile(io, file, text);
  const count = result.findings.length;
  io.write(`Wrote ${count} ${count === 1 ? 'finding' : 'findings'} to ${file}.\n`);
  return 0;
}
