import type { InputProblem } from '../model/input.js';
import type {
  AccountFragment,
  IamGroup,
  IamRole,
  IamUser,
  InlinePolicy,
  ManagedPolicy,
  PolicyAttachment,
  PolicyVersion,
  RoleLastUsed,
  Tag,
} from '../model/inventory.js';
import type { Located, PolicyDocument, PolicyKind } from '../model/policy.js';
import { formatJsonPath, type JsonPath, type Span } from '../model/span.js';
import { describeType, readPolicySlot } from './embedded-policy.js';
import type { ExportOutput, ExportReader } from './export-reader.js';
import { isAccountId, parseExportDate } from './export-values.js';
import { propertyValue, type JsonNode, type JsonObject, type JsonProperty } from './json.js';
import { layerSpan, type TextLayer } from './text-layer.js';

// `aws iam get-account-authorization-details` (GAAD): the users, groups, roles and managed policies
// of one account. What departs from the shape AWS writes is an 'export' problem at the value
// concerned; an entity that cannot be identified is skipped rather than guessed at.

type EntityType = 'user' | 'group' | 'role';

/** The keys that differ between the three entity lists of a GAAD. */
interface EntityShape {
  readonly list: string;
  readonly name: string;
  readonly id: string;
  readonly policies: string;
}

const entityShapes: Readonly<Record<EntityType, EntityShape>> = {
  user: { list: 'UserDetailList', name: 'UserName', id: 'UserId', policies: 'UserPolicyList' },
  group: { list: 'GroupDetailList', name: 'GroupName', id: 'GroupId', policies: 'GroupPolicyList' },
  role: { list: 'RoleDetailList', name: 'RoleName', id: 'RoleId', policies: 'RolePolicyList' },
};

/** The managed policies' list (`--filter LocalManagedPolicy` and `AWSManagedPolicy`). */
const policiesKey = 'Policies';

/** A JSON value and its path in the file: where problems about it point. */
interface At<N extends JsonNode = JsonNode> {
  readonly node: N;
  readonly path: JsonPath;
}

/** The parts of an IAM ARN that the model keeps: the path ends with `/`, the name follows it. */
interface ParsedArn {
  readonly account: string;
  readonly path: string;
  readonly name: string;
}

const iamArnPattern = /^arn:[^:]+:iam::([^:]*):(user|group|role|policy)(\/.*)$/;

/** `arn:aws:iam::111122223333:role/service/app` of the given type, split; undefined otherwise. */
function parseIamArn(arn: string, type: EntityType | 'policy'): ParsedArn | undefined {
  const match = iamArnPattern.exec(arn);
  if (match?.[2] !== type) return undefined;
  const account = match[1] ?? '';
  const resource = match[3] ?? '';
  const slash = resource.lastIndexOf('/');
  const name = resource.slice(slash + 1);
  return name === '' ? undefined : { account, path: resource.slice(0, slash + 1), name };
}

