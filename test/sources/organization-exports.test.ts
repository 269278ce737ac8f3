import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InputFile } from '../../src/model/input.js';
import type { OrganizationPolicyExport } from '../../src/model/inventory.js';
import { formatJsonPath, type Span } from '../../src/model/span.js';
import { loadFile } from '../../src/sources/load.js';
import { checkWith } from '../helpers/run.js';
import { tempTree } from '../helpers/tmp.js';

const fixtures = join(import.meta.dirname, 'fixtures', 'organization');

function load(text: string, path = 'scp.json'): InputFile {
  return loadFile(path, Buffer.from(text, 'utf8'));
}

function textAt(text: string, span: Span | undefined): string {
  return span ? text.slice(span.offset, span.offset + span.length) : '';
}

function problems(file: InputFile): string[] {
  return file.problems.map((p) => `${p.kind} ${formatJsonPath(p.span.path)}: ${p.detail}`);
}

/** The file's organization policies; a file with none has no fragment. */
function policiesOf(file: InputFile): readonly OrganizationPolicyExport[] {
  if (file.account === undefined) return [];
  if (file.account.kind !== 'organization-policy') throw new Error(`expected an organization-policy fragment, got ${file.account.kind}`);
  return file.account.policies;
}

const policyOf = (...statements: object[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const denyLeave = policyOf({ Sid: 'NoLeaving', Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' });

/** `aws organizations describe-policy` output. */
function envelope(id: string, type: string, content: unknown, extra: object = {}): object {
  const kind = type === 'RESOURCE_CONTROL_POLICY' ? 'resource_control_policy' : 'service_control_policy';
  const summary = { Id: id, Arn: `arn:aws:organizations::999999999999:policy/o-exampleorgid/${kind}/${id}`, Name: id.slice(2), Description: '', Type: type, AwsManaged: false, ...extra };
  return { Policy: { PolicySummary: summary, Content: content } };
}

describe('organizations describe-policy', () => {
  it('reads an SCP as a policy of kind scp owned by its ARN, with spans inside the Content string', () => {
    const text = readFileSync(join(fixtures, 'scp-deny-workloads.json'), 'utf8');
    const file = load(text, 'scp-deny-workloads.json');
    expect(file.kind).toBe('organization-policy');
    expect(file.problems).toEqual([]);
    const [policy, ...others] = policiesOf(file);
    expect(others).toEqual([]);
    const arn = 'arn:aws:organizations::999999999999:policy/o-exampleorgid/service_control_policy/p-deny0001';
    expect(policy).toMatchObject({ id: 'p-deny0001', arn, name: 'DenyWorkloadIam', type: 'scp', awsManaged: false });
    expect(file.documents).toEqual([policy?.document]);
    expect(policy?.document).toMatchObject({ kind: 'scp', kindSource: 'context', owner: arn });
    expect(textAt(text, policy?.span).startsWith('{\n        "PolicySummary"')).toBe(true);
    expect(policy?.span.path).toEqual(['Policy']);
    const action = policy?.document?.statements[0]?.action?.items[0];
    expect(action?.value).toBe('organizations:LeaveOrganization');
    expect(textAt(text, action?.span)).toBe('\\"organizations:LeaveOrganization\\"');
    expect(formatJsonPath(action?.span.path ?? [])).toBe('Policy.Content.Statement[0].Action');
    expect(action?.span.line).toBe(11);
  });

  it('reads an AWS managed policy into the model but does not lint it, as with AWS managed IAM policies', () => {
    const file = load(readFileSync(join(fixtures, 'scp-full-access.json'), 'utf8'));
    expect(file.problems).toEqual([]);
    expect(file.documents).toEqual([]);
    const [policy] = policiesOf(file);
    expect(policy).toMatchObject({ id: 'p-FullAWSAccess', name: 'FullAWSAccess', type: 'scp', awsManaged: true });
    expect(policy?.document?.statements[0]?.effect?.value).toBe('Allow');
  });

  it('reads an RCP as kind rcp; AwsManaged, when missing, comes from the ARN', () => {
    const rcp = policyOf({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    const file = load(JSON.stringify(envelope('p-rcp00001', 'RESOURCE_CONTROL_POLICY', rcp, { AwsManaged: undefined })));
    expect(policiesOf(file).map((p) => [p.type, p.awsManaged, p.document?.kind])).toEqual([['rcp', false, 'rcp']]);
    const managed = load(JSON.stringify({ Policy: { PolicySummary: { Id: 'p-RCPFullAWSAccess', Arn: 'arn:aws:organizations::aws:policy/resource_control_policy/p-RCPFullAWSAccess', Type: 'RESOURCE_CONTROL_POLICY' }, Content: policyOf({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }) } }));
    expect(policiesOf(managed).map((p) => [p.id, p.name, p.awsManaged])).toEqual([['p-RCPFullAWSAccess', 'p-RCPFullAWSAccess', true]]);
    expect(managed.documents).toEqual([]);
  });

  it('accepts a Content that is already an object', () => {
    const file = load(JSON.stringify(envelope('p-object01', 'SERVICE_CONTROL_POLICY', JSON.parse(denyLeave))));
    expect(file.problems).toEqual([]);
    expect(formatJsonPath(policiesOf(file)[0]?.document?.statements[0]?.span().path ?? [])).toBe('Policy.Content.Statement[0]');
  });

  it('reads a JSON array of outputs, and {"Policies": [...]}, reporting the entries that are not outputs', () => {
    const two = [envelope('p-deny0001', 'SERVICE_CONTROL_POLICY', denyLeave), envelope('p-tags0001', 'TAG_POLICY', '{"tags": {}}'), envelope('p-deny0002', 'SERVICE_CONTROL_POLICY', denyLeave)];
    const list = load(JSON.stringify([...two, 'p-deny0003', { Policy: 'x' }], null, 2));
    expect(list.kind).toBe('organization-policy');
    expect(policiesOf(list).map((p) => p.id)).toEqual(['p-deny0001', 'p-deny0002']);
    expect(list.documents.map((d) => formatJsonPath(d.span().path))).toEqual(['[0].Policy.Content', '[2].Policy.Content']);
    expect(problems(list)).toEqual([
      'export [3]: [3] should be a describe-policy output {"Policy": {"PolicySummary", "Content"}}, not a string',
      'export [4].Policy: [4].Policy should be an object with PolicySummary and Content, not a string',
    ]);
    const wrapped = load(JSON.stringify({ Policies: two }));
    expect(wrapped.kind).toBe('organization-policy');
    expect(wrapped.problems).toEqual([]);
    expect(policiesOf(wrapped).map((p) => formatJsonPath(p.span.path))).toEqual(['Policies[0].Policy', 'Policies[2].Policy']);
  });

  it('reads other policy types past: no document, no problem, no fragment', () => {
    for (const type of ['TAG_POLICY', 'BACKUP_POLICY', 'AISERVICES_OPT_OUT_POLICY', 'SOME_FUTURE_POLICY']) {
      const file = load(JSON.stringify(envelope('p-other001', type, '{"tags": {"CostCenter": {"tag_key": {"@@assign": "CostCenter"}}}}')));
      expect([file.kind, file.documents, file.problems, file.account]).toEqual(['organization-policy', [], [], undefined]);
    }
  });

  it('is not taken for a resource-policy export, nor is a list of something else', () => {
    const file = load(JSON.stringify({ Policy: { PolicySummary: { Id: 'p-1', Name: 'scp' }, Content: '{"Version":"2012-10-17","Statement":[]}' } }));
    expect(file.kind).toBe('organization-policy');
    expect(problems(file)).toEqual(['export Policy.PolicySummary: Policy.PolicySummary has no Type (a policy type such as SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY)']);
    expect(file.documents).toEqual([]);
    // `aws organizations list-policies`: summaries without content.
    expect(load(JSON.stringify({ Policies: [{ Id: 'p-FullAWSAccess', Type: 'SERVICE_CONTROL_POLICY' }] })).kind).toBe('unrecognized');
    expect(load('[1, 2]').kind).toBe('unrecognized');
    expect(load('[]').kind).toBe('unrecognized');
  });
});

describe('describe-policy outputs of the wrong shape', () => {
  it('reports a Content that is not JSON at the characters inside the string, and keeps the policy without a document', () => {
    const text = JSON.stringify(envelope('p-broken01', 'SERVICE_CONTROL_POLICY', '{"Version": "2012-10-17", "Statement": [}'), null, 2);
    const file = load(text);
    expect(file.problems.map((p) => [p.kind, p.detail])).toEqual([['embedded', 'expected a value']]);
    expect(textAt(text, file.problems[0]?.span)).toBe('}');
    expect(file.problems[0]?.span.line).toBe(11);
    expect(file.documents).toEqual([]);
    expect(policiesOf(file).map((p) => [p.id, p.document])).toEqual([['p-broken01', undefined]]);
  });

  it('reports a Content of the wrong type, a missing Content, and a Content that is not an object', () => {
    expect(problems(load(JSON.stringify(envelope('p-number01', 'SERVICE_CONTROL_POLICY', 42))))).toEqual([
      'export Policy.Content: Policy.Content should be a policy document (an object or a JSON string), not a number',
    ]);
    expect(problems(load(JSON.stringify({ Policy: { PolicySummary: { Id: 'p-nothing1', Type: 'SERVICE_CONTROL_POLICY' } } })))).toEqual(['export Policy: Policy has no Content (the policy document)']);
    const list = load(JSON.stringify(envelope('p-list0001', 'SERVICE_CONTROL_POLICY', '[1]')));
    expect(list.problems.map((p) => [p.kind, p.detail])).toEqual([['embedded', 'the policy string does not hold a JSON object']]);
  });

  it('reports summary members of the wrong shape and still lints the document', () => {
    const text = JSON.stringify(envelope('policy-1', 'SERVICE_CONTROL_POLICY', denyLeave, { Arn: 7, AwsManaged: 'no', Name: ['n'] }));
    const file = load(text);
    expect(problems(file)).toEqual([
      "export Policy.PolicySummary.Arn: Policy.PolicySummary.Arn should be the policy's ARN, not a number",
      "export Policy.PolicySummary.Id: Policy.PolicySummary.Id should be a policy id (p- and 8 to 128 letters, digits or _), not 'policy-1'",
      'export Policy.PolicySummary.Name: Policy.PolicySummary.Name should be a name, not an array',
      'export Policy.PolicySummary.AwsManaged: Policy.PolicySummary.AwsManaged should be true or false, not a string',
    ]);
    // Linted (without an owner), but it cannot be attached without an id.
    expect(file.documents.map((d) => [d.kind, d.owner])).toEqual([['scp', undefined]]);
    expect(file.account).toBeUndefined();
  });

  it('takes the id from the ARN when Id is missing; without either the policy is reported', () => {
    const arn = 'arn:aws:organizations::999999999999:policy/o-exampleorgid/service_control_policy/p-fromarn1';
    const fromArn = load(JSON.stringify({ Policy: { PolicySummary: { Arn: arn, Type: 'SERVICE_CONTROL_POLICY' }, Content: denyLeave } }));
    expect(fromArn.problems).toEqual([]);
    expect(policiesOf(fromArn).map((p) => [p.id, p.name])).toEqual([['p-fromarn1', 'p-fromarn1']]);
    const neither = load(JSON.stringify({ Policy: { PolicySummary: { Type: 'SERVICE_CONTROL_POLICY' }, Content: denyLeave } }));
    expect(problems(neither)).toEqual(['export Policy.PolicySummary: Policy.PolicySummary has no Id, and its Arn names none: the manifest cannot attach it']);
    expect(neither.documents).toHaveLength(1);
  });

  it('reports a missing or wrong PolicySummary and Type', () => {
    expect(problems(load(JSON.stringify({ Policy: { Content: denyLeave } })))).toEqual(['export Policy: Policy has no PolicySummary, so its type is unknown']);
    expect(problems(load(JSON.stringify({ Policy: { PolicySummary: [], Content: denyLeave } })))).toEqual(['export Policy.PolicySummary: Policy.PolicySummary should be an object, not an array']);
    expect(problems(load(JSON.stringify({ Policy: { PolicySummary: { Type: 3 }, Content: denyLeave } })))).toEqual([
      'export Policy.PolicySummary.Type: Policy.PolicySummary.Type should be a policy type such as SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY, not a number',
    ]);
  });

  it('never throws on arbitrary envelopes; documents are SCPs or RCPs, problems inside the file', () => {
    const leaf = fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.constantFrom('SERVICE_CONTROL_POLICY', 'TAG_POLICY', 'p-abcd1234', 'arn:aws:organizations::aws:policy/x/p-FullAWSAccess', denyLeave, '{"Statement": ['));
    // Mostly well-formed summaries and contents, so that the reading itself is exercised, not only the rejections.
    const often = <T>(good: fc.Arbitrary<T>): fc.Arbitrary<unknown> => fc.oneof({ arbitrary: good, weight: 3 }, { arbitrary: leaf, weight: 1 });
    const summary = fc.oneof(
      { arbitrary: fc.record({ Id: often(fc.constantFrom('p-abcd1234', 'p-FullAWSAccess')), Arn: leaf, Name: leaf, Type: often(fc.constantFrom('SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY')), AwsManaged: often(fc.boolean()) }, { requiredKeys: [] }), weight: 4 },
      { arbitrary: leaf, weight: 1 },
    );
    const content = often(fc.constantFrom(denyLeave, policyOf({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }), '{"Statement": [', '[1]', '%7B%ZZ'));
    const output = often(fc.record({ Policy: often(fc.record({ PolicySummary: summary, Content: content }, { requiredKeys: [] })) }));
    const file = fc.oneof(output, fc.array(output, { maxLength: 3 }), fc.record({ Policies: fc.array(output, { maxLength: 3 }) }));
    fc.assert(
      fc.property(file, fc.constantFrom(0, 2), (content, indent) => {
        const text = JSON.stringify(content, null, indent);
        const loaded = load(text);
        // `{"Policy": "<policy text>"}` is a bucket policy's envelope; anything else is Organizations' or nothing.
        expect(['organization-policy', 'resource-policy-export', 'unrecognized']).toContain(loaded.kind);
        if (loaded.kind !== 'organization-policy') return;
        for (const document of loaded.documents) expect(['scp', 'rcp']).toContain(document.kind);
        if (loaded.account) expect(loaded.account.kind).toBe('organization-policy');
        for (const p of loaded.problems) expect(p.span.offset + p.span.length).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 400 },
    );
  });
});

describe('checking an organization export', () => {
  it('the fixture: no findings, and the organization in the inventory', () => {
    const result = checkWith(['invalid-json', 'policy-grammar', 'unknown-action'], ['.'], fixtures);
    expect(result.findings).toEqual([]);
    expect(result.files.map((f) => `${f.path} ${f.kind}`)).toEqual(['iamlint-manifest.json manifest', 'scp-deny-workloads.json organization-policy', 'scp-full-access.json organization-policy']);
    expect(result.inventory.accounts).toEqual([]);
    const organization = result.inventory.organization;
    expect(organization?.managementAccount).toBe('999999999999');
    expect(organization?.policies.map((p) => `${p.id} ${p.targets.join(',')}`)).toEqual([
      'p-FullAWSAccess r-ab12,ou-ab12-11111111,ou-ab12-22222222,111122223333,444455556666,999999999999',
      'p-deny0001 ou-ab12-11111111',
    ]);
  });

  it('reports rule findings inside Content, and manifest problems as invalid-json', () => {
    const scp = JSON.stringify(envelope('p-nores001', 'SERVICE_CONTROL_POLICY', policyOf({ Sid: 'NoResource', Effect: 'Deny', Action: 's3:DeleteBucket' })), null, 4);
    const root = tempTree({
      'org/scp.json': scp,
      'org/iamlint-manifest.json': '{\n  "iamlintManifest": 1,\n  "organization": {"attachments": {"p-nores001": ["ou-x"]}}\n}',
    });
    const result = checkWith(['invalid-json', 'policy-grammar'], ['org'], root);
    expect(result.findings.map((f) => `${f.ruleId} ${f.span.file}:${f.span.line}:${f.span.column} ${formatJsonPath(f.span.path)}`)).toEqual([
      'invalid-json org/iamlint-manifest.json:3:51 organization.attachments.p-nores001[0]',
      'policy-grammar org/scp.json:11:64 Policy.Content.Statement[0]',
    ]);
    const grammar = result.findings[1];
    expect(textAt(scp, grammar?.span).startsWith('{\\"Sid\\":\\"NoResource\\"')).toBe(true);
  });
});
