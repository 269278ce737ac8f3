import { catalogue, findService } from './catalogue.js';
import { findConditionKey, isMultivalued } from './condition-keys.js';
import { parseOperator } from './statement.js';
import { nearest } from './suggest.js';

/*
 * Policy variables (IAM User Guide, "IAM policy elements: Variables and tags"): `${key}` is replaced
 * by the value of the request-context key `key` (case-insensitive) in Resource, NotResource and in
 * the values of string and ARN conditions, under Version 2012-10-17 only. `${key, 'default'}` gives
 * a default for when the key is absent (a quote inside the default is written `''`); `${*}`, `${?}`
 * and `${$}` stand for a literal `*`, `?` and `$`. Only single-valued keys can be variables.
 *
 * The syntax errors follow IAM Access Analyzer's policy checks: missing brace, empty variable,
 * space in the variable, unsupported symbol, missing quote around the default value.
 */

export type VariableProblem =
  /** `${` with no `}` after it: the variable runs to the end of the string. */
  | { readonly kind: 'unclosed' }
  /** `${}` or `${ }`. */
  | { readonly kind: 'empty' }
  /** Whitespace in the key (spaces are allowed only around the default value). */
  | { readonly kind: 'space' }
  /** A character that cannot be part of a key name. */
  | { readonly kind: 'symbol'; readonly symbol: string }
  /** `${` inside the key: AWS substitutes once and does not nest variables. */
  | { readonly kind: 'nested' }
  /** A default value that is not `'…'` after the comma. */
  | { readonly kind: 'quote' };

export interface PolicyVariable {
  /** Offset of the `$` of `${` in the string. */
  readonly start: number;
  /** Offset just past the closing `}`; the string's length when the variable is not closed. */
  readonly end: number;
  /** The variable as written, `${…}`. */
  readonly text: string;
  /** The key as written between `${` and the closing brace or the comma before the default. */
  readonly name: string;
  /** The default value, with `''` read as `'`; undefined when there is none. */
  readonly defaultValue: string | undefined;
  /** `${*}`, `${?}` or `${$}`. */
  readonly special: boolean;
  readonly problem: VariableProblem | undefined;
}

/** Characters of condition-key names (tag keys add `+ = . _ : / @`); anything else is a symbol AWS rejects. */
const nameCharacter = /[A-Za-z0-9+\-=._:/@]/;
const specialNames: ReadonlySet<string> = new Set(['*', '?', '$']);

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

function variable(text: string, start: number, end: number, name: string, defaultValue: string | undefined, problem: VariableProblem | undefined): PolicyVariable {
  return { start, end, text: text.slice(start, end), name, defaultValue, special: problem === undefined && specialNames.has(name), problem };
}

/** The problem of a closed variable's key, if any. */
function nameProblem(name: string): VariableProblem | undefined {
  if (name.trim() === '') return { kind: 'empty' };
  if (/\s/.test(name)) return { kind: 'space' };
  if (specialNames.has(name)) return undefined;
  // AWS IoT Core's own variables have brackets: `${iot:Connection.Thing.Attributes[room]}`.
  if (/^iot:/i.test(name)) return undefined;
  for (const c of name) if (!nameCharacter.test(c)) return { kind: 'symbol', symbol: c };
  return undefined;
}

/** A variable with `${` inside its key: runs to the brace that balances the outer `${`. */
function readNested(text: string, start: number): PolicyVariable {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (text[i] === '}') {
      depth--;
      if (depth === 0) return variable(text, start, i + 1, text.slice(start + 2, i), undefined, { kind: 'nested' });
    }
  }
  return variable(text, start, text.length, text.slice(start + 2), undefined, { kind: 'unclosed' });
}

/** Reads the variable whose `${` is at `start`. */
function readVariable(text: string, start: number): PolicyVariable {
  let i = start + 2;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '}' || c === ',') break;
    if (c === '$' && text[i + 1] === '{') return readNested(text, start);
  }
  if (i >= text.length) return variable(text, start, text.length, text.slice(start + 2), undefined, { kind: 'unclosed' });
  const name = text.slice(start + 2, i);
  if (text[i] === '}') return variable(text, start, i + 1, name, undefined, nameProblem(name));

  // `, 'default'`: the value in single quotes, `''` standing for one quote; spaces around it are ignored.
  let k = i + 1;
  while (isSpace(text[k])) k++;
  if (text[k] === "'") {
    let value = '';
    for (let q = k + 1; q < text.length; q++) {
      if (text[q] !== "'") {
        value += text.charAt(q);
        continue;
      }
      if (text[q + 1] === "'") {
        value += "'";
        q++;
        continue;
      }
      let r = q + 1;
      while (isSpace(text[r])) r++;
      if (text[r] === '}') return variable(text, start, r + 1, name, value, nameProblem(name));
      break;
    }
  }
  const close = text.indexOf('}', i + 1);
  if (close < 0) return variable(text, start, text.length, name, undefined, { kind: 'unclosed' });
  return variable(text, start, close + 1, name, undefined, nameProblem(name) ?? { kind: 'quote' });
}

function scan(text: string): readonly PolicyVariable[] {
  const found: PolicyVariable[] = [];
  for (let i = text.indexOf('${'); i >= 0; ) {
    const next = readVariable(text, i);
    found.push(next);
    if (next.problem?.kind === 'unclosed') break;
    i = text.indexOf('${', next.end);
  }
  return found;
}

