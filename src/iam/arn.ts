import { patternSet } from './action-set.js';
import { catalogue, findService, type ActionInfo, type ServiceInfo } from './catalogue.js';
import { isEveryResource } from './statement.js';
import { nearest } from './suggest.js';
import { hasWildcard } from './wildcard.js';

const accountId = /^\d{12}$/;

export function isAccountId(text: string): boolean {
  return accountId.test(text);
}

/**
 * The account an `AWS` principal belongs to: a bare account ID, or the account part of an IAM or STS
 * ARN (`arn:aws:iam::111122223333:root`, `…:role/x`, `arn:aws:sts::111122223333:assumed-role/x/s`).
 * Undefined for `*`, unique IDs (`AROA…`) and anything else whose account cannot be read.
 */
export function principalAccount(value: string): string | undefined {
  if (isAccountId(value)) return value;
  const arn = parseArn(value);
  if (!arn || (arn.service !== 'iam' && arn.service !== 'sts')) return undefined;
  return isAccountId(arn.account) ? arn.account : undefined;
}

/*
 * ARN patterns. A Resource (or ARN condition value) is a pattern: `*` matches any run of characters
 * (across `:` and `/`), `?` exactly one, and a policy variable `${aws:username}` stands for a value
 * only known at request time — any text — except `${*}`, `${?}` and `${$}`, which are a literal `*`,
 * `?` and `$`. The catalogue's ARN formats (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`) are
 * patterns too: each `${Placeholder}` stands for a non-empty value. Whether some ARN of a format can
 * match a pattern is whether the two patterns share a string: a walk over pairs of positions, with no
 * backtracking, in time proportional to the product of their lengths.
 */

/** The AWS partitions, as the AWS SDKs' partitions.json lists them. */
export const partitions: readonly string[] = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'];

export function isPartition(text: string): boolean {
  return partitions.includes(text);
}

/** A region code: `us-east-1`, `us-gov-west-1`, `cn-northwest-1`, `eu-isoe-west-1`, `eusc-de-east-1`. */
const regionSyntax = /^[a-z]{2,4}(?:-[a-z]+){1,3}-\d{1,2}$/;

export function isRegion(text: string): boolean {
  return regionSyntax.test(text);
}

// Tokens of a compiled pattern: a character code (≥ 0), or one of these.
/** Any one character (`?`). */
const ONE = -1;
/** Any run of characters, including none (`*`, a policy variable). */
const STAR = -2;
/** One or more characters (a placeholder). */
const PLUS = -3;
/** One or more characters, none of them `/` (a name that cannot hold a slash). */
const PLUS_NO_SLASH = -4;
/** One or more characters, neither `:` nor `/` (a placeholder in the partition, service, region or account). */
const PLUS_FIELD = -5;
/** One or more characters, none of them `:`. */
const PLUS_NO_COLON = -6;

/** Where a policy variable `${…}` that starts at `at` ends (the index after `}`), or -1. */
function variableEnd(text: string, at: number): number {
  if (text.charCodeAt(at) !== 36 /* $ */ || text.charCodeAt(at + 1) !== 123 /* { */) return -1;
  const close = text.indexOf('}', at + 2);
  return close < 0 ? -1 : close + 1;
}

/** The literal a `${*}`, `${?}` or `${$}` stands for, else undefined (a real variable). */
function escapedLiteral(inner: string): number | undefined {
  return inner === '*' || inner === '?' || inner === '$' ? inner.charCodeAt(0) : undefined;
}

/** Whether a pattern has a `*`, `?` or policy variable: anything but literal text. */
export function hasPatternSyntax(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 42 /* * */ || c === 63 /* ? */) return true;
    const end = variableEnd(text, i);
    if (end > 0) {
      if (escapedLiteral(text.slice(i + 2, end - 1)) === undefined) return true;
      i = end - 1;
    }
  }
  return false;
}

function pushStar(tokens: number[]): void {
  if (tokens[tokens.length - 1] !== STAR) tokens.push(STAR);
}

/**
 * A compiled pattern: its tokens, in a plain array of small integers (quicker to build than a
 * typed array, and as quick to read).
 */
type Tokens = readonly number[];

/** Compiles a policy pattern: `*` and variables to STAR, `?` to ONE, escapes to their literal. */
function compilePattern(text: string): Tokens {
  const tokens: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const end = variableEnd(text, i);
    if (end > 0) {
      const literal = escapedLiteral(text.slice(i + 2, end - 1));
      if (literal === undefined) pushStar(tokens);
      else tokens.push(literal);
      i = end - 1;
    } else if (c === 42) pushStar(tokens);
    else if (c === 63) tokens.push(ONE);
    else tokens.push(c);
  }
  return tokens;
}

/**
 * Placeholders whose values are names that cannot hold some characters, by ARN namespace: S3 bucket
 * names, DynamoDB tables … have neither `/` nor `:`; log stream names have no `:` (log group names
 * do not either, but CloudWatch Logs authorizes log groups as `log-group:name:*`); Lambda
 * function names no `/` (a `:` may follow with a version or alias: `function:app:live`). Every other
 * placeholder may hold anything (role names with paths, object keys, secret and parameter names, ECR
 * repositories, IoT topics …): when unsure, a placeholder matches any non-empty text, so that no ARN
 * is wrongly said not to match.
 */
