import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as Build from '../../src/graph/build.js';
import { emptyConfig } from '../../src/config/load.js';
import type { RuleSetting } from '../../src/config/config.js';
import { check } from '../../src/engine/check.js';
import { fingerprint } from '../../src/engine/fingerprint.js';
import { defineRule, type AnyRule } from '../../src/engine/rule.js';
import { buildGraph } from '../../src/graph/build.js';
import { SourceFile } from '../../src/model/source.js';
import { ruleById } from '../helpers/run.js';
import { tempTree } from '../helpers/tmp.js';

// Graph rules: the engine builds the access graph only when a rule needs it and an account has
// authorization details, runs their `graph` visitor once, and isolates a rule that throws.

vi.mock('../../src/graph/build.js', async (importOriginal) => {
  const actual = await importOriginal<typeof Build>();
  return { ...actual, buildGraph: vi.fn(actual.buildGraph) };
});

const built = vi.mocked(buildGraph);
afterEach(() => {
  built.mockClear();
});

/** One user with no policy, in a GAAD. */
const gaad = JSON.stringify(
  {
    UserDetailList: [{ Path: '/', UserName: 'dev', UserId: 'AIDAEXAMPLEDEV000001', Arn: 'arn:aws:iam::111122223333:user/dev', CreateDate: '2024-01-10T09:00:00Z', UserPolicyList: [], GroupList: [], AttachedManagedPolicies: [], Tags: [] }],
    GroupDetailList: [],
    RoleDetailList: [],
    Policies: [],
  },
  null,
  2,
);

const header =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
const csv = `${header}\ndev,arn:aws:iam::111122223333:user/dev,2024-01-10T09:00:00+00:00,false,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n`;
const report = JSON.stringify({ Content: Buffer.from(csv).toString('base64'), ReportFormat: 'text/csv', GeneratedTime: '2026-02-15T00:00:00+00:00' });

/** Reports every user of the graph at its entity, and records the date it was given. */
function userReporter(seen: string[]) {
  return defineRule({
    id: 'graph-users',
    meta: { category: 'privilege-escalation', severity: 'info', recommended: true, inputs: ['graph'], kinds: [], description: 'Reports users.' },
    messages: { user: 'User {label}.' },
    check: {
      graph(context, graph) {
        seen.push(context.now.toISOString().slice(0, 10));
        graph.graph.forEachNode((key, node) => {
          if (node.kind === 'user' && node.span) context.report({ messageId: 'user', at: node.span, subject: key, data: { label: node.label } });
        });
      },
    },
  });
}

const thrower = defineRule({
  id: 'graph-thrower',
  meta: { category: 'privilege-escalation', severity: 'info', recommended: true, inputs: ['graph'], kinds: [], description: 'Throws.' },
  messages: { never: 'Never.' },
  check: {
    graph() {
      throw new Error('boom');
    },
  },
});

const clock = (): Date => new Date('2030-01-01T00:00:00Z');

function run(root: string, rules: readonly AnyRule[], options: { now?: Date; cliRules?: ReadonlyMap<string, RuleSetting> } = {}) {
  return check({ paths: ['.'], cwd: root, config: emptyConfig(root), rules, cliRules: options.cliRules ?? new Map(), now: options.now, clock });
}

describe('graph rules', () => {
  it('get the graph once, dated by --now, else by the credential report, else by the clock', () => {
    const seen: string[] = [];
    const root = tempTree({ 'account/gaad.json': gaad, 'account/report.json': report });
    const result = run(root, [userReporter(seen)]);
    expect(built).toHaveBeenCalledTimes(1);
    expect(seen).toEqual(['2026-02-15']);
    expect(built.mock.calls[0]?.[1].now.toISOString()).toBe('2026-02-15T00:00:00.000Z');
    expect(result.findings.map((f) => `${f.ruleId} ${f.subject ?? ''} ${f.span.file}:${f.span.line} ${f.message}`)).toEqual(['graph-users arn:aws:iam::111122223333:user/dev account/gaad.json:3 User user/dev.']);
    // Fingerprints hash the entity's text in the export, as for account rules.
    const finding = result.findings[0];
    if (!finding) throw new Error('no finding');
    const withText = fingerprint(finding.ruleId, finding.messageId, finding.subject, finding.span, new SourceFile(finding.span.file, readFileSync(join(root, finding.span.file), 'utf8')));
    expect(finding.fingerprint).toBe(withText);
    expect(finding.fingerprint).not.toBe(fingerprint(finding.ruleId, finding.messageId, finding.subject, finding.span, undefined));

    seen.length = 0;
    run(root, [userReporter(seen)], { now: new Date('2026-01-10T00:00:00Z') });
    expect(seen).toEqual(['2026-01-10']);

    seen.length = 0;
    run(tempTree({ 'gaad.json': gaad }), [userReporter(seen)]);
    expect(seen).toEqual(['2030-01-01']);
  });

  it('are given the zone of trust of the config', () => {
    const root = tempTree({ 'gaad.json': gaad });
    const config = { ...emptyConfig(root), trust: { accounts: ['444455556666'], organizationIds: ['o-a1b2c3d4e5'] } };
    check({ paths: ['.'], cwd: root, config, rules: [userReporter([])], cliRules: new Map(), now: undefined, clock });
    expect(built.mock.calls[0]?.[1].trust).toEqual({ accounts: ['444455556666'], organizationIds: ['o-a1b2c3d4e5'] });
  });

  it('build no graph when no active rule needs one, or no account has authorization details', () => {
    const seen: string[] = [];
    // Only rules without a graph visitor.
    run(tempTree({ 'gaad.json': gaad }), [ruleById('admin-policy-attached')]);
    // The graph rule is turned off.
    run(tempTree({ 'gaad.json': gaad }), [userReporter(seen)], { cliRules: new Map([['graph-users', { level: 'off', options: undefined, span: undefined }]]) });
    // A credential report alone: an account, but nothing to build a graph from.
    const alone = run(tempTree({ 'report.json': report }), [userReporter(seen)]);
    expect(alone.inventory.accounts.map((a) => a.id)).toEqual(['111122223333']);
    expect(built).not.toHaveBeenCalled();
    expect(seen).toEqual([]);
  });

  it('isolate a graph rule that throws: the others still report', () => {
    const root = tempTree({ 'gaad.json': gaad });
    const result = run(root, [thrower, userReporter([])]);
    expect(result.failures.map((f) => `${f.ruleId} ${f.file} ${String(f.error)}`)).toEqual(['graph-thrower gaad.json Error: boom']);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['graph-users']);
  });

  it('fail each graph rule, and only those, when the graph cannot be built', () => {
    built.mockImplementationOnce(() => {
      throw new Error('cannot build');
    });
    const root = tempTree({ 'gaad.json': gaad.replace('"AttachedManagedPolicies": []', '"AttachedManagedPolicies": [{ "PolicyName": "AdministratorAccess", "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess" }]') });
    const result = run(root, [thrower, userReporter([]), ruleById('admin-policy-attached')]);
    expect(result.failures.map((f) => `${f.ruleId} ${f.file} ${String(f.error)}`)).toEqual(['graph-thrower gaad.json Error: cannot build', 'graph-users gaad.json Error: cannot build']);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['admin-policy-attached']);
  });
});
