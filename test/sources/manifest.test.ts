import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InputProblem } from '../../src/model/input.js';
import { SourceFile } from '../../src/model/source.js';
import { parseJson } from '../../src/sources/json.js';
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
      '5:3 iamlint-manifest.json: unknown key "acount"; a manifest has "iamlintManifest", "account" and "resources"',
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