const restricted: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  s3: { BucketName: PLUS_FIELD, AccessPointName: PLUS_FIELD },
  dynamodb: { TableName: PLUS_FIELD, IndexName: PLUS_FIELD },
  sqs: { QueueName: PLUS_FIELD },
  sns: { TopicName: PLUS_FIELD },
  kinesis: { StreamName: PLUS_FIELD },
  kms: { KeyId: PLUS_FIELD },
  logs: { LogStreamName: PLUS_NO_COLON },
  lambda: { FunctionName: PLUS_NO_SLASH },
};

/** A placeholder's token: in the ARN's first fields no `:` or `/`; `…Path` may be empty (API paths). */
function placeholderToken(name: string, field: number, namespace: string): number {
  if (field < 5) return PLUS_FIELD;
  if (name.endsWith('Path')) return STAR;
  return restricted[namespace]?.[name] ?? PLUS;
}

/** The text between the second and third colon of a format: its ARN namespace. */
function formatNamespace(format: string): string {
  return format.split(':', 3)[2] ?? '';
}

/**
 * Compiles a catalogue ARN format, whole (`field` undefined) or one of its six colon-separated
 * fields (0 `arn`, 1 partition, 2 service, 3 region, 4 account, 5 the resource part, colons and
 * all). A literal `*` in a format stands for anything.
 */
function compileFormat(format: string, field?: number): Tokens {
  const namespace = formatNamespace(format);
  const tokens: number[] = [];
  let at = 0;
  for (let i = 0; i < format.length; i++) {
    const c = format.charCodeAt(i);
    const end = c === 36 ? variableEnd(format, i) : -1;
    const keep = field === undefined || field === at;
    if (end > 0) {
      if (keep) {
        const token = placeholderToken(format.slice(i + 2, end - 1), at, namespace);
        if (token === STAR) pushStar(tokens);
        else tokens.push(token);
      }
      i = end - 1;
      continue;
    }
    if (c === 58 /* : */ && at < 5) {
      at++;
      if (field === undefined) tokens.push(c);
      continue;
    }
    if (!keep) continue;
    if (c === 42) pushStar(tokens);
    else tokens.push(c);
  }
  return tokens;
}

/** Beyond this many states, the walk is not made and the patterns are taken to overlap. */
const maxStates = 1 << 20;

/** Whether `c` (a character code) may stand where a token of class `token` stands. */
function inClass(token: number, c: number): boolean {
  if (token === PLUS_NO_SLASH) return c !== 47;
  if (token === PLUS_FIELD) return c !== 47 && c !== 58;
  if (token === PLUS_NO_COLON) return c !== 58;
  return true;
}

/** Whether two character labels (a code, or ONE for any character, or a class token) share a character. */
function compatible(a: number, b: number): boolean {
  if (a === ONE || b === ONE || a === PLUS || b === PLUS) return true;
  if (a >= 0 && b >= 0) return a === b;
  if (a >= 0) return inClass(b, a);
  if (b >= 0) return inClass(a, b);
  return true;
}

/*
 * A side's state is `2·position + inside`, where `inside` says that at least one character of the
 * placeholder at `position` has been read. From a state there is at most one move that reads a
 * character (its label and target, below) and at most one that reads none.
 */

/** The state reached without reading a character, or -1. */
function silentMove(tokens: Tokens, state: number): number {
  const position = state >> 1;
  if (position >= tokens.length) return -1;
  if ((state & 1) === 1 || tokens[position] === STAR) return (position + 1) << 1;
  return -1;
}

/** The label of the character-reading move (ONE for any character), or undefined; its target is `readTarget`. */
function readLabel(tokens: Tokens, state: number): number | undefined {
  const position = state >> 1;
  if (position >= tokens.length) return undefined;
  const token = tokens[position] ?? 0;
  if (token === STAR || token === ONE) return ONE;
  return token;
}

function readTarget(tokens: Tokens, state: number): number {
  const position = state >> 1;
  const token = tokens[position] ?? 0;
  if (token === STAR || (state & 1) === 1) return state;
  if (token <= PLUS) return (position << 1) | 1;
  return (position + 1) << 1;
}

/** Whether the literal tokens that start (or, from the back, end) both patterns already differ. */
function literalEndsDiffer(a: Tokens, b: Tokens): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x < 0 || y < 0) break;
    if (x !== y) return true;
  }
  for (let i = 1; i <= n; i++) {
    const x = a[a.length - i] ?? 0;
    const y = b[b.length - i] ?? 0;
    if (x < 0 || y < 0) break;
    if (x !== y) return true;
  }
  return false;
}

/** The walk's visited states and its stack of states to visit, reused from call to call (`seen` is cleared after each). */
let seen = new Uint8Array(1 << 14);
let stack = new Int32Array(1 << 10);

