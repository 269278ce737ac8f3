import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyConfig, loadConfig } from '../../src/config/load.js';
import { check } from '../../src/engine/check.js';
import { defineRule, formatMessage } from '../../src/engine/rule.js';
import { meetsThreshold } from '../../src/engine/severity.js';
import { policyKinds } from '../../src/model/policy.js';
import { checkWith, ruleById, testNow } from '../helpers/run.js';
import { adminPolicy, readPolicy, tempTree } from '../helpers/tmp.js';

const typed = defineRule({
  id: 'typed-example',
  meta: { category: 'correctness', severity: 'low', recommended: false, inputs: ['policy'], kinds: policyKinds, description: 'Example.' },
  messages: { withData: 'Statement {statement} has {count} actions.', plain: 'Nothing to fill in.' },
  check: {
    statement(context, statement) {
      context.report({ messageId: 'withData', at: statement.span(), data: { statement: 'x', count: 2 } });
      context.report({ messageId: 'plain', at: statement.span() });
      if (Number.isNaN(0)) {
        // @ts-expect-error a placeholder value is missing
        context.report({ messageId: 'withData', at: statement.span(), data: { statement: 'x' } });
        // @ts-expect-error an unknown message id
        context.report({ messageId: 'nope', at: statement.span() });
        // @ts-expect-error data for a message without placeholders
        context.report({ messageId: 'plain', at: statement.span(), data: { statement: 'x' } });
      }
    },
  },
});

const throwing = defineRule({
  id: 'throwing-example',
  meta: { category: 'correctness', severity: 'low', recommended: true, inputs: ['policy'], kinds: policyKinds, description: 'Throws.' },
  messages: { never: 'Never.' },
  check: {
    document() {
      throw new Error('boom');
    },
  },
});

describe('rules and messages', () => {
  it('fills placeholders, and leaves a missing one visible', () => {
    expect(formatMessage('{a} and {b}', { a: 1, b: 'x' })).toBe('1 and x');
    expect(formatMessage('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('runs a typed rule and reports with its messages', () => {
    const root = tempTree({ 'p.json': readPolicy });
    const result = check({ paths: ['.'], cwd: root, config: { ...emptyConfig(root), extends: 'all' }, rules: [typed], cliRules: new Map(), now: testNow });
    expect(result.findings.map((f) => f.message)).toEqual(['Nothing to fill in.', 'Statement x has 2 actions.']);
  });

  it('isolates a rule that throws: other rules and files still run, the failure is returned', () => {
    const root = tempTree({ 'a.json': adminPolicy, 'b.json': adminPolicy });
    const result = check({ paths: ['.'], cwd: root, config: emptyConfig(root), rules: [throwing, ruleById('full-admin')], cliRules: new Map(), now: testNow });
    expect(result.findings.map((f) => `${f.span.file} ${f.ruleId}`)).toEqual(['a.json full-admin', 'b.json full-admin']);
    expect(result.failures.map((f) => `${f.ruleId} ${f.file}`)).toEqual(['throwing-example a.json', 'throwing-example b.json']);
  });

  it('compares severities against --fail-on', () => {
    expect(meetsThreshold('high', 'low')).toBe(true);
    expect(meetsThreshold('info', 'low')).toBe(false);
    expect(meetsThreshold('critical', 'none')).toBe(false);
  });
});

describe('rule options', () => {
  const withOptions = defineRule({
    id: 'options-example',
    meta: {
      category: 'correctness',
      severity: 'low',
      recommended: true,
      inputs: ['policy'],
      kinds: policyKinds,
      description: 'Reports statements with more actions than allowed.',
      optionsSchema: { type: 'object', additionalProperties: false, properties: { maxActions: { type: 'integer', minimum: 1 } } },
    },
    defaultOptions: { maxActions: 3 },
    messages: { tooMany: 'Statement has {count} actions, over {max}.' },
    check: {
      statement(context, statement) {
        const count = statement.action?.items.length ?? 0;
        if (count > context.options.maxActions) context.report({ messageId: 'tooMany', at: statement.span(), data: { count, max: context.options.maxActions } });
      },
    },
  });
  const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: '*' }] });

  const run = (config: string) => {
    const root = tempTree({ 'p.json': policy, '.iamlint.json': config });
    return check({ paths: ['p.json'], cwd: root, config: loadConfig(join(root, '.iamlint.json'), root), rules: [withOptions], cliRules: new Map(), now: testNow });
  };

  it('merges the configured options over the defaults', () => {
    expect(run('{}').findings).toEqual([]);
    expect(run('{"rules": {"options-example": ["medium", {"maxActions": 1}]}}').findings.map((f) => `${f.severity} ${f.message}`)).toEqual(['medium Statement has 2 actions, over 1.']);
  });

  it('rejects options that do not fit the rule schema, naming where they are', () => {
    expect(() => run('{\n  "rules": {"options-example": ["low", {"maxActions": 0}]}\n}')).toThrow(/\.iamlint\.json:2:13: invalid options for rule 'options-example': \/maxActions must be >= 1/);
    expect(() => run('{"rules": {"options-example": ["low", {"max": 1}]}}')).toThrow(/invalid options for rule 'options-example'/);
  });
});

