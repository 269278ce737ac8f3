import type { OrganizationLayout } from '../model/inventory.js';
import { formatJsonPath, type JsonPath } from '../model/span.js';
import { describeType } from './embedded-policy.js';
import { isAccountId } from './export-values.js';
import type { JsonNode, JsonRange } from './json.js';

// The `organization` key of `iamlint-manifest.json` (its format is documented in manifest.ts). Ids
// follow Organizations' own patterns (AttachPolicy's TargetId, DescribePolicy's PolicyId).

const rootPattern = /^r-[0-9a-z]{4,32}$/;
const ouPattern = /^ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}$/;
const policyIdPattern = /^p-[0-9A-Za-z_]{8,128}$/;

/** Reports a problem at a range of the manifest, with the JSON path of the value concerned. */
export type ManifestProblem = (detail: string, range: JsonRange, path: JsonPath) => void;

function quoted(node: JsonNode): string {
  return node.type === 'string' ? `'${node.value}'` : describeType(node);
}

function isTarget(value: string): boolean {
  return rootPattern.test(value) || ouPattern.test(value) || isAccountId(value);
}

/**
 * Reads `organization`; what does not fit is reported and left out (an account whose path has a bad
 * entry is left out whole: a partial path would apply the wrong policies). An organization has one
 * root: a second one is reported.
 */
export function readOrganizationLayout(node: JsonNode, problem: ManifestProblem): OrganizationLayout | undefined {
  const base = ['organization'];
  if (node.type !== 'object') {
    problem(`"organization" should be an object with "managementAccount", "accounts" and "attachments", not ${describeType(node)}`, node, base);
    return undefined;
  }
  let managementAccount: string | undefined;
  const accounts = new Map<string, readonly string[]>();
  const attachments = new Map<string, readonly string[]>();
  let root: string | undefined;
  /** Whether a root id is the organization's one (the first named), reporting it when not. */
  const sameRoot = (id: string, range: JsonRange, path: JsonPath): boolean => {
    root ??= id;
    if (id === root) return true;
    problem(`${formatJsonPath(path)}: an organization has one root, and '${root}' was named before '${id}'`, range, path);
    return false;
  };

  for (const property of node.properties) {
    const { key, value } = property;
    const path = [...base, key];
    if (key === 'managementAccount') {
      if (value.type === 'string' && isAccountId(value.value)) managementAccount = value.value;
      else problem(`${formatJsonPath(path)} should be a 12-digit account id, not ${quoted(value)}`, value, path);
    } else if (key === 'accounts') {
      if (value.type !== 'object') {
        problem(`${formatJsonPath(path)} should be an object of account ids to their path from the root (["r-…", "ou-…", …]), not ${describeType(value)}`, value, path);
        continue;
      }
      for (const entry of value.properties) {
        const at = [...path, entry.key];
        if (!isAccountId(entry.key)) {
          problem(`${formatJsonPath(path)}: '${entry.key}' should be a 12-digit account id`, entry, at);
          continue;
        }
        const levels = readAccountPath(entry.key, entry.value, at, problem, sameRoot);
        if (levels) accounts.set(entry.key, levels);
      }
    } else if (key === 'attachments') {
      if (value.type !== 'object') {
        problem(`${formatJsonPath(path)} should be an object of policy ids to their targets (["r-…", "ou-…", "111122223333"]), not ${describeType(value)}`, value, path);
        continue;
      }
      for (const entry of value.properties) {
        const at = [...path, entry.key];
        if (!policyIdPattern.test(entry.key)) {
          problem(`${formatJsonPath(path)}: '${entry.key}' should be a policy id (p- and 8 to 128 letters, digits or _)`, entry, at);
          continue;
        }
        if (entry.value.type !== 'array') {
          problem(`${formatJsonPath(at)} should be an array of roots (r-…), OUs (ou-…) and account ids, not ${describeType(entry.value)}`, entry.value, at);
          continue;
        }
        const targets: string[] = [];
        entry.value.items.forEach((item, index) => {
          const itemPath = [...at, index];
          if (item.type !== 'string' || !isTarget(item.value)) problem(`${formatJsonPath(itemPath)} should be a root (r-…), an OU (ou-…-…) or a 12-digit account id, not ${quoted(item)}`, item, itemPath);
          else if (!rootPattern.test(item.value) || sameRoot(item.value, item, itemPath)) {
            if (!targets.includes(item.value)) targets.push(item.value);
          }
        });
        attachments.set(entry.key, targets);
      }
    } else {
      problem(`unknown key "${key}" in "organization"; it has "managementAccount", "accounts" and "attachments"`, property, path);
    }
  }
  return { managementAccount, accounts, attachments };
}

/** `["r-…", "ou-…", …]`, optionally ending with the account itself (which every path implies). */
function readAccountPath(
  account: string,
  node: JsonNode,
  path: JsonPath,
  problem: ManifestProblem,
  sameRoot: (id: string, range: JsonRange, path: JsonPath) => boolean,
): string[] | undefined {
  if (node.type !== 'array' || node.items.length === 0) {
    problem(`${formatJsonPath(path)} should be the account's path from the root, ["r-…", "ou-…", …], not ${node.type === 'array' ? 'an empty array' : describeType(node)}`, node, path);
    return undefined;
  }
  const levels: string[] = [];
  let valid = true;
  for (const [index, item] of node.items.entries()) {
    const itemPath = [...path, index];
    if (index === 0) {
      if (item.type !== 'string' || !rootPattern.test(item.value)) {
        problem(`${formatJsonPath(itemPath)} should be the organization's root (r-…), not ${quoted(item)}`, item, itemPath);
        valid = false;
      } else if (sameRoot(item.value, item, itemPath)) levels.push(item.value);
      else valid = false;
    } else if (item.type === 'string' && item.value === account && index === node.items.length - 1) {
      // The account itself, which the path implies anyway.
    } else if (item.type === 'string' && ouPattern.test(item.value)) levels.push(item.value);
    else {
      problem(`${formatJsonPath(itemPath)} should be an OU id (ou-…-…), not ${quoted(item)}`, item, itemPath);
      valid = false;
    }
  }
  return valid ? levels : undefined;
}