/** Marks a state of the walk seen and queues it, unless it was already; returns the queue's new length. */
function enqueue(key: number, pushed: number): number {
  if (seen[key] !== 0) return pushed;
  seen[key] = 1;
  stack[pushed] = key;
  return pushed + 1;
}

/** Whether some string matches both compiled patterns. */
function intersects(a: Tokens, b: Tokens): boolean {
  if (literalEndsDiffer(a, b)) return false;
  const statesA = 2 * (a.length + 1);
  const statesB = 2 * (b.length + 1);
  const states = statesA * statesB;
  if (states > maxStates) return true;
  if (seen.length < states) seen = new Uint8Array(states);
  if (stack.length < states) stack = new Int32Array(states);
  const accept = (a.length << 1) * statesB + (b.length << 1);
  // Every state is pushed at most once, so `stack` also lists, up to `pushed`, the states to clear.
  let pushed = 1;
  let next = 0;
  stack[0] = 0;
  seen[0] = 1;
  let found = false;
  while (next < pushed) {
    const key = stack[next++] ?? 0;
    if (key === accept) {
      found = true;
      break;
    }
    const sa = (key / statesB) | 0;
    const sb = key - sa * statesB;
    const silentA = silentMove(a, sa);
    if (silentA >= 0) pushed = enqueue(silentA * statesB + sb, pushed);
    const silentB = silentMove(b, sb);
    if (silentB >= 0) pushed = enqueue(sa * statesB + silentB, pushed);
    const labelA = readLabel(a, sa);
    const labelB = readLabel(b, sb);
    if (labelA !== undefined && labelB !== undefined && compatible(labelA, labelB)) pushed = enqueue(readTarget(a, sa) * statesB + readTarget(b, sb), pushed);
  }
  for (let i = 0; i < pushed; i++) seen[stack[i] ?? 0] = 0;
  return found;
}

const patternTokens = new Map<string, Tokens>();
const formatTokens = new Map<string, Tokens>();

function patternOf(text: string): Tokens {
  let tokens = patternTokens.get(text);
  if (!tokens) {
    tokens = compilePattern(text);
    patternTokens.set(text, tokens);
  }
  return tokens;
}

/** A format's six fields, compiled, each with a key that names its text (and, for the resource part, its namespace). */
interface FormatFields {
  readonly keys: readonly string[];
  readonly tokens: readonly Tokens[];
}

const formatFields = new Map<string, FormatFields>();

function fieldsOf(format: string): FormatFields {
  let fields = formatFields.get(format);
  if (!fields) {
    const texts = format.split(':');
    const namespace = texts[2] ?? '';
    const keys = [0, 1, 2, 3, 4].map((field) => `${String(field)}:${texts[field] ?? ''}`);
    keys.push(`5:${namespace}:${texts.slice(5).join(':')}`);
    fields = { keys, tokens: [0, 1, 2, 3, 4, 5].map((field) => compileFormat(format, field)) };
    formatFields.set(format, fields);
  }
  return fields;
}

/** Answers per format field (its key), then per pattern text: fields repeat far more than whole ARNs. */
const fieldAnswers = new Map<string, Map<string, boolean>>();

function fieldMatches(fields: FormatFields, field: number, text: string): boolean {
  const key = fields.keys[field] ?? '';
  let answers = fieldAnswers.get(key);
  if (!answers) {
    answers = new Map();
    fieldAnswers.set(key, answers);
  }
  let answer = answers.get(text);
  if (answer === undefined) {
    answer = intersects(fields.tokens[field] ?? [], patternOf(text));
    answers.set(text, answer);
  }
  return answer;
}

/** Whether two policy patterns (resources, ARN condition values) can match a common string. */
export function patternsOverlap(a: string, b: string): boolean {
  return intersects(patternOf(a), patternOf(b));
}

/** Answers per format, then per pattern. */
const formatAnswers = new Map<string, Map<string, boolean>>();

function matchFormat(format: string, pattern: string): boolean {
  const arn = parseArn(pattern);
  if (!arn) {
    let tokens = formatTokens.get(format);
    if (!tokens) {
      tokens = compileFormat(format);
      formatTokens.set(format, tokens);
    }
    return intersects(tokens, patternOf(pattern));
  }
  const fields = fieldsOf(format);
  // Service and resource part first: they differ most.
  return (
    fieldMatches(fields, 2, arn.service) &&
    fieldMatches(fields, 5, arn.resource) &&
    fieldMatches(fields, 4, arn.account) &&
    fieldMatches(fields, 3, arn.region) &&
    fieldMatches(fields, 1, arn.partition)
  );
}

/**
 * Whether some ARN of a catalogue format (`ResourceTypeInfo.arn`) can match a resource pattern:
 * `arn:aws:s3:::my-bucket/*` can be an object (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`),
 * not a bucket. A pattern with six parts is compared part by part, as it is meant: a `*` in its
 * region stands for a region, not for more colons and parts (which no real ARN would fill); one
 * with fewer parts is compared as a whole. Case-sensitive; each distinct pair is computed once.
 */
