import { describe, expect, it } from 'vitest';
import { assembleInventory, type FragmentEntry } from '../../src/sources/inventory.js';
import { loadFile } from '../../src/sources/load.js';

/** A file loaded as the engine loads it, as an inventory entry. */
function entry(path: string, content: object): FragmentEntry {
  const file = loadFile(path, Buffer.from(JSON.stringify(content)));
  if (!file.account) throw new Error(`${path} has no fragment: ${file.problems.map((p) => p.detail).join('; ')}`);
  return { path, fragment: file.account, manifestAccount: undefined };
}

const deny = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' }] });

function policy(id: string, type = 'SERVICE_CONTROL_POLICY'): object {
  return { Policy: { PolicySummary: { Id: id, Arn: `arn:aws:organizations::999999999999:policy/o-exampleorgid/x/${id}`, Type: type }, Content: deny } };
}

function manifest(organization: object): object {
  return { iamlintManifest: 1, organization };
}

const gaad = { UserDetailList: [{ UserName: 'a', Arn: 'arn:aws:iam::111122223333:user/a' }], GroupDetailList: [], RoleDetailList: [], Policies: [] };

describe('assembleInventory: the organization', () => {
  it('is undefined without SCPs, RCPs or a manifest organization', () => {
    const inventory = assembleInventory([entry('a/gaad.json', gaad)]);
    expect(inventory.organization).toBeUndefined();
    expect('organization' in inventory).toBe(false);
    expect(inventory.accounts.map((a) => a.id)).toEqual(['111122223333']);
  });

  it('is set apart from the accounts: an SCP file does not make an account, nor join one', () => {
    const inventory = assembleInventory([entry('a/gaad.json', gaad), entry('a/scp.json', policy('p-deny0001'))]);
    expect(inventory.accounts.map((a) => [a.id, a.files])).toEqual([['111122223333', ['a/gaad.json']]]);
    expect(inventory.organization?.policies.map((p) => [p.id, p.targets])).toEqual([['p-deny0001', []]]);
    expect(inventory.organization?.levels).toEqual(new Map());
  });

  it("gives each account its levels, and the policies their targets; an account named only as a target sits under the sole root", () => {
    const inventory = assembleInventory([
      entry('org/iamlint-manifest.json', manifest({ managementAccount: '999999999999', accounts: { '444455556666': ['r-ab12', 'ou-ab12-11111111'] }, attachments: { 'p-deny0001': ['ou-ab12-11111111', '111122223333'], 'p-deny0002': ['r-ab12'] } })),
      entry('org/scp-1.json', policy('p-deny0001')),
      entry('org/scp-2.json', policy('p-deny0002')),
    ]);
    const organization = inventory.organization;
    expect(organization?.managementAccount).toBe('999999999999');
    expect([...(organization?.levels ?? [])]).toEqual([
      ['111122223333', ['r-ab12', '111122223333']],
      ['444455556666', ['r-ab12', 'ou-ab12-11111111', '444455556666']],
    ]);
    expect(organization?.policies.map((p) => [p.id, p.targets])).toEqual([
      ['p-deny0001', ['ou-ab12-11111111', '111122223333']],
      ['p-deny0002', ['r-ab12']],
    ]);
  });

  it('gives an account named only as a target no root when the manifests name none', () => {
    const inventory = assembleInventory([entry('iamlint-manifest.json', manifest({ attachments: { 'p-deny0001': ['111122223333'] } }))]);
    expect([...(inventory.organization?.levels ?? [])]).toEqual([['111122223333', ['111122223333']]]);
    expect(inventory.organization?.policies).toEqual([]);
  });

  it('merges several manifests and exports: first path wins for paths and policies, attachments add up', () => {
    const inventory = assembleInventory([
      entry('b/iamlint-manifest.json', manifest({ managementAccount: '888888888888', accounts: { '111122223333': ['r-ab12', 'ou-ab12-22222222'] }, attachments: { 'p-deny0001': ['111122223333'] } })),
      entry('a/iamlint-manifest.json', manifest({ managementAccount: '999999999999', accounts: { '111122223333': ['r-ab12'] }, attachments: { 'p-deny0001': ['r-ab12'] } })),
      entry('b/scp.json', policy('p-deny0001')),
      entry('a/scp.json', { Policy: { PolicySummary: { Id: 'p-deny0001', Name: 'first', Type: 'SERVICE_CONTROL_POLICY' }, Content: deny } }),
    ]);
    const organization = inventory.organization;
    expect(organization?.managementAccount).toBe('999999999999');
    expect(organization?.levels.get('111122223333')).toEqual(['r-ab12', '111122223333']);
    expect(organization?.policies.map((p) => [p.name, p.span.file, p.targets])).toEqual([['first', 'a/scp.json', ['r-ab12', '111122223333']]]);
  });

  it("supplies AWS's FullAWSAccess where the manifest attaches it but the exports lack it, and RCPFullAWSAccess everywhere beside an RCP", () => {
    const inventory = assembleInventory([
      entry('iamlint-manifest.json', manifest({ accounts: { '111122223333': ['r-ab12', 'ou-ab12-11111111'] }, attachments: { 'p-FullAWSAccess': ['r-ab12', '111122223333'], 'p-rcp00001': ['r-ab12'] } })),
      entry('rcp.json', policy('p-rcp00001', 'RESOURCE_CONTROL_POLICY')),
    ]);
    const policies = inventory.organization?.policies ?? [];
    expect(policies.map((p) => [p.id, p.type, p.builtIn ?? false, p.targets])).toEqual([
      ['p-FullAWSAccess', 'scp', true, ['r-ab12', '111122223333']],
      ['p-RCPFullAWSAccess', 'rcp', true, ['111122223333', 'ou-ab12-11111111', 'r-ab12']],
      ['p-rcp00001', 'rcp', false, ['r-ab12']],
    ]);
    const [scp, rcp] = policies;
    expect(scp?.document?.statements.map((s) => [s.effect?.value, s.action?.items.map((i) => i.value), s.resource?.items.map((i) => i.value)])).toEqual([['Allow', ['*'], ['*']]]);
    expect(scp?.document).toMatchObject({ kind: 'scp', owner: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess', problems: [] });
    expect(rcp?.document?.statements[0]?.principal?.wildcard).toBe(true);
    expect(rcp?.awsManaged).toBe(true);
  });

  it('uses the exported FullAWSAccess and RCPFullAWSAccess when there are, RCPFullAWSAccess at every level whatever the manifest lists', () => {
    const full = (id: string, type: string): object => ({ Policy: { PolicySummary: { Id: id, Type: type, AwsManaged: true }, Content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }) } });
    const inventory = assembleInventory([
      entry('iamlint-manifest.json', manifest({ accounts: { '111122223333': ['r-ab12'] }, attachments: { 'p-FullAWSAccess': ['r-ab12'], 'p-RCPFullAWSAccess': ['r-ab12'] } })),
      entry('full.json', full('p-FullAWSAccess', 'SERVICE_CONTROL_POLICY')),
      entry('rcp-full.json', full('p-RCPFullAWSAccess', 'RESOURCE_CONTROL_POLICY')),
    ]);
    expect(inventory.organization?.policies.map((p) => [p.id, p.builtIn ?? false, p.span.file, p.targets])).toEqual([
      ['p-FullAWSAccess', false, 'full.json', ['r-ab12']],
      ['p-RCPFullAWSAccess', false, 'rcp-full.json', ['111122223333', 'r-ab12']],
    ]);
  });
});
