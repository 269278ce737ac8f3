export const severities = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof severities)[number];

/** Higher is worse: critical 4 … info 0. */
export function severityRank(severity: Severity): number {
  return severities.length - 1 - severities.indexOf(severity);
}

export function isSeverity(value: string): value is Severity {
  return (severities as readonly string[]).includes(value);
}

/** `--fail-on` threshold: a severity, or `none` to never fail on findings. */
export type FailOn = Severity | 'none';

export function meetsThreshold(severity: Severity, threshold: FailOn): boolean {
  return threshold !== 'none' && severityRank(severity) >= severityRank(threshold);
}
