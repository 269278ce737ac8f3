import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InputFile } from '../../src/model/input.js';
import type { ResourcePolicy } from '../../src/model/inventory.js';
import { formatJsonPath, type Span } from '../../src/model/span.js';
import type { ExportContext } from '../../src/sources/export-reader.js';
import { loadFile } from '../../src/sources/load.js';

function load(text: string, context?: ExportContext, path = 'export.json'): InputFile {
  return loadFile(path, Buffer.from(text, 'utf8'), { context });
}

function textAt(text: string, span: Span | undefined): string {
  return span ? text.slice(span.offset, span.offset + span.length) : '';
}

/** The file's resource-policy fragment and its first policy, checked against the documents it pushed. */
function resourcePolicy(file: InputFile): { accountId: string | undefined; policy: ResourcePolicy } {
  const account = file.account;
  if (account?.kind !== 'resource-policy') throw new Error(`expected a resource-policy fragment, got ${account?.kind ?? 'none'}`);
  expect(account.policies.map((p) => p.document)).toEqual(file.documents);
  const [policy] = account.policies;
  if (!policy) throw new Error('no policy in the fragment');
  return { accountId: account.accountId, policy };
}

function problems(file: InputFile): string[] {
  return file.problems.map((p) => `${p.kind} ${formatJsonPath(p.span.path)}: ${p.detail}`);
}

const policyOf = (...statements: object[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });

