import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { findNodeAtLocation, getNodeValue, parseTree, type Node, type ParseError } from 'jsonc-parser';
import schema from '../../schemas/config.schema.json' with { type: 'json' };
import type { PolicyKind } from '../model/policy.js';
import { SourceFile } from '../model/source.js';
import type { JsonPath, Span } from '../model/span.js';
import { describeParseError } from '../sources/json.js';
import { formatJsonPath } from '../model/span.js';
import { parseIsoDate } from './dates.js';
import { ConfigError, defaultMaxFileSize, type Config, type Level, type Override, type RuleSetting, type SuppressEntry } from './config.js';

export const configFileName = '.iamlint.json';

/** `.iamlint.json` in `dir` or the nearest ancestor. */
export function findConfig(dir: string): string | undefined {
  for (let current = resolve(dir); ; ) {
    const candidate = join(current, configFileName);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

export function emptyConfig(baseDir: string): Config {
  return {
    source: undefined,
    baseDir,
    extends: 'recommended',
    rules: new Map(),
    trust: { accounts: [], organizationIds: [] },
    ignore: [],
    overrides: [],
    suppress: [],
    now: undefined,
    maxFileSize: defaultMaxFileSize,
  };
}

let validator: ReturnType<Ajv['compile']> | undefined;

/** `path:line:column` of a JSON path in the config file, for error messages. */
export function locate(source: SourceFile, root: Node | undefined, path: JsonPath): string {
  const node = root && findNodeAtLocation(root, [...path]);
  const at = node?.parent?.type === 'property' ? node.parent : node;
  const position = source.position(at?.offset ?? 0);
  return `${source.path}:${position.line}:${position.column}`;
}

function pointerToPath(pointer: string): JsonPath {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function describeError(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `unknown property '${String(params.additionalProperty)}'`;
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'required':
      return `missing required property '${String(params.missingProperty)}'`;
    default:
      return error.message ?? error.keyword;
  }
}

/**
 * One error per place. For a value that fits no `anyOf` branch, ajv lists every branch's failure;
 * the `enum` one ("must be one of …") says more than "must be array".
 */
function pickErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  // `type` says least; `enum` comes from the string branch of a rule setting, so a shape error of
  // the array branch (too many items) says more when the value is an array.
  const weight = (e: ErrorObject): number => (e.keyword === 'type' ? 0 : e.keyword === 'enum' ? 1 : 2);
  const byPath = new Map<string, ErrorObject>();
  for (const e of errors) {
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf') continue;
    const current = byPath.get(e.instancePath);
    if (!current || weight(e) > weight(current)) byPath.set(e.instancePath, e);
  }
  return [...byPath.values()];
}

type RawRules = Record<string, Level | [Level, Record<string, unknown>?]>;

interface RawConfig {
  extends?: 'recommended' | 'all';
  rules?: RawRules;
  trust?: { accounts?: string[]; organizationIds?: string[] };
  ignore?: string[];
  overrides?: { files: string[]; rules?: RawRules; kind?: PolicyKind }[];
  suppress?: { rule: string; file: string; sid?: string; subject?: string; reason: string }[];
  now?: string;
  maxFileSize?: number;
}

/** Reads and validates a config file. Every problem is a ConfigError naming the file, line and column. */
export function loadConfig(path: string, cwd: string): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    throw new ConfigError(`cannot read config file ${path}: ${(error as Error).message}`);
  }
  const display = relative(cwd, path).split('\\').join('/') || path;
  const source = new SourceFile(display, text);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const firstError = errors[0];
  if (firstError || !root) {
    const position = source.position(firstError?.offset ?? 0);
    const reason = firstError ? describeParseError(firstError) : 'the file is empty';
    throw new ConfigError(`${display}:${position.line}:${position.column}: invalid JSON in config file (${reason})`);
  }
  const value: unknown = getNodeValue(root);
  // strictTuples is off: a rule setting is `[level]` or `[level, options]`.
  validator ??= new Ajv({ allErrors: true, strict: true, strictTuples: false }).compile(schema);
  if (!validator(value)) {
    const lines = pickErrors(validator.errors ?? [])
      .map((e) => {
        const at = pointerToPath(e.instancePath);
        const where = at.length === 0 ? 'config' : formatJsonPath(at);
        // An unknown property is located at itself rather than at the object that holds it.
        const extra = e.keyword === 'additionalProperties' ? (e.params as { additionalProperty?: string }).additionalProperty : undefined;
        const node = findNodeAtLocation(root, extra === undefined ? [...at] : [...at, extra]);
        return { offset: node?.offset ?? 0, text: `${locate(source, root, extra === undefined ? at : [...at, extra])}: ${where}: ${describeError(e)}` };
      })
      .sort((a, b) => a.offset - b.offset)
      .map((e) => e.text);
    throw new ConfigError(`invalid config file ${display}:\n  ${lines.join('\n  ')}`);
  }
  const raw = value as RawConfig;
  const spanAt = (path: JsonPath): Span => {
    const node = findNodeAtLocation(root, [...path]);
    const at = node?.parent?.type === 'property' ? node.parent : node;
    return source.span(at?.offset ?? 0, at?.length ?? 0, path);
  };
  if (raw.now !== undefined && parseIsoDate(raw.now) === undefined) {
    throw new ConfigError(`${locate(source, root, ['now'])}: now: '${raw.now}' is not a valid date`);
  }
  const rules = (rawRules: RawRules | undefined, at: JsonPath): Map<string, RuleSetting> =>
    new Map(
      Object.entries(rawRules ?? {}).map(([id, setting]) => {
        const [level, options] = Array.isArray(setting) ? setting : [setting, undefined];
        return [id, { level, options, span: spanAt([...at, id]) }];
      }),
    );
  const overrides: Override[] = (raw.overrides ?? []).map((o, i) => ({ files: o.files, rules: rules(o.rules, ['overrides', i, 'rules']), kind: o.kind }));
  const suppress: SuppressEntry[] = (raw.suppress ?? []).map((s, i) => ({
    rule: s.rule,
    file: s.file,
    sid: s.sid,
    subject: s.subject,
    reason: s.reason,
    span: spanAt(['suppress', i]),
  }));
  return {
    source,
    baseDir: dirname(path),
    extends: raw.extends ?? 'recommended',
    rules: rules(raw.rules, ['rules']),
    trust: { accounts: raw.trust?.accounts ?? [], organizationIds: raw.trust?.organizationIds ?? [] },
    ignore: raw.ignore ?? [],
    overrides,
    suppress,
    now: raw.now,
    maxFileSize: raw.maxFileSize ?? defaultMaxFileSize,
  };
}
