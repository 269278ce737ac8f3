import type { AccountFragment, OrganizationPolicyExport } from '../model/inventory.js';
import type { PolicyDocument } from '../model/policy.js';
import { formatJsonPath, type JsonPath } from '../model/span.js';
import { describeType, readPolicySlot } from './embedded-policy.js';
import type { ExportOutput, ExportReader } from './export-reader.js';
import { propertyValue, type JsonArray, type JsonNode, type JsonObject } from './json.js';
import { layerSpan, type TextLayer } from './text-layer.js';

// SCPs and RCPs as `aws organizations describe-policy --policy-id p-…` prints them (reference:
// inputs.md 2.5):
//   {"Policy": {"PolicySummary": {"Id", "Arn", "Name", "Description", "Type", "AwsManaged"}, "Content": "<JSON text>"}}
// `Content` is plain JSON text, not URL-encoded. Several policies in one file are read too: a JSON
// array of such outputs (`jq -s .`), or `{"Policies": [output, …]}`. Where each policy is attached
// comes from the manifest's `organization` (src/sources/manifest.ts), not from these files.

/** The policy types that are IAM policies. Tag, backup, AI opt-out … policies are not: they are read past. */
const controlTypes: Readonly<Record<string, 'scp' | 'rcp'>> = { SERVICE_CONTROL_POLICY: 'scp', RESOURCE_CONTROL_POLICY: 'rcp' };

/** Organizations' policy id: `p-` and 8 to 128 letters, digits or underscores (`p-FullAWSAccess`). */
const policyIdPattern = /^p-[0-9A-Za-z_]{8,128}$/;

/** Whether a node is one describe-policy output: `{"Policy": {"PolicySummary" | "Content"}}`. */
function isEnvelope(node: JsonNode | undefined): boolean {
  const policy = node && propertyValue(node, 'Policy');
  return policy?.type === 'object' && (propertyValue(policy, 'PolicySummary') !== undefined || propertyValue(policy, 'Content') !== undefined);
}

/** A list of describe-policy outputs: its first object is one (the others are reported when they are not). */
export function isOrganizationPolicyList(node: JsonNode | undefined): node is JsonArray {
  return node?.type === 'array' && isEnvelope(node.items.find((item) => item.type === 'object'));
}

function problem(layer: TextLayer, output: ExportOutput, node: JsonNode, path: JsonPath, detail: string): void {
  const at = formatJsonPath(path);
  output.problems.push({ kind: 'export', detail: at === '' ? detail : `${at} ${detail}`, span: layerSpan(layer, node.offset, node.length, path) });
}

/** A string member of the summary; anything else there is reported and left out. */
function summaryString(layer: TextLayer, output: ExportOutput, summary: JsonObject, path: JsonPath, key: string, what: string, valid: (value: string) => boolean): string | undefined {
  const node = propertyValue(summary, key);
  if (node === undefined || node.type === 'null') return undefined;
  if (node.type === 'string' && valid(node.value)) return node.value;
  problem(layer, output, node, [...path, key], `should be ${what}, not ${node.type === 'string' ? `'${node.value}'` : describeType(node)}`);
  return undefined;
}

/**
 * Reads one describe-policy output at `path`. Problems go to `output`, and the policy's document to
 * `output.documents` to be linted where it sits — unless AWS manages it (FullAWSAccess,
 * RCPFullAWSAccess): nobody can change those, as with AWS managed IAM policies in a GAAD.
 */
