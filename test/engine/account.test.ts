import { describe, expect, it } from 'vitest';
import { emptyConfig } from '../../src/config/load.js';
import { check } from '../../src/engine/check.js';
import { defineRule } from '../../src/engine/rule.js';
import { ruleById } from '../helpers/run.js';
import { tempTree } from '../helpers/tmp.js';

const header =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
/** A user whose only key was created on 2026-01-01 and is used every day. */
const csv = `${header}\nci,arn:aws:iam::111122223333:user/ci,2025-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,true,2026-01-01T00:00:00+00:00,2026-12-01T00:00:00+00:00,us-east-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n`;
const envelope = (generated: string): string => JSON.stringify({ Content: Buffer.from(csv).toString('base64'), ReportFormat: 'text/csv', GeneratedTime: generated });

/** Records what each account visit saw. */
function recorder(seen: string[]) {
  return defineRule({
    id: 'account-recorder',
    meta: { category: 'credentials', severity: 'info', recommended: true, inputs: ['account'], kinds: [], description: 'Records accounts.' },
    messages: { seen: 'Account {id} at {now}.' },
    check: {
      account(context, account) {
        seen.push(`${account.id ?? '?'} ${context.now.toISOString().slice(0, 10)} ${account.files.join(',')}`);
      },
    },
  });
}

describe('account rules', () => {
  const clock = (): Date => new Date('2030-01-01T00:00:00Z');

  it("compare dates with --now when given, else with the credential report's GeneratedTime, else with the clock", () => {
    const root = tempTree({ 'a/credential-report.json': envelope('2026-02-15T00:00:00+00:00'), 'b/credential-report.csv': csv.replace(/111122223333/g, '444455556666') });
    const seen: string[] = [];
    const rules = [recorder(seen), ruleById('access-key-not-rotated')];
    const run = (now: Date | undefined) => check({ paths: ['.'], cwd: root, config: emptyConfig(root), rules, cliRules: new Map(), now, clock });

    const fromExports = run(undefined);
    expect(seen).toEqual(['111122223333 2026-02-15 a/credential-report.json', '444455556666 2030-01-01 b/credential-report.csv']);
    // 45 days after its creation the key is not stale; four years later it is.
    expect(fromExports.findings.filter((f) => f.ruleId === 'access-key-not-rotated').map((f) => f.span.file)).toEqual(['b/credential-report.csv']);

    seen.length = 0;
    const explicit = run(new Date('2026-01-10T00:00:00Z'));
    expect(seen).toEqual(['111122223333 2026-01-10 a/credential-report.json', '444455556666 2026-01-10 b/credential-report.csv']);
    expect(explicit.findings.filter((f) => f.ruleId === 'access-key-not-rotated')).toEqual([]);
  });

  it('isolate an account rule that throws, and keep the others', () => {
    const throwing = defineRule({
      id: 'account-thrower',
      meta: { category: 'credentials', severity: 'info', recommended: true, inputs: ['account'], kinds: [], description: 'Throws.' },
      messages: { never: 'Never.' },
      check: {
        account() {
          throw new Error('boom');
        },
      },
    });
    const root = tempTree({ 'credential-report.csv': csv });
    const result = check({ paths: ['.'], cwd: root, config: emptyConfig(root), rules: [throwing, ruleById('access-key-not-rotated')], cliRules: new Map(), now: undefined, clock });
    expect(result.failures.map((f) => `${f.ruleId} ${f.file}`)).toEqual(['account-thrower credential-report.csv']);
    expect(result.findings.map((f) => `${f.ruleId} ${f.subject ?? ''}`)).toEqual(['access-key-not-rotated arn:aws:iam::111122223333:user/ci']);
    expect(result.inventory.accounts.map((a) => a.id)).toEqual(['111122223333']);
  });
});