describe('per-finding severity', () => {
  const graded = defineRule({
    id: 'graded-example',
    meta: { category: 'correctness', severity: 'medium', recommended: true, inputs: ['policy'], kinds: policyKinds, description: 'Example.' },
    messages: { found: 'Found.' },
    check: {
      statement(context, statement) {
        context.report({ messageId: 'found', at: statement.span(), severity: 'high' });
      },
    },
  });
  const run = (config: string) => {
    const root = tempTree({ 'p.json': readPolicy, '.iamlint.json': config });
    return check({ paths: ['p.json'], cwd: root, config: loadConfig(join(root, '.iamlint.json'), root), rules: [graded], cliRules: new Map(), now: testNow }).findings.map((f) => f.severity);
  };

  it('applies a severity the rule reports, unless the user set the rule severity', () => {
    expect(run('{}')).toEqual(['high']);
    expect(run('{"rules": {"graded-example": "low"}}')).toEqual(['low']);
  });
});

describe('fingerprints', () => {
  it('stay the same when a finding moves to another line, and differ per place', () => {
    const before = tempTree({ 'p.json': adminPolicy });
    const after = tempTree({ 'p.json': `\n\n${adminPolicy.replace(/\n/g, '\n    ')}` });
    const one = checkWith(['full-admin'], ['p.json'], before).findings[0];
    const two = checkWith(['full-admin'], ['p.json'], after).findings[0];
    expect(one?.span.line).not.toBe(two?.span.line);
    expect(one?.fingerprint).toBe(two?.fingerprint);
    const other = tempTree({ 'q.json': adminPolicy });
    expect(checkWith(['full-admin'], ['q.json'], other).findings[0]?.fingerprint).not.toBe(one?.fingerprint);
  });
});

describe('suppressions', () => {
  const jsonc = (directive: string) =>
    `{\n  "Version": "2012-10-17",\n  "Statement": [\n    ${directive}\n    {"Effect": "Allow", "Action": "*", "Resource": "*"}\n  ]\n}\n`;

  it('an inline directive suppresses the finding on the next line', () => {
    const root = tempTree({ 'p.jsonc': jsonc('// iamlint-disable-next-line full-admin -- break-glass') });
    const result = checkWith(['full-admin', 'unused-suppression'], ['p.jsonc'], root);
    expect(result.findings).toEqual([]);
    expect(result.suppressed.map((f) => f.ruleId)).toEqual(['full-admin']);
  });

  it('a directive naming no rule suppresses every rule on the next line, and is reported when unused', () => {
    const used = checkWith(['full-admin', 'unused-suppression'], ['p.jsonc'], tempTree({ 'p.jsonc': jsonc('// iamlint-disable-next-line -- sandbox account') }));
    expect(used.findings).toEqual([]);
    const unused = checkWith(['full-admin', 'unused-suppression'], ['p.jsonc'], tempTree({ 'p.jsonc': jsonc('// iamlint-disable-next-line\n') }));
    expect(unused.findings.map((f) => `${f.ruleId} ${f.message}`)).toEqual([
      'unused-suppression This iamlint-disable-next-line comment suppresses no iamlint finding on the next line; remove it.',
      expect.stringMatching(/^full-admin /),
    ]);
  });

  it('reports directives that suppress nothing, or name unknown rules', () => {
    const root = tempTree({ 'p.jsonc': jsonc('// iamlint-disable-next-line duplicate-sid, no-such-rule') });
    const result = checkWith(['full-admin', 'duplicate-sid', 'unused-suppression'], ['p.jsonc'], root);
    expect(result.findings.map((f) => `${f.span.line} ${f.ruleId} ${f.messageId}`)).toEqual([
      '4 unused-suppression unknownRule',
      '4 unused-suppression unusedDirective',
      '5 full-admin everyAction',
    ]);
  });

  it('config suppress entries match rule, file glob and Sid, and unused ones are reported at their line', () => {
    const root = tempTree({
      'policies/admin.json': adminPolicy,
      '.iamlint.json': JSON.stringify(
        {
          suppress: [
            { rule: 'full-admin', file: 'policies/*.json', sid: 'Admin', reason: 'break-glass role, reviewed' },
            { rule: 'full-admin', file: 'other/*.json', reason: 'stale' },
          ],
        },
        null,
        2,
      ),
    });
    const config = loadConfig(join(root, '.iamlint.json'), root);
    const result = check({ paths: ['.'], cwd: root, config, rules: ['full-admin', 'unused-suppression'].map(ruleById), cliRules: new Map(), now: testNow });
    expect(result.suppressed.map((f) => f.ruleId)).toEqual(['full-admin']);
    expect(result.findings.map((f) => `${f.span.file}:${f.span.line} ${f.messageId}`)).toEqual(['.iamlint.json:9 unusedEntry']);
  });
});