/** `a`, `a and b`, `a, b and c`. */
function joinWords(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1) ?? ''}`;
}

function isObject(node: JsonNode): node is JsonObject {
  return node.type === 'object';
}

/** AWS tools write a member they have no value for either not at all or as `null`. */
function absent(node: JsonNode | undefined): node is Extract<JsonNode, { readonly type: 'null' }> | undefined {
  return node === undefined || node.type === 'null';
}

/**
 * Whether a `Policies` list is a GAAD page's (`--filter LocalManagedPolicy`): its policies carry their
 * versions. `aws iam list-policies` and `aws organizations list-policies` print a `Policies` list too,
 * without them: those say nothing of users, groups or roles, and are not read as a GAAD.
 */
function isAuthorizationDetailsPolicyList(node: JsonNode): boolean {
  if (node.type !== 'array') return false;
  const first = node.items.find(isObject);
  return first !== undefined && propertyValue(first, 'PolicyVersionList') !== undefined;
}

/** What users, groups and roles share, before the members of each type are added. */
interface EntityCommon {
  readonly arn: string;
  readonly name: string;
  readonly path: string;
  readonly id: string | undefined;
  readonly createDate: Date | undefined;
  readonly span: Span;
  readonly inlinePolicies: readonly InlinePolicy[];
  readonly attachedPolicies: readonly PolicyAttachment[];
}

/** A policy version object with a usable `VersionId`, before its document is read. */
interface VersionEntry {
  readonly at: At<JsonObject>;
  readonly versionId: string;
  /** `IsDefaultVersion: true`. */
  readonly marked: boolean;
}

/** Reads one GAAD file into the account model, collecting its problems and the documents to lint. */
class AuthorizationDetailsReader {
  readonly users: IamUser[] = [];
  readonly groups: IamGroup[] = [];
  readonly roles: IamRole[] = [];
  readonly policies: ManagedPolicy[] = [];
  /** The account of the first entity with a 12-digit account in its ARN. */
  accountId: string | undefined;
  private mixedAccountsReported = false;
  /** The documents to lint, put in file order at the end (a role's inline policies are read before its trust policy). */
  private readonly linted: PolicyDocument[] = [];

  constructor(
    private readonly layer: TextLayer,
    private readonly output: ExportOutput,
  ) {}

  read(root: JsonObject): void {
    const readers: readonly { readonly key: string; readonly what: string; readonly read: (at: At) => void }[] = [
      {
        key: entityShapes.user.list,
        what: 'users',
        read: (at) => {
          this.readUser(at);
        },
      },
      {
        key: entityShapes.group.list,
        what: 'groups',
        read: (at) => {
          this.readGroup(at);
        },
      },
      {
        key: entityShapes.role.list,
        what: 'roles',
        read: (at) => {
          this.readRole(at);
        },
      },
      {
        key: policiesKey,
        what: 'managed policies',
        read: (at) => {
          this.readManagedPolicy(at);
        },
      },
    ];
    // Lists are read in file order, so problems come out in the order of the text.
    const lists = readers.flatMap((reader) => {
      const node = propertyValue(root, reader.key);
      return node ? [{ ...reader, node }] : [];
    });
    // The CLI always writes the four lists (empty ones as []): a missing one means a page of a
    // paginated export, or an export made with --filter, and what it would list went unchecked.
    const missing = readers.filter((reader) => !lists.some((list) => list.key === reader.key));
    if (missing.length > 0) {
      const names = joinWords(missing.map((reader) => reader.key));
      const things = joinWords(missing.map((reader) => reader.what));
      this.problem({ node: root, path: [] }, `the export has no ${names}, so its ${things} were not checked; export them all with \`aws iam get-account-authorization-details\` and no --filter (a paginated export's pages may be given together)`);
    }
    lists.sort((a, b) => a.node.offset - b.node.offset);
    for (const { key, what, read, node } of lists) {
      for (const item of this.listItems({ node, path: [key] }, what)) read(item);
    }
    this.linted.sort((a, b) => a.span().offset - b.span().offset);
    for (const document of this.linted) this.output.documents.push(document);
  }

  // --- Entities -----------------------------------------------------------------------------

  private readUser(at: At): void {
    const common = this.readEntity(at, 'user');
    if (!common) return;
    const groups: Located<string>[] = [];
    for (const item of this.memberItems(common.at, 'GroupList', 'group names')) {
      if (item.node.type === 'string') groups.push({ value: item.node.value, span: this.span(item) });
      else this.wrongType(item, 'a group name (a string)');
    }
    this.users.push({
      ...common.entity,
      type: 'user',
      groups,
      permissionsBoundary: this.readBoundary(common.at),
      tags: this.readTags(common.at),
    });
  }

  private readGroup(at: At): void {
    const common = this.readEntity(at, 'group');
    if (common) this.groups.push({ ...common.entity, type: 'group' });
  }

  private readRole(at: At): void {
    const common = this.readEntity(at, 'role');
    if (!common) return;
    const { node, path } = common.at;
    const arn = common.entity.arn;
    let trustPolicy: PolicyDocument | undefined;
    const trust = propertyValue(node, 'AssumeRolePolicyDocument');
    if (trust === undefined) this.problem(common.at, `${formatJsonPath(path)} (role ${arn}) has no AssumeRolePolicyDocument, so its trust policy was not read`);
    else {
      trustPolicy = readPolicySlot(this.layer, trust, [...path, 'AssumeRolePolicyDocument'], this.output, 'trust', arn);
      if (trustPolicy) this.linted.push(trustPolicy);
    }
    const instanceProfiles: string[] = [];
    for (const item of this.memberItems(common.at, 'InstanceProfileList', 'instance profiles')) {
      if (!this.expectObject(item, 'an instance profile object')) continue;
      const profileArn = this.requiredString(item, 'Arn', 'the instance profile');
      if (profileArn !== undefined) instanceProfiles.push(profileArn);
    }
    this.roles.push({
      ...common.entity,
      type: 'role',
      trustPolicy,
      permissionsBoundary: this.readBoundary(common.at),
      lastUsed: this.readRoleLastUsed(common.at),
      instanceProfiles,
      tags: this.readTags(common.at),
    });
  }

  /** What users, groups and roles share; undefined (and a problem) when the entity has no usable ARN. */
  private readEntity(at: At, type: EntityType): { readonly at: At<JsonObject>; readonly entity: EntityCommon } | undefined {
    if (!this.expectObject(at, `a ${type} object`)) return undefined;
    const object = at;
    const shape = entityShapes[type];
    const identified = this.readArn(object, type);
    if (!identified) return undefined;
    const { arn, parsed } = identified;
    const inlinePolicies: InlinePolicy[] = [];
    for (const item of this.memberItems(object, shape.policies, 'inline policies')) {
      const inline = this.readInlinePolicy(item, arn);
      if (inline) inlinePolicies.push(inline);
    }
    const attachedPolicies: PolicyAttachment[] = [];
    for (const item of this.memberItems(object, 'AttachedManagedPolicies', 'attached policies', true)) {
      const attachment = this.readAttachment(item);
      if (attachment) attachedPolicies.push(attachment);
    }
    return {
      at: object,
      entity: {
        arn,
        name: this.optionalString(object, shape.name) ?? parsed.name,
        path: this.optionalString(object, 'Path') ?? parsed.path,
        id: this.optionalString(object, shape.id),
        createDate: this.optionalDate(object, 'CreateDate'),
        span: this.span(at),
        inlinePolicies,
        attachedPolicies,
      },
    };
  }

  /** The entity's `Arn`, checked to be an IAM ARN of its type; notes its account. */
  private readArn(at: At<JsonObject>, type: EntityType | 'policy'): { readonly arn: string; readonly parsed: ParsedArn } | undefined {
    const label = type === 'policy' ? 'managed policy' : type;
    const node = propertyValue(at.node, 'Arn');
    if (absent(node)) {
      this.problem(at, `${formatJsonPath(at.path)} has no Arn, so the ${label} cannot be identified and was skipped`);
      return undefined;
    }
    const arnAt: At = { node, path: [...at.path, 'Arn'] };
    if (node.type !== 'string') {
      this.wrongType(arnAt, `the ${label}'s ARN (a string)`, `the ${label} was skipped`);
      return undefined;
    }
    const parsed = parseIamArn(node.value, type);
    if (!parsed) {
      this.problem(arnAt, `${formatJsonPath(arnAt.path)} should be the ARN of an IAM ${label} (arn:aws:iam::<account>:${type}/<name>), not '${node.value}'; the ${label} was skipped`);
      return undefined;
    }
    // AWS-managed policies (`iam::aws:policy/…`) belong to no account.
    if (isAccountId(parsed.account)) this.noteAccount(parsed.account, arnAt);
    return { arn: node.value, parsed };
  }

  /** The account of the export is that of its first entity; a second account is reported once. */
  private noteAccount(account: string, at: At): void {
    if (this.accountId === undefined) this.accountId = account;
    else if (account !== this.accountId && !this.mixedAccountsReported) {
      this.mixedAccountsReported = true;
      this.problem(
        at,
        `${formatJsonPath(at.path)} is in account ${account}, but the export's first entity is in account ${this.accountId}; a GAAD describes one account, so every entity in this file is taken to be in ${this.accountId}`,
      );
    }
  }

  private readInlinePolicy(at: At, owner: string): InlinePolicy | undefined {
    if (!this.expectObject(at, 'an inline policy object ({PolicyName, PolicyDocument})')) return undefined;
    const object = at;
    const name = this.requiredString(object, 'PolicyName', 'the inline policy');
    if (name === undefined) return undefined;
    const documentNode = propertyValue(object.node, 'PolicyDocument');
    let document: PolicyDocument | undefined;
    if (documentNode === undefined) this.problem(at, `${formatJsonPath(at.path)} (inline policy '${name}') has no PolicyDocument`);
    else {
      document = readPolicySlot(this.layer, documentNode, [...at.path, 'PolicyDocument'], this.output, 'identity', owner);
      if (document) this.linted.push(document);
    }
    return { name, span: this.span(at), document };
  }

  private readAttachment(at: At): PolicyAttachment | undefined {
    if (!this.expectObject(at, 'an attached policy object ({PolicyName, PolicyArn})')) return undefined;
    const arn = this.requiredString(at, 'PolicyArn', 'the attached policy');
    if (arn === undefined) return undefined;
    return { arn, name: this.optionalString(at, 'PolicyName'), span: this.span(at) };
  }

  private readBoundary(at: At<JsonObject>): PolicyAttachment | undefined {
    const node = propertyValue(at.node, 'PermissionsBoundary');
    if (absent(node)) return undefined;
    const boundary: At = { node, path: [...at.path, 'PermissionsBoundary'] };
    if (!this.expectObject(boundary, 'an object ({PermissionsBoundaryType, PermissionsBoundaryArn})')) return undefined;
    const arn = this.requiredString(boundary, 'PermissionsBoundaryArn', 'the permissions boundary');
    // GAAD names the boundary by ARN only.
    return arn === undefined ? undefined : { arn, name: undefined, span: this.span(boundary) };
  }

  private readTags(at: At<JsonObject>): Tag[] {
    const tags: Tag[] = [];
    for (const item of this.memberItems(at, 'Tags', 'tags')) {
      if (!this.expectObject(item, 'a tag object ({Key, Value})')) continue;
      const key = this.requiredString(item, 'Key', 'the tag');
      const value = key === undefined ? undefined : this.requiredString(item, 'Value', `tag '${key}'`);
      if (key !== undefined && value !== undefined) tags.push({ key, value });
    }
    return tags;
  }

  private readRoleLastUsed(at: At<JsonObject>): RoleLastUsed | undefined {
    const node = propertyValue(at.node, 'RoleLastUsed');
    if (absent(node)) return undefined;
    const lastUsed: At = { node, path: [...at.path, 'RoleLastUsed'] };
    if (!this.expectObject(lastUsed, 'an object ({LastUsedDate, Region})')) return undefined;
    return { date: this.optionalDate(lastUsed, 'LastUsedDate'), region: this.optionalString(lastUsed, 'Region'), span: this.span(lastUsed) };
  }

  // --- Managed policies ---------------------------------------------------------------------

  private readManagedPolicy(at: At): void {
    if (!this.expectObject(at, 'a managed policy object')) return;
    const identified = this.readArn(at, 'policy');
    if (!identified) return;
    const { arn, parsed } = identified;
    const awsManaged = parsed.account === 'aws';
    const defaultVersionId = this.optionalString(at, 'DefaultVersionId');
    const attachmentCount = this.optionalNumber(at, 'AttachmentCount');
    const permissionsBoundaryUsageCount = this.optionalNumber(at, 'PermissionsBoundaryUsageCount');
    // A policy used only as a permissions boundary is linted as one; attached anywhere, it grants.
    const kind: PolicyKind = (permissionsBoundaryUsageCount ?? 0) > 0 && attachmentCount === 0 ? 'boundary' : 'identity';
    const entries = this.memberItems(at, 'PolicyVersionList', 'policy versions').flatMap((item): VersionEntry[] => {
      if (!this.expectObject(item, 'a policy version object')) return [];
      const versionId = this.requiredString(item, 'VersionId', 'the policy version');
      if (versionId === undefined) return [];
      return [{ at: item, versionId, marked: this.optionalBoolean(item, 'IsDefaultVersion') === true }];
    });
    const chosen = this.chooseDefaultVersion(at, entries, defaultVersionId);
    const versions: PolicyVersion[] = [];
    let defaultVersion: PolicyVersion | undefined;
    for (const entry of entries) {
      const isDefault = entry === chosen;
      const documentNode = propertyValue(entry.at.node, 'Document');
      let document: PolicyDocument | undefined;
      if (documentNode === undefined) this.problem(entry.at, `${formatJsonPath(entry.at.path)} (version ${entry.versionId} of ${arn}) has no Document`);
      else {
        document = readPolicySlot(this.layer, documentNode, [...entry.at.path, 'Document'], this.output, kind, arn);
        // AWS-managed policies and non-default versions are read into the model (rules may look at
        // them) but not pushed to output.documents: users cannot change AWS-managed policies, and
        // non-default versions are not in force.
        if (document && isDefault && !awsManaged) this.linted.push(document);
      }
      const version: PolicyVersion = { versionId: entry.versionId, isDefault, createDate: this.optionalDate(entry.at, 'CreateDate'), span: this.span(entry.at), document };
      versions.push(version);
      if (isDefault) defaultVersion = version;
    }
    this.policies.push({
      arn,
      name: this.optionalString(at, 'PolicyName') ?? parsed.name,
      path: this.optionalString(at, 'Path') ?? parsed.path,
      id: this.optionalString(at, 'PolicyId'),
      awsManaged,
      span: this.span(at),
      defaultVersionId,
      attachmentCount,
      permissionsBoundaryUsageCount,
      versions,
      defaultVersion,
    });
  }

  /** The version in force: the one marked `IsDefaultVersion`, else the one `DefaultVersionId` names. */
  private chooseDefaultVersion(policy: At, entries: readonly VersionEntry[], defaultVersionId: string | undefined): VersionEntry | undefined {
    const marked = entries.filter((e) => e.marked);
    const [first, second] = marked;
    if (first) {
      if (second) this.problem(second.at, `${formatJsonPath(second.at.path)}: more than one version is marked IsDefaultVersion; ${first.versionId}, the first, is taken as the default`);
      else if (defaultVersionId !== undefined && defaultVersionId !== first.versionId) {
        this.problem(first.at, `${formatJsonPath(first.at.path)}: version ${first.versionId} is marked IsDefaultVersion but DefaultVersionId is ${defaultVersionId}; ${first.versionId} is taken as the default`);
      }
      return first;
    }
    if (defaultVersionId === undefined) return undefined;
    const named = entries.find((e) => e.versionId === defaultVersionId);
    // With no versions listed there is nothing to contradict DefaultVersionId.
    if (!named && entries.length > 0) this.problem(policy, `${formatJsonPath(policy.path)}: DefaultVersionId ${defaultVersionId} names no version in PolicyVersionList, so the policy's document in force is unknown`);
    return named;
  }

  // --- Shapes -------------------------------------------------------------------------------

  private span(at: At): Span {
    return layerSpan(this.layer, at.node.offset, at.node.length, at.path);
  }

  private problem(at: At, detail: string): void {
    const problem: InputProblem = { kind: 'export', detail, span: this.span(at) };
    this.output.problems.push(problem);
  }

  /** `X should be <expected>, not <type>`, then what was done about it (`the user was skipped`). */
  private wrongType(at: At, expected: string, consequence?: string): void {
    this.problem(at, `${formatJsonPath(at.path)} should be ${expected}, not ${describeType(at.node)}${consequence === undefined ? '' : `; ${consequence}`}`);
  }

  private expectObject(at: At, expected: string): at is At<JsonObject> {
    if (isObject(at.node)) return true;
    this.wrongType(at, expected);
    return false;
  }

  /** The entries of a top-level list; a list of another type is reported and read as empty. */
  private listItems(at: At, what: string): At[] {
    if (at.node.type === 'array') return at.node.items.map((node, i) => ({ node, path: [...at.path, i] }));
    if (at.node.type !== 'null') this.wrongType(at, `an array of ${what}`);
    return [];
  }

  /** The entries of a list member; missing is empty, and with `single` one object stands for a list of one. */
  private memberItems(at: At<JsonObject>, key: string, what: string, single = false): At[] {
    const node = propertyValue(at.node, key);
    if (absent(node)) return [];
    const member: At = { node, path: [...at.path, key] };
    if (single && node.type === 'object') return [member];
    return this.listItems(member, what);
  }

  /** A member the object cannot do without: missing or of another type, it is reported. */
  private requiredString(at: At<JsonObject>, key: string, what: string): string | undefined {
    const node = propertyValue(at.node, key);
    if (absent(node)) {
      this.problem(at, `${formatJsonPath(at.path)} has no ${key}, so ${what} was skipped`);
      return undefined;
    }
    if (node.type === 'string') return node.value;
    this.wrongType({ node, path: [...at.path, key] }, 'a string', `${what} was skipped`);
    return undefined;
  }

  /** A member the model can do without: missing is undefined, of another type it is reported and ignored. */
  private optional(at: At<JsonObject>, key: string, type: 'string' | 'number' | 'boolean'): JsonNode | undefined {
    const node = propertyValue(at.node, key);
    if (absent(node)) return undefined;
    if (node.type === type) return node;
    this.wrongType({ node, path: [...at.path, key] }, `a ${type}`);
    return undefined;
  }

  private optionalString(at: At<JsonObject>, key: string): string | undefined {
    const node = this.optional(at, key, 'string');
    return node?.type === 'string' ? node.value : undefined;
  }

  private optionalNumber(at: At<JsonObject>, key: string): number | undefined {
    const node = this.optional(at, key, 'number');
    return node?.type === 'number' ? node.value : undefined;
  }

  private optionalBoolean(at: At<JsonObject>, key: string): boolean | undefined {
    const node = this.optional(at, key, 'boolean');
    return node?.type === 'boolean' ? node.value : undefined;
  }

  private optionalDate(at: At<JsonObject>, key: string): Date | undefined {
    const node = this.optional(at, key, 'string');
    if (node?.type !== 'string') return undefined;
    const date = parseExportDate(node.value);
    if (!date) this.problem({ node, path: [...at.path, key] }, `${formatJsonPath([...at.path, key])} should be a date such as 2019-10-28T20:37:09+00:00, not '${node.value}'`);
    return date;
  }
}

/** `aws iam get-account-authorization-details`, one page or the whole output. */
export const authorizationDetailsReader: ExportReader = {
  kind: 'authorization-details',
  matches(root) {
    if ([entityShapes.user.list, entityShapes.group.list, entityShapes.role.list].some((key) => propertyValue(root, key) !== undefined)) return true;
    const policies = propertyValue(root, policiesKey);
    return policies !== undefined && isAuthorizationDetailsPolicyList(policies);
  },
  read(layer, root, output): AccountFragment {
    const reader = new AuthorizationDetailsReader(layer, output);
    reader.read(root);
    // The fragment's span is the RoleDetailList property (the last, if a key repeats, as JSON reads
    // it), else the root object: where findings about the account as a whole point.
    const roleList = root.properties.findLast((property: JsonProperty) => property.key === entityShapes.role.list);
    const span = roleList ? layerSpan(layer, roleList.offset, roleList.length, [roleList.key]) : layerSpan(layer, root.offset, root.length, []);
    return { kind: 'gaad', accountId: reader.accountId, span, users: reader.users, groups: reader.groups, roles: reader.roles, policies: reader.policies };
  },
};
