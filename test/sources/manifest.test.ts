import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InputProblem } from '../../src/model/input.js';
import { SourceFile } from '../../src/model/source.js';
import { parseJson } from '../../src/sources/json.js';
import { loadFile } from '../../src/sources/load.js';
import { readManifest, readManifests } from '../../src/sources/manifest.js';
import { fileLayer } from '../../src/sources/text-layer.js';
import { tempTree } from '../helpers/tmp.js';

function read(text: string): { manifest: ReturnType<typeof readManifest>; problems: InputProblem[] } {
  const source = new SourceFile('iamlint-manifest.json', text);
  const root = parseJson(text, false).root;
  if (root?.type !== 'object') throw new Error('not an object');
  const problems: InputProblem[] = [];
  return { manifest: readManifest(fileLayer(source), root, problems), problems };
}

describe('iamlint-manifest.json', () => {
  it('reads the account and the resources by path', () => {
    const { manifest, problems } = read(JSON.stringify({ iamlintManifest: 1, account: '111122223333', resources: { './s3\\b.json': 'arn:aws:s3:::b' } }));
    expect(problems).toEqual([]);
    expect(manifest.account).toBe('111122223333');
    expect([...manifest.resources]).toEqual([['s3/b.json', 'arn:aws:s3:::b']]);
  });

  it('reports what does not fit, where it is, and keeps the rest', () => {
    const text = '{\n  "iamlintManifest": 2,\n  "account": "1234",\n  "resources": { "a.json": 7, "b.json": "arn:aws:s3:::b" },\n  "acount": "x"\n}';
    const { manifest, problems } = read(text);
    expect(problems.map((p) => `${p.span.line}:${p.span.column} ${p.detail}`)).toEqual([
      '2:22 iamlint-manifest.json: "iamlintManifest" should be 1, the only version there is',
      "3:14 iamlint-manifest.json: \"account\" should be a 12-digit account id, not '1234'",
      "4:28 iamlint-manifest.json: the resource of 'a.json' should be an ARN string",
      '5:3 iamlint-manifest.json: unknown key "acount"; a manifest has "iamlintManifest", "account", "resources" and "organization"',
    ]);
    expect(manifest.account).toBeUndefined();
    expect([...manifest.resources.keys()]).toEqual(['b.json']);
  });

  it('applies the nearest manifest to the files below it', () => {
    const root = tempTree({
      'iamlint-manifest.json': JSON.stringify({ iamlintManifest: 1, account: '111122223333', resources: { 'x/p.json': 'arn:aws:s3:::outer' } }),
      'x/iamlint-manifest.json': JSON.stringify({ iamlintManifest: 1, account: '444455556666' }),
      'broken/iamlint-manifest.json': '{',
    });
    const files = ['iamlint-manifest.json', 'x/iamlint-manifest.json', 'broken/iamlint-manifest.json'].map((path) => ({ path, absolutePath: join(root, path) }));
    const manifests = readManifests(files);
    expect(manifests.lookup(join(root, 'x', 'p.json'))).toEqual({ account: '444455556666', resourceArn: 'arn:aws:s3:::outer' });
    expect(manifests.lookup(join(root, 'y', 'q.json'))).toEqual({ account: '111122223333', resourceArn: undefined });
    expect(manifests.lookup(join(root, 'broken', 'q.json'))).toEqual({ account: '111122223333', resourceArn: undefined });
  });
});