const none: readonly PolicyVariable[] = [];
const scanned = new Map<string, readonly PolicyVariable[]>();

/**
 * Every `${…}` of a string, in order, with its problem if it is malformed. Never throws; strings
 * without `${` cost one search. Results are cached per distinct string.
 */
export function policyVariables(text: string): readonly PolicyVariable[] {
  if (!text.includes('${')) return none;
  let found = scanned.get(text);
  if (!found) {
    found = scan(text);
    if (scanned.size >= 10_000) scanned.clear();
    scanned.set(text, found);
  }
  return found;
}

/** What a (well-formed) variable's key refers to. */
export type VariableKey =
  | { readonly status: 'known' }
  /** A multivalued key (`ArrayOf…`), which AWS cannot substitute; `key` as AWS spells it. */
  | { readonly status: 'multivalued'; readonly key: string }
  /** No key of the catalogue; `suggestions` are the nearest keys, as they would be written. */
  | { readonly status: 'unknown'; readonly suggestions: readonly string[] };

/**
 * Variables that AWS documents outside the condition-key catalogue: AWS Transfer Family session
 * policies (`${transfer:HomeDirectory}` …).
 */
const documentedElsewhere: ReadonlySet<string> = new Set(['transfer:homebucket', 'transfer:homedirectory', 'transfer:homefolder', 'transfer:username']);

/** How a catalogue key is shown in a suggestion: placeholders as `<tag-key>`. */
function display(key: string): string {
  return key.replace(/\$\{([^}]*)\}/g, '<$1>').replace(/\/tag-key$/, '/<tag-key>');
}

function suggestionsFor(name: string): readonly string[] {
  const singleValued = (keys: Iterable<{ key: string; type: string }>): string[] => [...keys].filter((info) => !info.type.startsWith('ArrayOf')).map((info) => display(info.key));
  const candidates = singleValued(catalogue().globalConditionKeys.values());
  const colon = name.indexOf(':');
  const service = colon > 0 ? findService(name.slice(0, colon)) : undefined;
  if (service) candidates.push(...singleValued(service.conditionKeys.values()));
  // A tag key after a misspelt prefix (`aws:PrincipleTag/team`): correct the prefix, keep the tag key.
  const slash = name.indexOf('/');
  if (slash > 0) {
    const templates = candidates.filter((c) => c.endsWith('>') && c.includes('/'));
    const prefix = nearest(
      name.slice(0, slash),
      templates.map((c) => c.slice(0, c.indexOf('/'))),
    );
    if (prefix !== undefined && name.slice(slash + 1) !== '') return [`${prefix}${name.slice(slash)}`];
  }
  // A name that is the start of a few keys (`aws:user`, `aws:PrincipalTag`) is most likely one of them.
  const lower = name.toLowerCase();
  const extensions = [...new Set(candidates.filter((c) => c.toLowerCase().startsWith(lower)))].sort((a, b) => a.length - b.length || a.localeCompare(b));
  if (extensions.length > 0 && extensions.length <= 3) return extensions;
  const close = nearest(name, candidates);
  return close === undefined ? [] : [close];
}

function lookupKey(name: string): VariableKey {
  const lower = name.toLowerCase();
  // AWS IoT Core policies have variables of their own (`${iot:Connection.Thing.ThingName}`), not in the IAM catalogue.
  if (lower.startsWith('iot:') || documentedElsewhere.has(lower)) return { status: 'known' };
  const info = findConditionKey(name);
  if (info) return isMultivalued(info) ? { status: 'multivalued', key: info.key } : { status: 'known' };
  // `<provider>:<claim>` of any OIDC provider (`oidc.eks.us-east-1.amazonaws.com/id/ABC:sub`): not in the catalogue.
  const colon = name.indexOf(':');
  if (colon > 0 && name.slice(0, colon).includes('.')) return { status: 'known' };
  return { status: 'unknown', suggestions: suggestionsFor(name) };
}

const keys = new Map<string, VariableKey>();

/** What the key of a well-formed variable refers to (case-insensitive, as IAM's keys are); cached per key. */
export function variableKey(name: string): VariableKey {
  let found = keys.get(name);
  if (!found) {
    found = lookupKey(name);
    keys.set(name, found);
  }
  return found;
}

const substituting: ReadonlySet<string> = new Set([
  'stringequals',
  'stringnotequals',
  'stringequalsignorecase',
  'stringnotequalsignorecase',
  'stringlike',
  'stringnotlike',
  'arnequals',
  'arnnotequals',
  'arnlike',
  'arnnotlike',
]);
const literal: ReadonlySet<string> = new Set([
  'numericequals',
  'numericnotequals',
  'numericlessthan',
  'numericlessthanequals',
  'numericgreaterthan',
  'numericgreaterthanequals',
  'dateequals',
  'datenotequals',
  'datelessthan',
  'datelessthanequals',
  'dategreaterthan',
  'dategreaterthanequals',
  'bool',
  'binaryequals',
  'ipaddress',
  'notipaddress',
  'null',
]);

/**
 * Whether AWS substitutes policy variables in the values of a condition operator: true for the
 * string and ARN operators (with their `IfExists` and set forms), false for numeric, date, Boolean,
 * binary, IP address and Null; undefined for an operator AWS does not know.
 */
export function substitutesVariables(operator: string): boolean | undefined {
  const base = parseOperator(operator).base.toLowerCase();
  if (substituting.has(base)) return true;
  if (literal.has(base)) return false;
  return undefined;
}