export function formatMatches(format: string, pattern: string): boolean {
  let answers = formatAnswers.get(format);
  if (!answers) {
    answers = new Map();
    formatAnswers.set(format, answers);
  }
  let answer = answers.get(pattern);
  if (answer === undefined) {
    answer = matchFormat(format, pattern);
    answers.set(pattern, answer);
  }
  return answer;
}

/**
 * Whether the partition, region and account of a six-part pattern can be those of an ARN of the
 * format, for resource-type-mismatch: a region or account where the format has none is taken to
 * fit, as it is invalid-arn's to report (and the catalogue is not always right about it).
 */
function headerMatches(format: CatalogueFormat, arn: ArnPattern): boolean {
  const { fields } = format;
  return (format.account === '' || fieldMatches(fields, 4, arn.account)) && (format.region === '' || fieldMatches(fields, 3, arn.region)) && fieldMatches(fields, 1, arn.partition);
}

/**
 * The six parts of an ARN or ARN pattern, as written: `arn:partition:service:region:account:resource`.
 * The resource part may itself hold colons (`arn:aws:logs:us-east-1:111122223333:log-group:app:*`),
 * so only the first five separate.
 */
export interface ArnPattern {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

/** The positions of the colons outside policy variables (`${aws:username}` holds one). */
function separators(text: string, max: number): number[] {
  const found: number[] = [];
  if (!text.includes('${')) {
    for (let at = text.indexOf(':'); at >= 0 && found.length < max; at = text.indexOf(':', at + 1)) found.push(at);
    return found;
  }
  for (let i = 0; i < text.length && found.length < max; i++) {
    const end = variableEnd(text, i);
    if (end > 0) i = end - 1;
    else if (text.charCodeAt(i) === 58) found.push(i);
  }
  return found;
}

/**
 * The parts of an ARN pattern, splitting at colons outside policy variables
 * (`arn:aws:iam::${aws:PrincipalAccount}:role/x` has account `${aws:PrincipalAccount}`); undefined
 * unless it starts `arn:` and has six parts.
 */
export function parseArn(text: string): ArnPattern | undefined {
  if (!text.startsWith('arn:')) return undefined;
  const colons = separators(text, 5);
  if (colons.length < 5) return undefined;
  const [a = 0, b = 0, c = 0, d = 0, e = 0] = colons;
  return { partition: text.slice(a + 1, b), service: text.slice(b + 1, c), region: text.slice(c + 1, d), account: text.slice(d + 1, e), resource: text.slice(e + 1) };
}

/** A pattern that matches any text (only `*`s and policy variables): every resource. */
export function matchesAnything(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const end = variableEnd(pattern, i);
    if (end > 0) {
      if (escapedLiteral(pattern.slice(i + 2, end - 1)) !== undefined) return false;
      i = end - 1;
    } else if (pattern.charCodeAt(i) !== 42) return false;
  }
  return true;
}

