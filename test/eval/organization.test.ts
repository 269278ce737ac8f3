import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { controlPolicies } from '../../src/eval/organization.js';
import type { Organization } from '../../src/model/inventory.js';
import type { PolicyDocument } from '../../src/model/policy.js';
import { assembleInventory, type FragmentEntry } from '../../src/sources/inventory.js';
import { loadFile } from '../../src/sources/load.js';

const fixtures = join(import.meta.dirname, '..', 'sources', 'fixtures', 'organization');

function organizationOf(files: Record<string, object | string>): Organization {
  const entries = Object.entries(files).flatMap(([path, content]): FragmentEntry[] => {
    const file = loadFile(path, Buffer.from(typeof content === 'string' ? content : JSON.stringify(content)));
    return file.account ? [{ path, fragment: file.account, manifestAccount: undefined }] : [];
  });
  const { organization } = assembleInventory(entries);
  if (!organization) throw new Error('no organization');
  return organization;
}

/** The fixture: FullAWSAccess on every root, OU and account; a deny-list SCP on ou-ab12-11111111. */
const fixture = organizationOf(Object.fromEntries(readdirSync(fixtures).map((name) => [name, readFileSync(join(fixtures, name), 'utf8')])));

/** Each level as the owners of its documents (the policy ARN's id, or the built-in's file). */
function owners(levels: readonly (readonly PolicyDocument[])[] | undefined): string[][] | undefined {
  return levels?.map((level) => level.map((document) => document.owner?.split('/').pop() ?? document.source.path));
}

const denyS3 = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] });

function control(id: string, type: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY', content: string = denyS3): object {
  const kind = type === 'RESOURCE_CONTROL_POLICY' ? 'resource_control_policy' : 'service_control_policy';
  return { Policy: { PolicySummary: { Id: id, Arn: `arn:aws:organizations::999999999999:policy/o-exampleorgid/${kind}/${id}`, Type: type, AwsManaged: false }, Content: content } };
}

describe('controlPolicies', () => {
  it('gives the levels that restrict something: the OU with the deny-list SCP beside FullAWSAccess', () => {
    expect(owners(controlPolicies(fixture, '111122223333', 'scp'))).toEqual([['p-FullAWSAccess', 'p-deny0001']]);
    const [level] = controlPolicies(fixture, '111122223333', 'scp') ?? [];
    expect(level?.map((d) => d.kind)).toEqual(['scp', 'scp']);
  });

  it('leaves out levels with only FullAWSAccess, and levels with no policy of the type', () => {
    expect(controlPolicies(fixture, '444455556666', 'scp')).toEqual([]);
    expect(controlPolicies(fixture, '111122223333', 'rcp')).toEqual([]);
  });

  it('is undefined for the management account, an account the organization does not place, and without an organization', () => {
    expect(controlPolicies(fixture, '999999999999', 'scp')).toBeUndefined();
    expect(controlPolicies(fixture, '999999999999', 'rcp')).toBeUndefined();
    expect(controlPolicies(fixture, '123456789012', 'scp')).toBeUndefined();
    expect(controlPolicies(fixture, undefined, 'scp')).toBeUndefined();
    expect(controlPolicies(undefined, '111122223333', 'scp')).toBeUndefined();
  });

  it('keeps a level with only deny-list SCPs: without FullAWSAccess there, that level allows nothing', () => {
    const organization = organizationOf({
      'iamlint-manifest.json': { iamlintManifest: 1, organization: { accounts: { '111122223333': ['r-ab12'] }, attachments: { 'p-deny0001': ['111122223333'] } } },
      'scp.json': control('p-deny0001', 'SERVICE_CONTROL_POLICY'),
    });
    expect(owners(controlPolicies(organization, '111122223333', 'scp'))).toEqual([['p-deny0001']]);
  });

  it('gives every level in order from the root down, each in policy-id order', () => {
    const organization = organizationOf({
      'iamlint-manifest.json': {
        iamlintManifest: 1,
        organization: {
          accounts: { '111122223333': ['r-ab12', 'ou-ab12-11111111', 'ou-ab12-22222222'] },
          attachments: { 'p-zzzz0001': ['111122223333', 'r-ab12'], 'p-aaaa0001': ['ou-ab12-22222222', 'r-ab12'], 'p-mmmm0001': ['ou-ab12-11111111'] },
        },
      },
      'scps.json': [control('p-zzzz0001', 'SERVICE_CONTROL_POLICY'), control('p-mmmm0001', 'SERVICE_CONTROL_POLICY'), control('p-aaaa0001', 'SERVICE_CONTROL_POLICY')],
    });
    expect(owners(controlPolicies(organization, '111122223333', 'scp'))).toEqual([['p-aaaa0001', 'p-zzzz0001'], ['p-mmmm0001'], ['p-aaaa0001'], ['p-zzzz0001']]);
  });

  it('puts RCPFullAWSAccess (which cannot be detached) beside every RCP, and keeps SCPs and RCPs apart', () => {
    const organization = organizationOf({
      'iamlint-manifest.json': { iamlintManifest: 1, organization: { accounts: { '111122223333': ['r-ab12', 'ou-ab12-11111111'] }, attachments: { 'p-rcp00001': ['ou-ab12-11111111'], 'p-scp00001': ['r-ab12'] } } },
      'rcp.json': control('p-rcp00001', 'RESOURCE_CONTROL_POLICY'),
      'scp.json': control('p-scp00001', 'SERVICE_CONTROL_POLICY'),
    });
    const levels = controlPolicies(organization, '111122223333', 'rcp');
    expect(owners(levels)).toEqual([['p-RCPFullAWSAccess', 'p-rcp00001']]);
    expect(levels?.[0]?.map((d) => [d.kind, d.statements[0]?.effect?.value])).toEqual([
      ['rcp', 'Allow'],
      ['rcp', 'Deny'],
    ]);
    expect(owners(controlPolicies(organization, '111122223333', 'scp'))).toEqual([['p-scp00001']]);
  });

  it('does not count a policy whose content could not be read, nor one the exports lack', () => {
    const organization = organizationOf({
      'iamlint-manifest.json': { iamlintManifest: 1, organization: { accounts: { '111122223333': ['r-ab12'] }, attachments: { 'p-broken01': ['r-ab12'], 'p-missing1': ['111122223333'], 'p-deny0001': ['111122223333'] } } },
      'broken.json': control('p-broken01', 'SERVICE_CONTROL_POLICY', '{"Statement": ['),
      'deny.json': control('p-deny0001', 'SERVICE_CONTROL_POLICY'),
    });
    expect(owners(controlPolicies(organization, '111122223333', 'scp'))).toEqual([['p-deny0001']]);
  });

  it('answers the same account with the same lists', () => {
    const first = controlPolicies(fixture, '111122223333', 'scp');
    expect(controlPolicies(fixture, '111122223333', 'scp')).toBe(first);
    expect(controlPolicies(fixture, '111122223333', 'rcp')).not.toBe(first);
  });
});
