import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultSizeLimits, measurePolicyText, sizeQuota } from '../../src/iam/policy-size.js';

describe('policy size quotas', () => {
  it.each([
    ['identity', undefined, 6144, 'withoutWhitespace'],
    ['boundary', undefined, 6144, 'withoutWhitespace'],
    ['identity', 'arn:aws:iam::111122223333:policy/team/deploy', 6144, 'withoutWhitespace'],
    ['identity', 'arn:aws:iam::111122223333:user/alice', 2048, 'withoutWhitespace'],
    ['identity', 'arn:aws:iam::111122223333:group/admins', 5120, 'withoutWhitespace'],
    ['identity', 'arn:aws:iam::111122223333:role/app', 10240, 'withoutWhitespace'],
    ['trust', 'arn:aws:iam::111122223333:role/app', 2048, 'withoutWhitespace'],
    ['scp', undefined, 10240, 'minified'],
    ['rcp', undefined, 5120, 'minified'],
    ['resource', undefined, 32768, 'minified'],
    ['resource', 'arn:aws:s3:::example-bucket', 20480, 'minified'],
    ['resource', 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab', 32768, 'minified'],
    ['resource', 'arn:aws:sqs:us-east-1:111122223333:orders', 8192, 'minified'],
    ['resource', 'arn:aws:sns:us-east-1:111122223333:events', 30720, 'minified'],
    ['resource', 'arn:aws:lambda:us-east-1:111122223333:function:app', 20480, 'minified'],
    ['resource', 'arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf', 20480, 'minified'],
    ['resource', 'arn:aws:ecr:us-east-1:111122223333:repository/app', 10240, 'minified'],
  ] as const)('%s held by %s: %i characters, counted %s', (kind, owner, limit, counting) => {
    expect(sizeQuota(kind, owner)).toMatchObject({ limit, counting });
  });

  it('exempts AWS managed policies and holders whose quota is unknown', () => {
    expect(sizeQuota('identity', 'arn:aws:iam::aws:policy/AWSBackupFullAccess')).toBeUndefined();
    expect(sizeQuota('boundary', 'arn:aws:iam::aws:policy/PowerUserAccess')).toBeUndefined();
    expect(sizeQuota('scp', 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess')).toBeUndefined();
    expect(sizeQuota('identity', 'arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-1234567890abcdef')).toBeUndefined();
    expect(sizeQuota('resource', 'arn:aws:es:us-east-1:111122223333:domain/logs')).toBeUndefined();
    expect(sizeQuota('resource', 'arn:aws:s3:us-east-1:111122223333:accesspoint/reports')).toBeUndefined();
  });

  it('says which services count whitespace as sent', () => {
    expect(sizeQuota('scp', undefined)?.countsWhitespaceAsSent).toBe(true);
    expect(sizeQuota('resource', 'arn:aws:ecr:us-east-1:111122223333:repository/app')?.countsWhitespaceAsSent).toBe(true);
    expect(sizeQuota('resource', 'arn:aws:s3:::example-bucket')?.countsWhitespaceAsSent).toBe(false);
    expect(sizeQuota('identity', undefined)?.countsWhitespaceAsSent).toBe(false);
  });

  it('uses the configured limits for unknown holders and trust policies', () => {
    const limits = { ...defaultSizeLimits, identity: 10240, trust: 4096 };
    expect(sizeQuota('identity', undefined, limits)).toMatchObject({ limit: 10240, quota: "the 10,240-character limit set by the rule's identity option" });
    expect(sizeQuota('trust', undefined, limits)?.limit).toBe(4096);
    expect(sizeQuota('identity', 'arn:aws:iam::111122223333:policy/x', limits)?.limit).toBe(6144);
  });
});

describe('measuring policy text', () => {
  it('counts characters as written, minified and without any whitespace', () => {
    expect(measurePolicyText('{ "Sid": "a b",\n  "X": "\\" y" }')).toEqual({ asWritten: 31, minified: 24, withoutWhitespace: 22 });
  });

  it('decodes a policy held in a JSON string', () => {
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/"q"' }] }, null, 2);
    const held = JSON.stringify(policy).slice(1, -1);
    expect(held.length).toBeGreaterThan(policy.length);
    expect(measurePolicyText(held)).toEqual(measurePolicyText(policy));
  });

  it('decodes a URL-encoded policy', () => {
    const policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}';
    expect(measurePolicyText(encodeURIComponent(policy))).toEqual(measurePolicyText(policy));
  });

  const json = fc.json({ maxDepth: 3 });

  it('agrees with JSON.stringify: minified is the length of the compact form', () => {
    fc.assert(
      fc.property(json, fc.constantFrom(0, 1, 2, '\t'), (text, indent) => {
        const value: unknown = JSON.parse(text);
        const pretty = JSON.stringify({ v: value }, null, indent);
        const compact = JSON.stringify({ v: value });
        const size = measurePolicyText(pretty);
        expect(size.asWritten).toBe(pretty.length);
        expect(size.minified).toBe(compact.length);
        expect(size.withoutWhitespace).toBeLessThanOrEqual(size.minified);
      }),
      { numRuns: 500 },
    );
  });
});
