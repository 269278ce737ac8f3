import { basename, dirname, relative, sep } from 'node:path';
import type { InputProblem } from '../model/input.js';
import type { OrganizationLayout } from '../model/inventory.js';
import { SourceFile } from '../model/source.js';
import { decode } from './decode.js';
import type { ExportReader } from './export-reader.js';
import { isAccountId } from './export-values.js';
import { parseJson, propertyValue, type JsonObject } from './json.js';
import { readInput } from './read.js';
import { describeType } from './embedded-policy.js';
import { readOrganizationLayout } from './organization-manifest.js';
import { fileLayer, layerSpan, type TextLayer } from './text-layer.js';

/** The file name the engine looks for in every folder it walks, before reading the folder's exports. */
export const manifestFileName = 'iamlint-manifest.json';

/**
 * `iamlint-manifest.json`: what an export folder cannot say by itself.
 *
 * ```json
 * { "iamlintManifest": 1,
 *   "account": "111122223333",
 *   "resources": { "s3/reports-policy.json": "arn:aws:s3:::example-reports" },
 *   "organization": {
 *     "managementAccount": "999999999999",
 *     "accounts": { "111122223333": ["r-ab12", "ou-ab12-11111111"] },
 *     "attachments": { "p-FullAWSAccess": ["r-ab12", "ou-ab12-11111111", "111122223333"],
 *                      "p-deny0001": ["ou-ab12-11111111"] } } }
 * ```
 * `account` is the account of the exports in the manifest's folder and below that name none (the
 * account summary, the password policy). `resources` gives, by path relative to the manifest, the
 * ARN of the resource whose policy an export holds, where the export and the policy do not say.
 *
 * `organization` says where the SCPs and RCPs of the `organizations describe-policy` exports apply
 * (the exports do not say): `managementAccount` (neither SCPs nor RCPs apply to it); `accounts`, per
 * account, its path from the organization's root down — the root (`r-…`), then the OUs (`ou-…`)
 * outermost first; the account itself is the implied last level (`aws organizations list-parents`,
 * repeated up to the root); `attachments`, per policy id, the roots, OUs and account ids it is
 * attached to (`aws organizations list-targets-for-policy`). An account named only in `attachments`
 * is taken to sit right under the root (its OUs are unknown); an account named nowhere, to be
 * outside the organization. Unlike `account`, it applies to the whole run, whatever the folder;
 * several manifests with one merge (the first in path order wins for an account's path and the
 * management account; attachments add up).
 */
export interface Manifest {
  readonly account: string | undefined;
  /** By path relative to the manifest's folder, with forward slashes. */
  readonly resources: ReadonlyMap<string, string>;
  readonly organization: OrganizationLayout | undefined;
}

/** Reads a manifest; what does not fit its schema is a problem and is left out. */
export function readManifest(layer: TextLayer, root: JsonObject, problems: InputProblem[]): Manifest {
  const problem = (detail: string, offset: number, length: number, path: readonly (string | number)[]): void => {
    problems.push({ kind: 'export', detail: `${manifestFileName}: ${detail}`, span: layerSpan(layer, offset, length, path) });
  };
  let account: string | undefined;
  let organization: OrganizationLayout | undefined;
  const resources = new Map<string, string>();
  for (const property of root.properties) {
    const { key, value } = property;
    if (key === 'iamlintManifest') {
      if (value.type !== 'number' || value.value !== 1) problem('"iamlintManifest" should be 1, the only version there is', value.offset, value.length, [key]);
    } else if (key === 'account') {
      if (value.type === 'string' && isAccountId(value.value)) account = value.value;
      else problem(`"account" should be a 12-digit account id, not ${value.type === 'string' ? `'${value.value}'` : describeType(value)}`, value.offset, value.length, [key]);
    } else if (key === 'resources') {
      if (value.type !== 'object') {
        problem(`"resources" should be an object of file paths to resource ARNs, not ${describeType(value)}`, value.offset, value.length, [key]);
        continue;
      }
      for (const entry of value.properties) {
        if (entry.value.type === 'string' && entry.value.value.startsWith('arn:')) resources.set(normalizePath(entry.key), entry.value.value);
        else problem(`the resource of '${entry.key}' should be an ARN string`, entry.value.offset, entry.value.length, [key, entry.key]);
      }
    } else if (key === 'organization') {
      organization = readOrganizationLayout(value, (detail, range, path) => {
        problem(detail, range.offset, range.length, path);
      });
    } else if (key !== '$schema') {
      problem(`unknown key "${key}"; a manifest has "iamlintManifest", "account", "resources" and "organization"`, property.offset, property.length, [key]);
    }
  }
  return { account, resources, organization };
}

/** `./s3\\policy.json` → `s3/policy.json`. */
export function normalizePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

export const manifestReader: ExportReader = {
  kind: 'manifest',
  matches: (root) => propertyValue(root, 'iamlintManifest') !== undefined,
  read(layer, root, output) {
    // The organization is needed only once every file is read: it travels with the account fragments.
    const { organization } = readManifest(layer, root, output.problems);
    return organization && { kind: 'organization-manifest', accountId: undefined, layout: organization };
  },
};

/** What the manifests say of one file. */
export interface ManifestEntry {
  readonly account: string | undefined;
  readonly resourceArn: string | undefined;
}

export interface Manifests {
  /** The nearest manifest's `account` for a file, and its resource if a manifest names it. */
  lookup(absolutePath: string): ManifestEntry;
}

/**
 * Reads the `iamlint-manifest.json` files among the discovered ones, before anything else is
 * loaded: a resource's ARN must be known when its policy is linted. A manifest that cannot be read
 * is left out here; it is loaded again with the other files, and its problems reported then.
 */
export function readManifests(files: readonly { readonly absolutePath: string; readonly path: string }[]): Manifests {
  const byFolder = new Map<string, Manifest>();
  for (const file of files) {
    if (basename(file.absolutePath) !== manifestFileName) continue;
    const read = readInput(file.absolutePath, maxManifestSize);
    if (!read.ok) continue;
    const decoded = decode(read.bytes);
    if (!decoded.ok) continue;
    const parsed = parseJson(decoded.text, false);
    if (parsed.root?.type !== 'object') continue;
    byFolder.set(dirname(file.absolutePath), readManifest(fileLayer(new SourceFile(file.path, decoded.text)), parsed.root, []));
  }
  const none: ManifestEntry = { account: undefined, resourceArn: undefined };
  if (byFolder.size === 0) return { lookup: () => none };
  return {
    lookup(absolutePath) {
      let account: string | undefined;
      let resourceArn: string | undefined;
      for (let folder = dirname(absolutePath); ; folder = dirname(folder)) {
        const manifest = byFolder.get(folder);
        if (manifest) {
          account ??= manifest.account;
          resourceArn ??= manifest.resources.get(relative(folder, absolutePath).split(sep).join('/'));
        }
        if (dirname(folder) === folder) break;
      }
      return { account, resourceArn };
    },
  };
}

/** Manifests are small; a larger file of that name is not read as one here. */
const maxManifestSize = 1024 * 1024;