/** The text a pattern starts with before its first wildcard or variable. */
function literalPrefix(pattern: string): string {
  const end = pattern.search(/[*?]|\$\{/);
  return end < 0 ? pattern : pattern.slice(0, end);
}

/** The start of a resource part up to its first `/` or `:` (`instance/`), when the literal text reaches one. */
function headOf(literal: string): string | undefined {
  const at = literal.search(/[/:]/);
  return at < 0 ? undefined : literal.slice(0, at + 1);
}

/** One resource type's ARN format, with the service that owns it. */
export interface ArnFormat {
  readonly arn: string;
  /** Its ARN namespace (`s3`), which need not be the prefix of the service that lists it. */
  readonly namespace: string;
  /** Its region and account fields as the catalogue writes them (`${Region}`, empty, `aws` …). */
  readonly region: string;
  readonly account: string;
  /** The service prefix (`s3`) and the resource type (`bucket`). */
  readonly prefix: string;
  readonly typeName: string;
}

/** A catalogue format, with its fields compiled on first use (kept here to spare a lookup by its text). */
class CatalogueFormat implements ArnFormat {
  private compiled: FormatFields | undefined;

  constructor(
    readonly arn: string,
    readonly namespace: string,
    readonly region: string,
    readonly account: string,
    readonly prefix: string,
    readonly typeName: string,
  ) {}

  get fields(): FormatFields {
    this.compiled ??= fieldsOf(this.arn);
    return this.compiled;
  }
}

/** The formats of one namespace, indexed by how their resource parts start. */
class Namespace {
  readonly formats: CatalogueFormat[] = [];
  /** Whether some format has no region; no account. */
  regionless = false;
  accountless = false;
  /** By the start of the resource part up to the first `/` or `:` (`instance/`, `log-group:`). */
  private readonly byHead = new Map<string, CatalogueFormat[]>();
  /** Formats whose resource part starts with a placeholder before any `/` or `:` (`${BucketName}`). */
  private readonly headless: CatalogueFormat[] = [];

  add(format: CatalogueFormat): void {
    this.formats.push(format);
    if (format.region === '') this.regionless = true;
    if (format.account === '') this.accountless = true;
    const head = headOf(literalPrefix(format.arn.split(':').slice(5).join(':')));
    if (head === undefined) this.headless.push(format);
    else {
      const list = this.byHead.get(head);
      if (list) list.push(format);
      else this.byHead.set(head, [format]);
    }
  }

  /**
   * The formats whose resource part can start like `resource` does: both start with the same text
   * up to a `/` or `:`, or either has a wildcard or placeholder before one. A superset of those that
   * can match; cheap.
   */
  candidates(resource: string): readonly CatalogueFormat[] {
    const literal = literalPrefix(resource);
    const head = headOf(literal);
    // Literal text without a `/` or `:` (a bucket name) can only be a format that starts with a placeholder.
    if (head === undefined) return literal === resource ? this.headless : this.formats;
    const headed = this.byHead.get(head);
    if (!headed) return this.headless;
    return this.headless.length === 0 ? headed : [...headed, ...this.headless];
  }
}

let namespaces: Map<string, Namespace> | undefined;

/** The catalogue's ARN formats by namespace (built once, from the catalogue's list of formats: no service is parsed). */
function namespaceIndex(): Map<string, Namespace> {
  if (namespaces) return namespaces;
  const index = new Map<string, Namespace>();
  for (const [arn, prefix, typeName] of catalogue().arnFormats) {
    const [, , namespace = '', region = '', account = ''] = arn.split(':', 5);
    let known = index.get(namespace);
    if (!known) {
      known = new Namespace();
      index.set(namespace, known);
    }
    known.add(new CatalogueFormat(arn, namespace, region, account, prefix, typeName));
  }
  namespaces = index;
  return index;
}

/** The catalogue's ARN formats in a namespace (`s3`, `iam` …); empty when it knows none. */
export function formatsInNamespace(namespace: string): readonly ArnFormat[] {
  return namespaceIndex().get(namespace)?.formats ?? [];
}

/** By namespace, then resource part. */
const byResourcePart = new Map<string, Map<string, readonly CatalogueFormat[]>>();

/** The formats of an ARN pattern's (literal) namespace whose resource part it can match; cached per namespace and resource part. */
function resourceFormats(arn: ArnPattern): readonly CatalogueFormat[] {
  let parts = byResourcePart.get(arn.service);
  if (!parts) {
    parts = new Map();
    byResourcePart.set(arn.service, parts);
  }
  let found = parts.get(arn.resource);
  if (!found) {
    const candidates = namespaceIndex().get(arn.service)?.candidates(arn.resource) ?? [];
    // Compiled here, not kept: resource parts are many and each is looked at once.
    const tokens = compilePattern(arn.resource);
    found = candidates.filter((f) => intersects(f.fields.tokens[5] ?? [], tokens));
    parts.set(arn.resource, found);
  }
  return found;
}

/** What is wrong with an ARN, if anything; `invalid-arn` reports these. */
export type ArnProblem =
  /** Not an ARN and no pattern for one (`my-bucket`). */
  | { readonly kind: 'notArn' }
  /** `arn:` with fewer than six colon-separated parts and no wildcard to stand for the rest. */
  | { readonly kind: 'tooFewParts'; readonly parts: number }
  | { readonly kind: 'emptyPart'; readonly part: 'partition' | 'service' | 'resource' }
  | { readonly kind: 'unknownPartition'; readonly partition: string; readonly suggestion: string | undefined }
  /** A service namespace that is a known one in another case (`S3`): ARNs are case-sensitive. */
  | { readonly kind: 'serviceCase'; readonly service: string; readonly expected: string }
  | { readonly kind: 'malformedRegion'; readonly region: string }
  | { readonly kind: 'malformedAccount'; readonly account: string }
  /**
   * A region or account where no ARN of that kind has one. `what` names the resource types
   * (`Amazon S3 bucket`), `fixed` is the ARN without them.
   */
  | { readonly kind: 'unexpectedPart'; readonly region: boolean; readonly account: boolean; readonly what: string; readonly fixed: string };

export interface ArnCheckOptions {
  /** API Gateway resource policies may name resources `execute-api:/stage/GET/path`. */
  readonly apiGatewayShorthand?: boolean;
}

/** Whether a field can match nothing but text with a literal character in it (so it is present). */
function isPresent(field: string): boolean {
  return !matchesAnything(field) && field !== '';
}

/** Whether a pattern can match some text that starts with `arn:`. */
function couldBeArn(text: string): boolean {
  return patternsOverlap(text, 'arn:*');
}

/** The name of the service that owns a namespace (`Amazon S3`), else of the first that lists its formats. */
function serviceName(formats: readonly ArnFormat[], namespace: string): string {
  const owner = formats.find((f) => f.prefix.toLowerCase() === namespace) ?? formats[0];
  return (owner && findService(owner.prefix)?.name) ?? namespace;
}

/**
 * How messages name the resource types of some formats of a namespace: `Amazon S3 bucket and
 * object`, as the service that owns the namespace lists them; else the owner's name alone.
 */
function describeTypes(formats: readonly ArnFormat[], namespace: string): string {
  const own = formats.filter((f) => f.prefix.toLowerCase() === namespace);
  const name = serviceName(formatsInNamespace(namespace), namespace);
  const types = [...new Set(own.map((f) => f.typeName))];
  if (types.length === 0 || types.length > 3) return name;
  const last = types.pop() ?? '';
  return `${name} ${types.length > 0 ? `${types.join(', ')} and ${last}` : last}`;
}

/**
 * Namespaces whose ARNs have a region although the catalogue's formats have none: Amazon SWF
 * documents its domains as `arn:aws:swf:Region:AccountID:/domain/DomainName`; AWS OpsWorks CM
 * servers are regional too.
 */
const regionDistrusted: ReadonlySet<string> = new Set(['swf', 'opsworks-cm']);

/**
 * A region or account in an ARN of a known namespace where none of the formats its resource part
 * can match has one. A resource part that matches no format is not judged: the catalogue does not
 * list every kind of ARN.
 */
function namespaceProblem(arn: ArnPattern): ArnProblem | undefined {
  const namespace = namespaceIndex().get(arn.service);
  if (!namespace) return undefined;
  const region = namespace.regionless && !regionDistrusted.has(arn.service) && isPresent(arn.region);
  const account = namespace.accountless && isPresent(arn.account);
  if (!region && !account) return undefined;
  const matching = resourceFormats(arn);
  if (matching.length === 0) return undefined;
  const regionless = region && matching.every((f) => f.region === '');
  const accountless = account && matching.every((f) => f.account === '');
  if (!regionless && !accountless) return undefined;
  const what = describeTypes(matching, arn.service);
  const fixed = `arn:${arn.partition}:${arn.service}:${regionless ? '' : arn.region}:${accountless ? '' : arn.account}:${arn.resource}`;
  return { kind: 'unexpectedPart', region: regionless, account: accountless, what, fixed };
}

function findProblem(text: string): ArnProblem | undefined {
  if (matchesAnything(text)) return undefined;
  if (!text.startsWith('arn:')) return couldBeArn(text) ? undefined : { kind: 'notArn' };
  const arn = parseArn(text);
  if (!arn) {
    const colons = separators(text, 5);
    const tooFew: ArnProblem = { kind: 'tooFewParts', parts: colons.length + 1 };
    if (!hasPatternSyntax(text.slice(4))) return tooFew;
    // A wildcard may stand for the missing parts (`arn:aws:s3*`, `arn:aws:iam::*`): then the
    // partition is judged, and, when the service is written out, whether an ARN of it can match.
    if (colons.length < 2) return undefined;
    const partition = partitionProblem(text.slice((colons[0] ?? 0) + 1, colons[1]));
    if (partition || colons.length < 3) return partition;
    const service = text.slice((colons[1] ?? 0) + 1, colons[2]);
    if (hasPatternSyntax(service)) return undefined;
    const formats = formatsInNamespace(service);
    return formats.length > 0 && !formats.some((f) => formatMatches(f.arn, text)) ? tooFew : undefined;
  }
  const partition = partitionProblem(arn.partition);
  if (partition) return partition;
  if (arn.service === '') return { kind: 'emptyPart', part: 'service' };
  if (!hasPatternSyntax(arn.service) && arn.service !== arn.service.toLowerCase() && formatsInNamespace(arn.service.toLowerCase()).length > 0) {
    return { kind: 'serviceCase', service: arn.service, expected: arn.service.toLowerCase() };
  }
  if (arn.region !== '' && !hasPatternSyntax(arn.region) && !isRegion(arn.region) && !formatsInNamespace(arn.service).some((f) => f.region === arn.region)) {
    return { kind: 'malformedRegion', region: arn.region };
  }
  if (arn.account !== '' && !hasPatternSyntax(arn.account) && !isAccountId(arn.account) && arn.account !== 'aws' && !formatsInNamespace(arn.service).some((f) => f.account === arn.account)) {
    return { kind: 'malformedAccount', account: arn.account };
  }
  if (arn.resource === '') return { kind: 'emptyPart', part: 'resource' };
  if (hasPatternSyntax(arn.service)) return undefined;
  return namespaceProblem(arn);
}

function partitionProblem(partition: string): ArnProblem | undefined {
  if (partition === '') return { kind: 'emptyPart', part: 'partition' };
  if (isPartition(partition)) return undefined;
  if (hasPatternSyntax(partition) && partitions.some((p) => patternsOverlap(partition, p))) return undefined;
  return { kind: 'unknownPartition', partition, suggestion: suggestPartition(partition) };
}

/**
 * The partition meant: the same but for case and hyphens (`aws-isob` → `aws-iso-b`), else the one
 * with all the words of the text (`aws-gov` → `aws-us-gov`), else the nearest.
 */
function suggestPartition(text: string): string | undefined {
  const bare = (p: string): string => p.toLowerCase().replace(/-/g, '');
  const same = partitions.find((p) => bare(p) === bare(text));
  if (same !== undefined) return same;
  const words = text.toLowerCase().split('-');
  const containing = partitions.filter((p) => words.every((word) => p.split('-').includes(word)));
  return containing.length === 1 ? containing[0] : nearest(text, partitions);
}

/** Per string as written; `null` records that there is no problem, so that one lookup answers. */
const problems = new Map<string, ArnProblem | null>();

/**
 * What is wrong with an ARN or ARN pattern (a Resource, an ARN condition value, a principal ARN), if
 * anything: malformed, an unknown partition, a region or account that is not one, or one where the
 * service's ARNs of that kind have none. Wildcards and policy variables are fine anywhere; a
 * service the catalogue does not know is judged on its shape only. Computed once per string; the
 * costly part, which formats the resource part can match, once per namespace and resource part
 * (`resourceFormats`), so the same resource in fifty accounts costs little more than one.
 */
export function checkArn(text: string, options: ArnCheckOptions = {}): ArnProblem | undefined {
  if (options.apiGatewayShorthand === true && text.startsWith('execute-api:')) return undefined;
  let problem = problems.get(text);
  if (problem === undefined) {
    problem = findProblem(text) ?? null;
    problems.set(text, problem);
  }
  return problem ?? undefined;
}

/** A resource type an action acts on, for messages: `object` and its ARN format. */
export interface ActionResourceFormat {
  readonly name: string;
  readonly arn: string;
}

/** Whether some resource of a list can be of a type that the actions of an Action entry act on. */
export type ResourceFit =
  /** Some resource can (or cannot be judged: a malformed ARN, an unknown service, a pattern across parts). */
  | { readonly kind: 'fits' }
  /** No listed resource can be one, and no action the entry matches has a resource type: they accept only `*`. */
  | { readonly kind: 'noResourceTypes'; readonly actions: readonly ActionInfo[] }
  /** No listed resource can be of any type the actions act on. */
  | { readonly kind: 'mismatch'; readonly actions: readonly ActionInfo[]; readonly types: readonly ActionResourceFormat[] };

/** What the actions of one Action entry act on. */
interface EntryTypes {
  readonly actions: readonly ActionInfo[];
  /** A literal action name (no wildcard): then a resource of a namespace the catalogue does not know is judged too. */
  readonly literal: boolean;
  /** Every distinct format, in catalogue order. */
  readonly types: readonly ActionResourceFormat[];
  /** Every distinct format, for lookups. */
  readonly formats: ReadonlySet<string>;
  /** Formats whose namespace is a placeholder (AWS Backup's `${Vendor}`). */
  readonly anyNamespace: readonly string[];
  /**
   * For the matched actions that have no resource type: the namespaces of their services (the
   * prefix, and the namespaces of the service's resource types), each with whether only a
   * resource part of wildcards is taken to fit (`strict`), or any resource of the namespace.
   */
  readonly typeless: ReadonlyMap<string, boolean>;
}

const entryTypes = new Map<string, EntryTypes>();

/**
 * Services whose documentation confirms what the catalogue says: an action with no resource type
 * accepts only `*` (Amazon EC2: "ec2:Describe* API actions do not support resource-level
 * permissions"). For other services, such an action is taken to possibly accept resources of its
 * own service: AWS's own managed policies pair such actions with them (cloudformation:ListStacks on
 * `stack/*`, codestar-connections:CreateConnection on `connection/*`), and the services' guides
 * sometimes list resources that the Service Authorization Reference leaves out.
 */
const strictTypeless: ReadonlySet<string> = new Set(['ec2']);

const namespacesOfService = new Map<string, readonly string[]>();

/** The ARN namespaces of a service: its prefix and those of its resource types' formats. */
function serviceNamespaces(service: ServiceInfo): readonly string[] {
  let found = namespacesOfService.get(service.prefix);
  if (!found) {
    const set = new Set([service.prefix.toLowerCase()]);
    for (const type of service.resourceTypes.values()) set.add(formatNamespace(type.arn));
    found = [...set];
    namespacesOfService.set(service.prefix, found);
  }
  return found;
}

/** The same, by the entry as written: most entries recur in the same case, which spares lowercasing them. */
const entryTypesAsWritten = new Map<string, EntryTypes>();

function typesOf(pattern: string): EntryTypes {
  const written = entryTypesAsWritten.get(pattern);
  if (written) return written;
  const key = pattern.toLowerCase();
  const known = entryTypes.get(key);
  if (known) {
    entryTypesAsWritten.set(pattern, known);
    return known;
  }
  const actions = patternSet([pattern]).actions();
  const types: ActionResourceFormat[] = [];
  const seen = new Set<string>();
  const anyNamespace: string[] = [];
  const typeless = new Map<string, boolean>();
  for (const action of actions) {
    if (action.resourceTypes.length === 0) {
      const strict = strictTypeless.has(action.service.prefix.toLowerCase());
      for (const namespace of serviceNamespaces(action.service)) typeless.set(namespace, strict && (typeless.get(namespace) ?? true));
    }
    for (const { name } of action.resourceTypes) {
      const arn = action.service.resourceTypes.get(name)?.arn;
      if (arn === undefined || seen.has(arn)) continue;
      seen.add(arn);
      types.push({ name, arn });
      const namespace = formatNamespace(arn);
      if (namespace.includes('${') || namespace.includes('*')) anyNamespace.push(arn);
    }
  }
  const entry = { actions, literal: !hasWildcard(pattern), types, formats: seen, anyNamespace, typeless };
  entryTypes.set(key, entry);
  entryTypesAsWritten.set(pattern, entry);
  return entry;
}

/** What a resource can be, computed once per distinct resource. */
type ResourceKinds =
  /** `*`, `arn:*` …: anything. */
  | { readonly kind: 'any' }
  /** Not judged: malformed (invalid-arn's), not an ARN (API Gateway's `execute-api:/…`), or fewer parts than six. */
  | { readonly kind: 'unjudged' }
  | {
      readonly kind: 'arn';
      /** Its service part (only that is kept of the parsed ARN: there is one of these per distinct resource). */
      readonly service: string;
      /** The namespace has a wildcard or variable: formats are matched per entry. */
      readonly wildNamespace: boolean;
      /** The catalogue knows formats in its (literal) namespace. */
      readonly knownNamespace: boolean;
      /** The resource part is all wildcards. */
      readonly anyResource: boolean;
      /** The formats of its (literal) namespace that it can match. */
      readonly formats: readonly CatalogueFormat[];
    };

/** Per resource as written (the costly part is shared per namespace and resource part: `resourceFormats`). */
const resourceKinds = new Map<string, ResourceKinds>();
const anyKind: ResourceKinds = { kind: 'any' };
const unjudged: ResourceKinds = { kind: 'unjudged' };

/** What a resource can be, computed once per distinct resource. */
function kindsOf(resource: string): ResourceKinds {
  let kinds = resourceKinds.get(resource);
  if (kinds) return kinds;
  const arn = parseArn(resource);
  if (matchesAnything(resource) || isEveryResource(resource)) kinds = anyKind;
  else if (!arn || checkArn(resource, { apiGatewayShorthand: true }) !== undefined) kinds = unjudged;
  else {
    const wildNamespace = hasPatternSyntax(arn.service);
    const all = wildNamespace ? [] : resourceFormats(arn);
    const formats = all.every((f) => headerMatches(f, arn)) ? all : all.filter((f) => headerMatches(f, arn));
    kinds = { kind: 'arn', service: arn.service, wildNamespace, knownNamespace: formatsInNamespace(arn.service).length > 0, anyResource: matchesAnything(arn.resource), formats };
  }
  resourceKinds.set(resource, kinds);
  return kinds;
}

/**
 * Whether an ARN resource can be of a type the entry's actions act on. An action with no resource type
 * is asked for with `*`; a resource of its service is taken to match it as well, for Amazon EC2
 * only when its resource part is all wildcards (`arn:aws:ec2:*:*:*`).
 */
function arnFits(entry: EntryTypes, kinds: Extract<ResourceKinds, { kind: 'arn' }>, resource: string): boolean {
  const { service, wildNamespace, anyResource } = kinds;
  if (!wildNamespace && !entry.literal && !kinds.knownNamespace) return true;
  if (wildNamespace ? entry.types.some((t) => formatMatches(t.arn, resource)) : kinds.formats.some((f) => entry.formats.has(f.arn))) return true;
  if (entry.anyNamespace.some((format) => formatMatches(format, resource))) return true;
  const fitsNamespace = (strict: boolean): boolean => !strict || anyResource;
  if (!wildNamespace) {
    const strict = entry.typeless.get(service);
    return strict !== undefined && fitsNamespace(strict);
  }
  return [...entry.typeless].some(([namespace, strict]) => fitsNamespace(strict) && patternsOverlap(service, namespace));
}

const fitting: ResourceFit = { kind: 'fits' };

/**
 * Whether some resource of a statement's Resource list can be of a resource type that the actions
 * of one of its Action entries act on (`s3:GetObject` and `arn:aws:s3:::my-bucket`: no). For a
 * wildcard entry, any action it matches will do. An entry that matches no catalogue action fits.
 * What an entry acts on is computed once per distinct entry, and what a resource can be once per
 * distinct resource, so that each call costs a few set lookups per resource.
 */
export function resourceFit(actionPattern: string, resources: readonly string[]): ResourceFit {
  // What the entry acts on is worked out only once an ARN asks: `*` and other resources that are not
  // judged fit every entry, and for the entry `*` the work means reading every service of the catalogue.
  let entry: EntryTypes | undefined;
  for (const resource of resources) {
    const kinds = kindsOf(resource);
    if (kinds.kind !== 'arn') return fitting;
    entry ??= typesOf(actionPattern);
    if (entry.actions.length === 0 || arnFits(entry, kinds, resource)) return fitting;
  }
  entry ??= typesOf(actionPattern);
  if (entry.actions.length === 0) return fitting;
  return entry.types.length === 0 ? { kind: 'noResourceTypes', actions: entry.actions } : { kind: 'mismatch', actions: entry.actions, types: entry.types };
}
