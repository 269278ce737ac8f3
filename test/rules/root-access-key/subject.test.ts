/**
 * The subject of root findings (the root user's ARN), which the fixture snapshots do not show. Every
 * root rule takes it from `rootSubject`; this rule's fixtures cover each way of knowing it.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkWith } from '../../helpers/run.js';

const dir = import.meta.dirname;

function subjects(fixture: string): (string | undefined)[] {
  return checkWith(['root-access-key'], [fixture], dir, join(dir, `${fixture}.config.json`))
    .findings.filter((f) => f.ruleId === 'root-access-key')
    .map((f) => f.subject);
}

describe('root-access-key subject', () => {
  it("is the ARN of the credential report's root row", () => {
    expect(subjects('invalid/key-1-active.csv')).toEqual(['arn:aws:iam::111122223333:root']);
  });

  it('is built from the account id that another export gives the summary', () => {
    expect(subjects('invalid/summary-with-mfa-list')).toEqual(['arn:aws:iam::111122223333:root']);
  });

  it("is in the partition of the account's other ARNs", () => {
    expect(subjects('invalid/summary-with-govcloud-gaad')).toEqual(['arn:aws-us-gov:iam::222233334444:root']);
  });

  it('is left out when no export names the account', () => {
    expect(subjects('invalid/summary-only.json')).toEqual([undefined]);
  });
});