describe('iamlint-manifest.json: organization', () => {
  const organization = {
    managementAccount: '999999999999',
    accounts: { '111122223333': ['r-ab12', 'ou-ab12-11111111', 'ou-ab12-22222222'], '444455556666': ['r-ab12', '444455556666'] },
    attachments: { 'p-abcd1234': ['r-ab12'], 'p-deny0001': ['ou-ab12-11111111', '111122223333', '111122223333'], 'p-FullAWSAccess': [] },
  };

  it('reads the management account, each account path (the account itself implied) and the attachments', () => {
    const { manifest, problems } = read(JSON.stringify({ iamlintManifest: 1, organization }));
    expect(problems).toEqual([]);
    const layout = manifest.organization;
    expect(layout?.managementAccount).toBe('999999999999');
    expect([...(layout?.accounts ?? [])]).toEqual([
      ['111122223333', ['r-ab12', 'ou-ab12-11111111', 'ou-ab12-22222222']],
      ['444455556666', ['r-ab12']],
    ]);
    expect([...(layout?.attachments ?? [])]).toEqual([
      ['p-abcd1234', ['r-ab12']],
      ['p-deny0001', ['ou-ab12-11111111', '111122223333']],
      ['p-FullAWSAccess', []],
    ]);
    expect(read('{"iamlintManifest": 1}').manifest.organization).toBeUndefined();
  });

  it('reports every part that does not fit, where it is, and keeps the rest', () => {
    const text = [
      '{"organization": {',
      '  "managementAccount": 999999999999,',
      '  "accounts": {',
      '    "1111": ["r-ab12"],',
      '    "111122223333": [],',
      '    "222233334444": ["ou-ab12-11111111"],',
      '    "333344445555": ["r-ab12", "ou-x", "ou-ab12-11111111"],',
      '    "444455556666": ["r-cd34"],',
      '    "555566667777": ["r-ab12", "ou-ab12-11111111"]',
      '  },',
      '  "attachments": {"p-1": ["r-ab12"], "p-abcd1234": "r-ab12", "p-deny0001": ["r-ab12", 7, "o-abc", "r-zz99"]},',
      '  "root": "r-ab12"',
      '}}',
    ].join('\n');
    const { manifest, problems } = read(text);
    expect(problems.map((p) => `${p.span.line}:${p.span.column} ${p.detail.replace('iamlint-manifest.json: ', '')}`)).toEqual([
      '2:24 organization.managementAccount should be a 12-digit account id, not a number',
      "4:5 organization.accounts: '1111' should be a 12-digit account id",
      '5:21 organization.accounts["111122223333"] should be the account\'s path from the root, ["r-…", "ou-…", …], not an empty array',
      "6:22 organization.accounts[\"222233334444\"][0] should be the organization's root (r-…), not 'ou-ab12-11111111'",
      "7:32 organization.accounts[\"333344445555\"][1] should be an OU id (ou-…-…), not 'ou-x'",
      "8:22 organization.accounts[\"444455556666\"][0]: an organization has one root, and 'r-ab12' was named before 'r-cd34'",
      "11:19 organization.attachments: 'p-1' should be a policy id (p- and 8 to 128 letters, digits or _)",
      '11:52 organization.attachments.p-abcd1234 should be an array of roots (r-…), OUs (ou-…) and account ids, not a string',
      '11:87 organization.attachments.p-deny0001[1] should be a root (r-…), an OU (ou-…-…) or a 12-digit account id, not a number',
      "11:90 organization.attachments.p-deny0001[2] should be a root (r-…), an OU (ou-…-…) or a 12-digit account id, not 'o-abc'",
      "11:99 organization.attachments.p-deny0001[3]: an organization has one root, and 'r-ab12' was named before 'r-zz99'",
      '12:3 unknown key "root" in "organization"; it has "managementAccount", "accounts" and "attachments"',
    ]);
    expect(problems.every((p) => p.kind === 'export')).toBe(true);
    const layout = manifest.organization;
    expect(layout?.managementAccount).toBeUndefined();
    expect([...(layout?.accounts.keys() ?? [])]).toEqual(['555566667777']);
    expect([...(layout?.attachments ?? [])]).toEqual([['p-deny0001', ['r-ab12']]]);
  });

  it('reports an organization that is not an object', () => {
    const { manifest, problems } = read('{"organization": ["r-ab12"]}');
    expect(problems.map((p) => p.detail)).toEqual(['iamlint-manifest.json: "organization" should be an object with "managementAccount", "accounts" and "attachments", not an array']);
    expect(manifest.organization).toBeUndefined();
  });

  it('hands the organization to the inventory as a fragment of the manifest file', () => {
    const file = loadFile('org/iamlint-manifest.json', Buffer.from(JSON.stringify({ iamlintManifest: 1, organization })));
    expect(file.kind).toBe('manifest');
    expect(file.account?.kind).toBe('organization-manifest');
    const plain = loadFile('iamlint-manifest.json', Buffer.from(JSON.stringify({ iamlintManifest: 1, account: '111122223333' })));
    expect([plain.kind, plain.account]).toEqual(['manifest', undefined]);
  });
});
