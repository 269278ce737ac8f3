/**
 * False-positive guard: real AWS managed policies (test/corpus/aws-managed/, copied unchanged from the
 * z0ph/MAMIP mirror) are valid by construction, so the correctness rules must report nothing on them.
 * A finding that is a known, explained exception is listed in `knownExceptions`; anything else fails.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/engine/finding.js';
import { checkWith } from '../helpers/run.js';

const dir = join(import.meta.dirname, 'aws-managed');
const files = readdirSync(dir).filter((name) => name.endsWith('.json')).sort();

const correctnessRules = [
  'invalid-json',
  'policy-grammar',
  'policy-version',
  'unknown-service',
  'unknown-action',
  'wildcard-matches-nothing',
  'unknown-condition-operator',
  'wildcard-in-exact-operator',
  'forallvalues-single-valued-key',
  'multivalued-key-without-qualifier',
  'duplicate-sid',
  'invalid-sid',
  'empty-statement',
  'invalid-arn',
  'resource-type-mismatch',
  'unknown-condition-key',
  'condition-type-mismatch',
  'invalid-policy-variable',
  'policy-size',
] as const;

interface KnownException {
  /** The corpus file. */
  readonly file: string;
  readonly ruleId: (typeof correctnessRules)[number];
  /** The exact text the finding points at, as it is in the policy (a JSON string's value, unquoted). */
  readonly value: string;
  /** Why the finding is not a rule bug to fix here. */
  readonly reason: string;
}

/** Findings on real AWS policies that are understood; each must still occur (no stale entries). */
const knownExceptions: readonly KnownException[] = [
  {
    file: 'AWSBackupFullAccess.json',
    ruleId: 'policy-size',
    value: 'Statement',
    reason:
      'AWS managed policies are not bound by the 6,144-character customer managed policy quota (this one is 7,583 characters without whitespace). A standalone file does not say it is AWS managed, so the rule applies the customer quota; read from a GAAD, with its owner arn:aws:iam::aws:policy/AWSBackupFullAccess, it is exempt.',
  },
];

/** The policy text a finding points at; a JSON string literal is given as its value. */
function valueOf(finding: Finding, text: string): string {
  const raw = text.slice(finding.span.offset, finding.span.offset + finding.span.length);
  if (raw.startsWith('"')) {
    try {
      return JSON.parse(raw) as string;
    } catch {
      return raw;
    }
  }
  return raw;
}

const key = (file: string, ruleId: string, value: string): string => `${file} | ${ruleId} | ${value}`;

describe('AWS managed policies corpus', () => {
  it('has at least 35 policies', () => {
    expect(files.length).toBeGreaterThanOrEqual(35);
  });

  const seen = new Set<string>();

  it.each(files)('%s: correctness rules report nothing', (name) => {
    const result = checkWith(correctnessRules, [name], dir);
    const file = result.files[0];
    expect(file, 'the policy was read').toBeDefined();
    expect(file?.problems.map((p) => p.detail) ?? [], 'the policy parses').toEqual([]);
    expect(file?.kind, 'iamlint reads it as a policy').toBe('policy');
    expect(result.failures, 'no rule crashed').toEqual([]);

    const text = readFileSync(join(dir, name), 'utf8');
    const expected = new Set(knownExceptions.filter((e) => e.file === name).map((e) => key(e.file, e.ruleId, e.value)));
    const unexpected: string[] = [];
    for (const finding of result.findings) {
      const id = key(name, finding.ruleId, valueOf(finding, text));
      if (expected.has(id)) seen.add(id);
      else unexpected.push(`${id} — ${finding.span.line}:${finding.span.column} ${finding.message}`);
    }
    expect(unexpected).toEqual([]);
  });

  it('every known exception still occurs', () => {
    const stale = knownExceptions.map((e) => key(e.file, e.ruleId, e.value)).filter((id) => !seen.has(id));
    expect(stale).toEqual([]);
  });
});