function readEnvelope(layer: TextLayer, node: JsonNode, path: JsonPath, output: ExportOutput): OrganizationPolicyExport | undefined {
  if (node.type !== 'object') {
    problem(layer, output, node, path, `should be a describe-policy output {"Policy": {"PolicySummary", "Content"}}, not ${describeType(node)}`);
    return undefined;
  }
  const policy = propertyValue(node, 'Policy');
  const policyPath = [...path, 'Policy'];
  if (policy?.type !== 'object') {
    if (policy) problem(layer, output, policy, policyPath, `should be an object with PolicySummary and Content, not ${describeType(policy)}`);
    else problem(layer, output, node, path, 'has no Policy');
    return undefined;
  }
  const summary = propertyValue(policy, 'PolicySummary');
  const summaryPath = [...policyPath, 'PolicySummary'];
  if (summary?.type !== 'object') {
    if (summary) problem(layer, output, summary, summaryPath, `should be an object, not ${describeType(summary)}`);
    else problem(layer, output, policy, policyPath, 'has no PolicySummary, so its type is unknown');
    return undefined;
  }
  const typeNode = propertyValue(summary, 'Type');
  if (typeNode?.type !== 'string') {
    const detail = 'a policy type such as SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY';
    if (typeNode) problem(layer, output, typeNode, [...summaryPath, 'Type'], `should be ${detail}, not ${describeType(typeNode)}`);
    else problem(layer, output, summary, summaryPath, `has no Type (${detail})`);
    return undefined;
  }
  const kind = Object.hasOwn(controlTypes, typeNode.value) ? controlTypes[typeNode.value] : undefined;
  // Other types (and those AWS adds later) say nothing about IAM permissions: not a problem, nothing to read.
  if (kind === undefined) return undefined;

  const arn = summaryString(layer, output, summary, summaryPath, 'Arn', "the policy's ARN", (value) => value.startsWith('arn:'));
  const id = summaryString(layer, output, summary, summaryPath, 'Id', 'a policy id (p- and 8 to 128 letters, digits or _)', (value) => policyIdPattern.test(value)) ?? idOfArn(arn);
  const name = summaryString(layer, output, summary, summaryPath, 'Name', 'a name', () => true);
  const managedNode = propertyValue(summary, 'AwsManaged');
  let awsManaged = arn?.split(':')[4] === 'aws';
  if (managedNode?.type === 'boolean') awsManaged = managedNode.value;
  else if (managedNode && managedNode.type !== 'null') problem(layer, output, managedNode, [...summaryPath, 'AwsManaged'], `should be true or false, not ${describeType(managedNode)}`);

  const content = propertyValue(policy, 'Content');
  let document: PolicyDocument | undefined;
  if (content === undefined) problem(layer, output, policy, policyPath, 'has no Content (the policy document)');
  else document = readPolicySlot(layer, content, [...policyPath, 'Content'], output, kind, arn);
  if (document && !awsManaged) output.documents.push(document);

  // The manifest attaches policies by id: without one, the policy is linted but cannot be placed.
  if (id === undefined) {
    if (!propertyValue(summary, 'Id')) problem(layer, output, summary, summaryPath, 'has no Id, and its Arn names none: the manifest cannot attach it');
    return undefined;
  }
  return { id, arn, name: name ?? id, type: kind, awsManaged, span: layerSpan(layer, policy.offset, policy.length, policyPath), document };
}

/** `arn:aws:organizations::…:policy/o-…/service_control_policy/p-abcd1234` → `p-abcd1234`. */
function idOfArn(arn: string | undefined): string | undefined {
  const last = arn?.split('/').pop();
  return last !== undefined && policyIdPattern.test(last) ? last : undefined;
}

function fragment(policies: readonly OrganizationPolicyExport[]): AccountFragment | undefined {
  return policies.length === 0 ? undefined : { kind: 'organization-policy', accountId: undefined, policies };
}

function readList(layer: TextLayer, list: JsonArray, path: JsonPath, output: ExportOutput): AccountFragment | undefined {
  return fragment(list.items.flatMap((item, index) => readEnvelope(layer, item, [...path, index], output) ?? []));
}

/** A file that is a JSON array of describe-policy outputs (the loader's only export whose root is not an object). */
export function readOrganizationPolicyList(layer: TextLayer, root: JsonArray, output: ExportOutput): AccountFragment | undefined {
  return readList(layer, root, [], output);
}

/** `describe-policy` output, or `{"Policies": [output, …]}`. */
export const organizationPolicyReader: ExportReader = {
  kind: 'organization-policy',
  matches: (root) => isEnvelope(root) || isOrganizationPolicyList(propertyValue(root, 'Policies')),
  read(layer, root, output) {
    if (isEnvelope(root)) {
      const policy = readEnvelope(layer, root, [], output);
      return fragment(policy ? [policy] : []);
    }
    const list = propertyValue(root, 'Policies');
    return list?.type === 'array' ? readList(layer, list, ['Policies'], output) : undefined;
  },
};
