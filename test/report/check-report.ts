import { resolve } from 'node:path';
import { registry } from '../../rules/index.js';
import { checkOptions } from '../../src/cli/check-options.js';
import { emptyConfig } from '../../src/config/load.js';
import { check, type CheckResult } from '../../src/engine/check.js';
import type { Report } from '../../src/report/report.js';
import { testNow } from '../helpers/run.js';
import { tempTree } from '../helpers/tmp.js';

// Reports for the formatter tests, made of real findings: the check pipeline run on examples/ or on
// small folders written for the test, and the report built as `iamlint check` builds it.

export const root = resolve(import.meta.dirname, '../..');

/** The report `iamlint check` gives formatters for a result. */
export function reportOf(result: CheckResult): Report {
  return { findings: result.findings, files: result.files.filter((f) => f.kind !== 'unrecognized').length, suppressed: result.suppressed.length };
}

/** `iamlint check examples`, run from the repository root. */
export function examplesReport(): Report {
  return reportOf(check(checkOptions({ cwd: root, paths: ['examples'], config: undefined, rules: [], trustedAccounts: [], now: undefined })));
}

/** The recommended rules on a temporary folder holding `files` (path → content). */
export function treeReport(files: Record<string, string>): Report {
  const cwd = tempTree(files);
  return reportOf(check({ paths: ['.'], cwd, config: emptyConfig(cwd), rules: registry.map((r) => r.rule), cliRules: new Map(), now: testNow }));
}

/** A policy document with the given statements, as a file holds it. */
export function policy(...statements: readonly object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
}
