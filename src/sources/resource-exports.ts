import type { AccountFragment, ResourcePolicy } from '../model/inventory.js';
import type { PolicyDocument } from '../model/policy.js';
import { formatJsonPath, type JsonPath } from '../model/span.js';
import { describeType, looksLikePolicyString, readPolicySlot } from './embedded-policy.js';
import type { ExportContext, ExportOutput, ExportReader } from './export-reader.js';
import { arnAccount } from './export-values.js';
import { propertyValue, type JsonNode, type JsonObject } from './json.js';
import { layerSpan, type TextLayer } from './text-layer.js';

// Resource-policy exports of the AWS CLI (reference: inputs.md 2.6). Each service prints its
// resource's policy in its own envelope, almost always as a JSON string; the envelope sometimes
// names the resource too.

/** One policy slot of an export, and the resource ARN field the export has beside it, if any. */
interface PolicySlot {
  readonly node: JsonNode;
  readonly path: JsonPath;
  /** The field that names the resource (`ARN`, `TopicArn` …), where the export has one. */
  readonly arnField: { readonly node: JsonNode; readonly path: JsonPath } | undefined;
}

/** One envelope: how to recognize it from its top-level keys, and where its policies are. */
interface ExportShape {
  matches(root: JsonObject): boolean;
  /** The policy slots; entries of a list that are not of the envelope's shape are reported to `output`. */
  slots(layer: TextLayer, root: JsonObject, output: ExportOutput): PolicySlot[];
}

const policyVersions = new Set(['2012-10-17', '2008-10-17']);

/**
 * Whether a slot holds something that reads as a policy: a JSON string of an object (plain or
 * URL-encoded), or an object with a policy's own keys. A `Policy` that is anything else (IAM's
 * `get-policy` metadata, Organizations' `describe-policy` envelope) is someone else's export.
 */
function holdsPolicy(node: JsonNode | undefined): boolean {
  if (node?.type === 'string') return looksLikePolicyString(node.value);
  if (node?.type !== 'object') return false;
  const version = propertyValue(node, 'Version');
  return propertyValue(node, 'Statement') !== undefined || (version?.type === 'string' && policyVersions.has(version.value));
}

/**
 * The policy slot `key` of `holder`, when it identifies the envelope: when it holds a policy, or —
 * so that a slot of the wrong type is reported rather than the file skipped — when all the keys of
 * one of the envelope's `signatures` are beside it.
 */
function slotIn(holder: JsonObject, key: string, signatures: readonly (readonly string[])[]): JsonNode | undefined {
  const slot = propertyValue(holder, key);
  if (!slot) return undefined;
  return holdsPolicy(slot) || signatures.some((keys) => keys.every((k) => propertyValue(holder, k) !== undefined)) ? slot : undefined;
}

function arnField(holder: JsonNode, key: string, parent: JsonPath): PolicySlot['arnField'] {
  const node = propertyValue(holder, key);
  return node ? { node, path: [...parent, key] } : undefined;
}

function single(holder: JsonNode | undefined, key: string, parent: JsonPath, field: PolicySlot['arnField']): PolicySlot[] {
  const node = holder && propertyValue(holder, key);
  return node ? [{ node, path: [...parent, key], arnField: field }] : [];
}

function exportProblem(layer: TextLayer, output: ExportOutput, node: JsonNode, path: JsonPath, detail: string): void {
  output.problems.push({ kind: 'export', detail: `${formatJsonPath(path)} ${detail}`, span: layerSpan(layer, node.offset, node.length, path) });
}

/** The first matching shape wins; the bare `{"Policy"}` envelope, the least specific, is last. */
const shapes: readonly ExportShape[] = [
  // secretsmanager get-resource-policy: {"ARN", "Name", "ResourcePolicy": "…"}
  {
    matches: (root) => slotIn(root, 'ResourcePolicy', [['ARN']]) !== undefined,
    slots: (_layer, root) => single(root, 'ResourcePolicy', [], arnField(root, 'ARN', [])),
  },
  // ecr get-repository-policy: {"registryId", "repositoryName", "policyText": "…"}
  {
    matches: (root) => slotIn(root, 'policyText', [['repositoryName'], ['registryId']]) !== undefined,
    slots: (_layer, root) => single(root, 'policyText', [], undefined),
  },
  // glacier get-vault-access-policy: {"policy": {"Policy": "…"}}
  {
    matches: (root) => {
      const holder = propertyValue(root, 'policy');
      return holder?.type === 'object' && holdsPolicy(propertyValue(holder, 'Policy'));
    },
    slots: (_layer, root) => single(propertyValue(root, 'policy'), 'Policy', ['policy'], undefined),
  },
  // logs describe-resource-policies: {"resourcePolicies": [{"policyName", "policyDocument": "…", "resourceArn"?}], "nextToken"?}
  // Resource-scoped policies (policyScope RESOURCE) name their log group in resourceArn.
  {
    matches: (root) => {
      const list = propertyValue(root, 'resourcePolicies');
      if (list?.type !== 'array') return false;
      const first = list.items[0];
      return first === undefined || (first.type === 'object' && (propertyValue(first, 'policyDocument') !== undefined || propertyValue(first, 'policyName') !== undefined));
    },
    slots: (layer, root, output) => {
      const list = propertyValue(root, 'resourcePolicies');
      if (list?.type !== 'array') return [];
      return list.items.flatMap((item, index) => {
        const path = ['resourcePolicies', index];
        if (item.type !== 'object') exportProblem(layer, output, item, path, `should be a {"policyName", "policyDocument"} object, not ${describeType(item)}`);
        else if (!propertyValue(item, 'policyDocument')) exportProblem(layer, output, item, path, 'has no policyDocument');
        return single(item, 'policyDocument', path, arnField(item, 'resourceArn', path));
      });
    },
  },
  // sqs get-queue-attributes / sns get-topic-attributes: {"Attributes": {"Policy": "…", "QueueArn" | "TopicArn", …}}
  {
    matches: (root) => {
      const attributes = propertyValue(root, 'Attributes');
      return attributes?.type === 'object' && slotIn(attributes, 'Policy', [['QueueArn'], ['TopicArn']]) !== undefined;
    },
    slots: (_layer, root) => {
      const attributes = propertyValue(root, 'Attributes');
      const field = attributes && (arnField(attributes, 'TopicArn', ['Attributes']) ?? arnField(attributes, 'QueueArn', ['Attributes']));
      return single(attributes, 'Policy', ['Attributes'], field);
    },
  },
  // s3api get-bucket-policy {"Policy"}, kms get-key-policy {"Policy", "PolicyName"}, lambda get-policy
  // {"Policy", "RevisionId"}, efs describe-file-system-policy {"FileSystemId", "Policy"}, events
  // describe-event-bus {"Name", "Arn", "Policy"}, backup get-backup-vault-access-policy
  // {"BackupVaultName", "BackupVaultArn", "Policy"}.
  {
    matches: (root) => slotIn(root, 'Policy', [['PolicyName'], ['RevisionId'], ['FileSystemId'], ['BackupVaultArn'], ['BackupVaultName'], ['Name', 'Arn']]) !== undefined,
    slots: (_layer, root) => single(root, 'Policy', [], arnField(root, 'BackupVaultArn', []) ?? arnField(root, 'Arn', [])),
  },
];