const bucketPolicy = policyOf(
  { Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::example-reports/*' },
  { Sid: 'TlsOnly', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::example-reports', 'arn:aws:s3:::example-reports/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
);

const keyPolicy = policyOf({
  Sid: 'Enable IAM User Permissions',
  Effect: 'Allow',
  Principal: { AWS: 'arn:aws:iam::111122223333:root' },
  Action: 'kms:*',
  Resource: '*',
});

const queueArn = 'arn:aws:sqs:us-east-1:111122223333:orders';
const queuePolicy = policyOf({ Sid: 'Topic', Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: queueArn, Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:orders' } } });

describe('resource-policy exports: every envelope', () => {
  it('s3api get-bucket-policy: the owner is the bucket the policy names, spans inside the string', () => {
    const text = JSON.stringify({ Policy: bucketPolicy }, null, 4);
    const file = load(text);
    expect(file.kind).toBe('resource-policy-export');
    expect(file.problems).toEqual([]);
    const { accountId, policy } = resourcePolicy(file);
    expect(policy.resourceArn).toBe('arn:aws:s3:::example-reports');
    expect(accountId).toBeUndefined();
    expect(policy.document).toMatchObject({ kind: 'resource', kindSource: 'context', owner: 'arn:aws:s3:::example-reports' });
    expect(textAt(text, policy.span)).toBe(JSON.stringify(bucketPolicy));
    expect(policy.span.path).toEqual(['Policy']);
    const action = policy.document.statements[0]?.action?.items[0];
    expect(textAt(text, action?.span)).toBe('\\"s3:GetObject\\"');
    expect(formatJsonPath(action?.span.path ?? [])).toBe('Policy.Statement[0].Action');
    expect(action?.span.line).toBe(2);
  });

  it('kms get-key-policy: Resource "*" names no key, so the owner comes from the manifest, with its account', () => {
    const text = JSON.stringify({ Policy: keyPolicy, PolicyName: 'default' });
    const alone = resourcePolicy(load(text));
    expect(alone.policy.resourceArn).toBeUndefined();
    expect(alone.accountId).toBeUndefined();
    expect(alone.policy.document.owner).toBeUndefined();
    const keyArn = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const file = load(text, { resourceArn: keyArn });
    expect(file.kind).toBe('resource-policy-export');
    const { accountId, policy } = resourcePolicy(file);
    expect([policy.resourceArn, policy.document.owner, accountId]).toEqual([keyArn, keyArn, '111122223333']);
  });

  it('sqs get-queue-attributes: the owner is QueueArn', () => {
    const text = JSON.stringify({ Attributes: { Policy: queuePolicy, QueueArn: queueArn, VisibilityTimeout: '30' } }, null, 2);
    const file = load(text);
    expect(file.kind).toBe('resource-policy-export');
    const { accountId, policy } = resourcePolicy(file);
    expect([policy.resourceArn, policy.document.owner, accountId]).toEqual([queueArn, queueArn, '111122223333']);
    expect(formatJsonPath(policy.span.path)).toBe('Attributes.Policy');
    expect(textAt(text, policy.document.statements[0]?.span('Action'))).toBe('\\"Action\\":\\"sqs:SendMessage\\"');
  });

  it('sqs get-queue-attributes --attribute-names Policy: no QueueArn, so the queue the policy names', () => {
    const { policy } = resourcePolicy(load(JSON.stringify({ Attributes: { Policy: queuePolicy } })));
    expect(policy.resourceArn).toBe(queueArn);
  });

  it('sns get-topic-attributes: the owner is TopicArn', () => {
    const topicArn = 'arn:aws:sns:eu-west-1:444455556666:alerts';
    const policy = policyOf({ Sid: 'Publish', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'SNS:Publish', Resource: '*' });
    const text = JSON.stringify({ Attributes: { Policy: policy, Owner: '444455556666', TopicArn: topicArn, DisplayName: '', SubscriptionsConfirmed: '1' } });
    const { accountId, policy: read } = resourcePolicy(load(text));
    expect([read.resourceArn, accountId]).toEqual([topicArn, '444455556666']);
  });

  it('lambda get-policy: the policy as a string or as an object (the CLI example), owner from Resource', () => {
    const functionArn = 'arn:aws:lambda:us-west-2:123456789012:function:my-function';
    const statement = { Sid: 'default', Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: functionArn, Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::my-bucket' } } };
    const asString = resourcePolicy(load(JSON.stringify({ Policy: JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: [statement] }), RevisionId: '4843f2f6-7c59-4fda-b484-afd0bc0e22b8' })));
    expect([asString.policy.resourceArn, asString.accountId]).toEqual([functionArn, '123456789012']);
    const text = JSON.stringify({ Policy: { Version: '2012-10-17', Id: 'default', Statement: [statement] }, RevisionId: '4843f2f6' }, null, 2);
    const file = load(text);
    expect(file.kind).toBe('resource-policy-export');
    const asObject = resourcePolicy(file);
    expect(asObject.policy.resourceArn).toBe(functionArn);
    const action = asObject.policy.document.statements[0]?.action?.items[0];
    expect(textAt(text, action?.span)).toBe('"lambda:InvokeFunction"');
    expect(formatJsonPath(action?.span.path ?? [])).toBe('Policy.Statement[0].Action');
  });

  it('secretsmanager get-resource-policy: the owner is ARN', () => {
    const secretArn = 'arn:aws:secretsmanager:us-west-2:123456789012:secret:MyTestDatabaseSecret-a1b2c3';
    const policy = policyOf({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'secretsmanager:GetSecretValue', Resource: '*' });
    const text = JSON.stringify({ ARN: secretArn, Name: 'MyTestDatabaseSecret', ResourcePolicy: policy });
    const file = load(text);
    expect(file.kind).toBe('resource-policy-export');
    const { accountId, policy: read } = resourcePolicy(file);
    expect([read.resourceArn, read.document.owner, accountId]).toEqual([secretArn, secretArn, '123456789012']);
    expect(read.span.path).toEqual(['ResourcePolicy']);
  });

  it('ecr get-repository-policy: no Resource in the policy, so no owner without a manifest', () => {
    const policy = policyOf({ Sid: 'AllowPull', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'] });
    const text = JSON.stringify({ registryId: '123456789012', repositoryName: 'project-a/app', policyText: policy });
    const file = load(text);
    expect(file.kind).toBe('resource-policy-export');
    const { policy: read } = resourcePolicy(file);
    expect(read.resourceArn).toBeUndefined();
    expect(read.span.path).toEqual(['policyText']);
    expect(read.document.statements[0]?.action?.items.map((i) => i.value)).toEqual(['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer']);
  });

  it('glacier get-vault-access-policy: the vault the policy names', () => {
    const vaultArn = 'arn:aws:glacier:us-west-2:111122223333:vaults/examplevault';
    const policy = policyOf({ Sid: 'cross-account-upload', Principal: { AWS: ['arn:aws:iam::444455556666:root'] }, Effect: 'Allow', Action: ['glacier:UploadArchive'], Resource: [vaultArn] });
    const text = JSON.stringify({ policy: { Policy: policy } });
    const { accountId, policy: read } = resourcePolicy(load(text));
    expect([read.resourceArn, accountId]).toEqual([vaultArn, '111122223333']);
    expect(read.span.path).toEqual(['policy', 'Policy']);
  });

  it('efs describe-file-system-policy: a file-system/… ARN is kept whole', () => {
    const fsArn = 'arn:aws:elasticfilesystem:us-east-1:555555555555:file-system/fs-01234567';
    const policy = policyOf({ Sid: 'efs', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'], Resource: fsArn });
    const file = load(JSON.stringify({ FileSystemId: 'fs-01234567', Policy: policy }));
    expect(file.kind).toBe('resource-policy-export');
    expect(resourcePolicy(file).policy.resourceArn).toBe(fsArn);
  });

  it('events describe-event-bus: the owner is Arn', () => {
    const busArn = 'arn:aws:events:us-east-1:123456789012:event-bus/default';
    const policy = policyOf({ Sid: 'AllowAccount', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'events:PutEvents', Resource: busArn });
    const { accountId, policy: read } = resourcePolicy(load(JSON.stringify({ Name: 'default', Arn: busArn, Policy: policy })));
    expect([read.resourceArn, accountId]).toEqual([busArn, '123456789012']);
  });

  it('backup get-backup-vault-access-policy: the owner is BackupVaultArn', () => {
    const vaultArn = 'arn:aws:backup:us-east-1:123456789012:backup-vault:my-vault';
    const policy = policyOf({ Effect: 'Deny', Principal: { AWS: '*' }, Action: 'backup:DeleteRecoveryPoint', Resource: '*' });
    const { policy: read } = resourcePolicy(load(JSON.stringify({ BackupVaultName: 'my-vault', BackupVaultArn: vaultArn, Policy: policy })));
    expect(read.resourceArn).toBe(vaultArn);
  });

  it('logs describe-resource-policies: every policy is linted and in the fragment', () => {
    const logGroupArn = 'arn:aws:logs:us-east-1:111122223333:log-group:/aws/app';
    const route53 = policyOf({ Sid: 'Route53LogsToCloudWatchLogs', Effect: 'Allow', Principal: { Service: ['route53.amazonaws.com'] }, Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: 'arn:aws:logs:us-east-1:111122223333:log-group:/aws/route53/*' });
    const scoped = policyOf({ Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' }, Action: 'logs:PutLogEvents', Resource: `${logGroupArn}:*` });
    const text = JSON.stringify(
      {
        resourcePolicies: [
          { policyName: 'AWSServiceRoleForRoute53', policyDocument: route53, lastUpdatedTime: 1710000000000 },
          { policyName: 'app-delivery', policyDocument: scoped, policyScope: 'RESOURCE', resourceArn: logGroupArn, revisionId: 'r1' },
        ],
      },
      null,
      2,
    );
    const file = load(text);
    expect(file.kind).toBe('resource-policy-export');
    expect(file.problems).toEqual([]);
    expect(file.documents.map((d) => [d.kind, d.owner])).toEqual([
      ['resource', undefined],
      ['resource', logGroupArn],
    ]);
    const { policy } = resourcePolicy(file);
    expect(formatJsonPath(policy.span.path)).toBe('resourcePolicies[0].policyDocument');
    const second = file.documents[1]?.statements[0]?.action?.items[0]?.span;
    expect(formatJsonPath(second?.path ?? [])).toBe('resourcePolicies[1].policyDocument.Statement[0].Action');
  });

  it('reads URL-encoded policy strings, with spans on the %-escapes', () => {
    const text = JSON.stringify({ Attributes: { Policy: encodeURIComponent(queuePolicy), QueueArn: queueArn } });
    const file = load(text);
    expect(file.problems).toEqual([]);
    const { policy } = resourcePolicy(file);
    const action = policy.document.statements[0]?.action?.items[0];
    expect(action?.value).toBe('sqs:SendMessage');
    expect(textAt(text, action?.span)).toBe('%22sqs%3ASendMessage%22');
  });
});

describe('the owner of a resource policy', () => {
  const bucketText = JSON.stringify({ Policy: bucketPolicy });

  it("is the export's own field before the manifest, and the manifest before the policy's Resource", () => {
    const manifestArn = 'arn:aws:sqs:us-east-1:111122223333:from-manifest';
    const own = load(JSON.stringify({ Attributes: { Policy: queuePolicy, QueueArn: queueArn } }), { resourceArn: manifestArn });
    expect(resourcePolicy(own).policy.resourceArn).toBe(queueArn);
    const manifested = load(bucketText, { resourceArn: 'arn:aws:s3:::from-manifest' });
    expect(resourcePolicy(manifested).policy.resourceArn).toBe('arn:aws:s3:::from-manifest');
    expect(manifested.documents[0]?.owner).toBe('arn:aws:s3:::from-manifest');
  });

  it('keeps a kms key/… ARN and an S3 access point, and cuts S3 objects back to their bucket or access point', () => {
    const keyArn = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const owner = (...resources: string[]): string | undefined =>
      resourcePolicy(load(JSON.stringify({ Policy: policyOf(...resources.map((Resource) => ({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource }))) }))).policy.resourceArn;
    expect(owner(keyArn)).toBe(keyArn);
    expect(owner('arn:aws:s3:::b/*', 'arn:aws:s3:::b', 'arn:aws:s3:::b/reports/2026.csv')).toBe('arn:aws:s3:::b');
    expect(owner('arn:aws-cn:s3:::b/*')).toBe('arn:aws-cn:s3:::b');
    const accessPoint = 'arn:aws:s3:us-west-2:123456789012:accesspoint/my-ap';
    expect(owner(`${accessPoint}/object/*`, accessPoint)).toBe(accessPoint);
  });

  it('is undefined when the policy names several resources, a wildcard, a variable, or a statement has no Resource', () => {
    const owner = (...statements: object[]): string | undefined => resourcePolicy(load(JSON.stringify({ Policy: policyOf(...statements) }))).policy.resourceArn;
    const allow = { Effect: 'Allow', Principal: '*', Action: 's3:GetObject' };
    expect(owner({ ...allow, Resource: ['arn:aws:s3:::a/*', 'arn:aws:s3:::b/*'] })).toBeUndefined();
    expect(owner({ ...allow, Resource: 'arn:aws:s3:::a/*' }, { ...allow, Resource: 'arn:aws:s3:::b' })).toBeUndefined();
    expect(owner({ ...allow, Resource: 'arn:aws:s3:::logs-*' })).toBeUndefined();
    expect(owner({ ...allow, Resource: 'arn:aws:s3:::logs-?/x' })).toBeUndefined();
    expect(owner({ ...allow, Resource: 'arn:aws:sqs:us-east-1:${aws:PrincipalAccount}:q' })).toBeUndefined();
    expect(owner({ ...allow, Resource: '*' })).toBeUndefined();
    expect(owner({ ...allow, Resource: 'example-bucket' })).toBeUndefined();
    expect(owner({ ...allow, Resource: 'arn:aws:s3:::a/*' }, { ...allow, NotResource: 'arn:aws:s3:::a/private/*' })).toBeUndefined();
    expect(owner({ ...allow, Resource: [] })).toBeUndefined();
    expect(owner()).toBeUndefined();
  });
});

// Organizations' describe-policy envelope, {"Policy": {"PolicySummary", "Content"}}, is read by its own
// reader: test/sources/organization-exports.test.ts.
describe('what is not a resource-policy export', () => {
  it.each([
    ['iam get-policy (metadata, no document)', { Policy: { PolicyName: 'p', Arn: 'arn:aws:iam::111122223333:policy/p', DefaultVersionId: 'v1' } }],
    ['a Policy that is a plain word', { Policy: 'AllowAll' }],
    ['a Policy of another type with nothing beside it', { Policy: 42 }],
    ['queue attributes without a policy', { Attributes: { QueueArn: 'arn:aws:sqs:us-east-1:111122223333:q', VisibilityTimeout: '30' } }],
    ['attributes whose Policy is not one', { Attributes: { Policy: 5 } }],
    ['a lowercase policy that is not glacier’s', { policy: { Policy: 'none' } }],
    ['a list called resourcePolicies of something else', { resourcePolicies: ['a', 'b'] }],
    ['a Policy object without Statement or a policy Version', { Policy: { Version: '3' } }],
  ])('%s', (_, content) => {
    const file = load(JSON.stringify(content));
    expect(file.kind).toBe('unrecognized');
    expect(file.documents).toEqual([]);
    expect(file.account).toBeUndefined();
  });
});

describe('resource-policy exports of the wrong shape', () => {
  it('reports a policy slot of the wrong type when the envelope is recognized by its other keys', () => {
    const text = '{"Policy": 42, "RevisionId": "4843f2f6"}';
    const file = load(text);
    expect(file.kind).toBe('resource-policy-export');
    expect(problems(file)).toEqual(['export Policy: Policy should be a policy document (an object or a JSON string), not a number']);
    expect(textAt(text, file.problems[0]?.span)).toBe('42');
    expect(file.account).toBeUndefined();
    expect(problems(load('{"Attributes": {"Policy": [], "TopicArn": "arn:aws:sns:us-east-1:111122223333:t"}}'))).toEqual([
      'export Attributes.Policy: Attributes.Policy should be a policy document (an object or a JSON string), not an array',
    ]);
  });

  it('reports a policy string that is not JSON, at the string', () => {
    const text = '{"Policy": "not a policy", "PolicyName": "default"}';
    const file = load(text);
    expect(file.kind).toBe('resource-policy-export');
    expect(file.problems.map((p) => p.kind)).toEqual(['embedded']);
    expect(file.problems[0]?.span.offset).toBeGreaterThanOrEqual(text.indexOf('"not'));
  });

  it('reports an ARN field that is not an ARN, and falls back to the policy', () => {
    const text = JSON.stringify({ ARN: 7, Name: 's', ResourcePolicy: policyOf({ Effect: 'Allow', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:s-AbCdEf' }) });
    const file = load(text);
    expect(problems(file)).toEqual(["export ARN: ARN should be the resource's ARN, not a number"]);
    expect(textAt(text, file.problems[0]?.span)).toBe('7');
    expect(resourcePolicy(file).policy.resourceArn).toBe('arn:aws:secretsmanager:us-east-1:111122223333:secret:s-AbCdEf');
  });

  it('reports log policy entries that are not {policyName, policyDocument}, and reads the others', () => {
    const text = JSON.stringify({ resourcePolicies: [{ policyName: 'empty' }, 'x', { policyName: 'ok', policyDocument: policyOf({ Effect: 'Allow', Principal: '*', Action: 'logs:PutLogEvents', Resource: '*' }) }] });
    const file = load(text);
    expect(file.kind).toBe('resource-policy-export');
    expect(problems(file)).toEqual(['export resourcePolicies[0]: resourcePolicies[0] has no policyDocument', 'export resourcePolicies[1]: resourcePolicies[1] should be a {"policyName", "policyDocument"} object, not a string']);
    expect(file.documents).toHaveLength(1);
    expect(formatJsonPath(resourcePolicy(file).policy.span.path)).toBe('resourcePolicies[2].policyDocument');
  });

  it('an empty describe-resource-policies is recognized, with nothing in it', () => {
    const file = load('{"resourcePolicies": []}');
    expect([file.kind, file.documents.length, file.account]).toEqual(['resource-policy-export', 0, undefined]);
  });
});

describe('resource-policy exports with arbitrary content', () => {
  const policyString = fc
    .record({ Effect: fc.constantFrom('Allow', 'Deny', 3), Resource: fc.oneof(fc.constantFrom('arn:aws:s3:::b/*', 'arn:aws:sqs:us-east-1:111122223333:q', '*'), fc.string({ maxLength: 6 })) }, { requiredKeys: [] })
    .chain((statement) => fc.constantFrom(JSON.stringify({ Statement: [statement] }), encodeURIComponent(JSON.stringify({ Statement: statement })), '{"Statement": [', '%7B%ZZ'));
  const leaf = fc.oneof(fc.jsonValue({ maxDepth: 1 }), policyString, fc.constantFrom('arn:aws:sns:us-east-1:111122223333:t', 'arn:'));
  const keys = ['Policy', 'PolicyName', 'Attributes', 'QueueArn', 'ARN', 'Arn', 'ResourcePolicy', 'policyText', 'policy', 'resourcePolicies', 'policyDocument'];
  const value = fc.letrec((tie) => ({
    any: fc.oneof({ depthSize: 'small' }, leaf, tie('object'), fc.array(tie('any'), { maxLength: 3 })),
    object: fc.dictionary(fc.constantFrom(...keys), tie('any'), { maxKeys: 4 }),
  }));
  // Mostly the envelopes themselves, with a policy, a broken one or anything at all in their slots.
  const slot = fc.oneof(policyString, policyString, value.any);
  const envelope = fc.oneof(
    fc.record({ Policy: slot, PolicyName: leaf, RevisionId: leaf, FileSystemId: leaf, Name: leaf, Arn: leaf, BackupVaultArn: leaf }, { requiredKeys: ['Policy'] }),
    fc.record({ Attributes: fc.record({ Policy: slot, QueueArn: leaf, TopicArn: leaf }, { requiredKeys: ['Policy'] }) }),
    fc.record({ ARN: leaf, Name: leaf, ResourcePolicy: slot }, { requiredKeys: ['ResourcePolicy'] }),
    fc.record({ registryId: leaf, repositoryName: leaf, policyText: slot }, { requiredKeys: ['policyText'] }),
    fc.record({ policy: fc.record({ Policy: slot }) }),
    fc.record({ resourcePolicies: fc.array(fc.oneof(fc.record({ policyName: leaf, policyDocument: slot, resourceArn: leaf }, { requiredKeys: [] }), value.any), { maxLength: 3 }) }),
    value.object,
  );

  it('never throws; whatever it reads is a resource policy whose owner is the fragment’s, and every problem is inside the file', () => {
    fc.assert(
      fc.property(envelope, fc.option(fc.constant('arn:aws:s3:::manifest-bucket'), { nil: undefined }), (content, resourceArn) => {
        const text = JSON.stringify(content, null, 1);
        const file = load(text, { resourceArn });
        expect(['resource-policy-export', 'unrecognized']).toContain(file.kind);
        for (const document of file.documents) expect(document.kind).toBe('resource');
        if (file.account) {
          expect(file.account.kind).toBe('resource-policy');
          if (file.account.kind === 'resource-policy') for (const policy of file.account.policies) expect(policy.document.owner).toBe(policy.resourceArn);
        } else if (file.kind === 'resource-policy-export') expect(file.documents).toEqual([]);
        for (const p of file.problems) expect(p.span.offset + p.span.length).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 500 },
    );
  });
});