/**
 * Service resource-policy exports. Every policy is linted as a resource policy of its resource (or
 * as the kind a config override gives the file).
 */
export const resourcePolicyExportReader: ExportReader = {
  kind: 'resource-policy-export',
  matches: (root) => shapes.some((shape) => shape.matches(root)),
  read(layer, root, output, context): AccountFragment | undefined {
    const shape = shapes.find((s) => s.matches(root));
    if (!shape) return undefined;
    const slots = shape.slots(layer, root, output);
    const policies: ResourcePolicy[] = [];
    for (const slot of slots) {
      const policy = readResourcePolicy(layer, slot, output, context);
      if (!policy) continue;
      output.documents.push(policy.document);
      policies.push(policy);
    }
    const first = policies[0]?.resourceArn;
    return policies.length === 0 ? undefined : { kind: 'resource-policy', accountId: first === undefined ? undefined : arnAccount(first), policies };
  },
};

/**
 * Reads one policy with its owner: the ARN the export names beside it, else the manifest's, else the
 * one resource the policy itself names, when it names exactly one.
 */
function readResourcePolicy(layer: TextLayer, slot: PolicySlot, output: ExportOutput, context: ExportContext): ResourcePolicy | undefined {
  const declared = ownArn(layer, slot, output) ?? context.resourceArn;
  const document = readPolicySlot(layer, slot.node, slot.path, output, context.kind ?? 'resource', declared);
  if (!document) return undefined;
  const span = layerSpan(layer, slot.node.offset, slot.node.length, slot.path);
  if (declared !== undefined) return { resourceArn: declared, span, document };
  const named = soleResource(document);
  if (named === undefined) return { resourceArn: undefined, span, document };
  // A document's owner is set when it is read, and this one is known only from the document: it is
  // read again with it (its problems were reported the first time).
  const owned = readPolicySlot(layer, slot.node, slot.path, { documents: [], problems: [] }, document.kind, named);
  return { resourceArn: named, span, document: owned ?? document };
}

/** The export's own ARN field, when it holds an ARN; anything else there is reported. */
function ownArn(layer: TextLayer, slot: PolicySlot, output: ExportOutput): string | undefined {
  const field = slot.arnField;
  if (!field) return undefined;
  const { node, path } = field;
  if (node.type === 'string' && node.value.startsWith('arn:')) return node.value;
  exportProblem(layer, output, node, path, `should be the resource's ARN, not ${node.type === 'string' ? `'${node.value}'` : describeType(node)}`);
  return undefined;
}

/**
 * The resource a policy is about, when every `Resource` entry of every statement names the same
 * literal ARN once a sub-resource is taken off (`arn:aws:s3:::b/*` is bucket `b`'s objects). A
 * statement without `Resource`, a wildcard or a policy variable makes it ambiguous.
 */
function soleResource(document: PolicyDocument): string | undefined {
  let named: string | undefined;
  if (document.statements.length === 0) return undefined;
  for (const statement of document.statements) {
    const items = statement.resource?.items ?? [];
    if (items.length === 0) return undefined;
    for (const item of items) {
      const arn = withoutSubResource(item.value);
      if (arn === undefined || (named !== undefined && arn !== named)) return undefined;
      named = arn;
    }
  }
  return named;
}

/**
 * The ARN of the resource that holds a policy, from an ARN in its `Resource`: an S3 object
 * (`arn:aws:s3:::b/key`) belongs to its bucket and an access point's objects to the access point;
 * other ARNs (`…:key/1234`, `…:repository/app`) are the resource itself. Undefined when the value
 * is not a literal ARN.
 */
function withoutSubResource(value: string): string | undefined {
  const parts = value.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const resource = parts.slice(5).join(':');
  if (resource === '') return undefined;
  let cut = -1;
  if (parts[2] === 's3') cut = parts[3] === '' ? resource.indexOf('/') : resource.startsWith('accesspoint/') ? resource.indexOf('/object/') : -1;
  const arn = cut >= 0 ? value.slice(0, value.length - resource.length + cut) : value;
  return /[*?]|\$\{/.test(arn) ? undefined : arn;
}

