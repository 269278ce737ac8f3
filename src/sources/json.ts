import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { parseStrictJson } from './fast-json.js';

/** A range of the text a node came from, in UTF-16 units. */
export interface JsonRange {
  readonly offset: number;
  readonly length: number;
}

/** `"key": value`; its range covers both. */
export interface JsonProperty extends JsonRange {
  readonly key: string;
  readonly value: JsonNode;
}

export interface JsonObject extends JsonRange {
  readonly type: 'object';
  readonly properties: readonly JsonProperty[];
}

export interface JsonArray extends JsonRange {
  readonly type: 'array';
  readonly items: readonly JsonNode[];
}

export interface JsonString extends JsonRange {
  readonly type: 'string';
  readonly value: string;
}

export interface JsonNumber extends JsonRange {
  readonly type: 'number';
  readonly value: number;
}

export interface JsonBoolean extends JsonRange {
  readonly type: 'boolean';
  readonly value: boolean;
}

export interface JsonNull extends JsonRange {
  readonly type: 'null';
  readonly value: null;
}

/**
 * A parsed JSON value with its range in the text. Properties hold their key and value directly —
 * half the objects of jsonc-parser's tree, which matters at ten thousand files.
 */
export type JsonNode = JsonObject | JsonArray | JsonString | JsonNumber | JsonBoolean | JsonNull;

/** jsonc-parser's tree in this shape (the fallback path: JSONC, recoverable errors). */
function fromJsonc(node: Node): JsonNode {
  const { offset, length } = node;
  switch (node.type) {
    case 'object':
      return {
        type: 'object',
        offset,
        length,
        properties: (node.children ?? []).flatMap((property) => {
          const [key, value] = property.children ?? [];
          return key && value ? [{ key: key.value as string, offset: property.offset, length: property.length, value: fromJsonc(value) }] : [];
        }),
      };
    case 'array':
      return { type: 'array', offset, length, items: (node.children ?? []).map(fromJsonc) };
    case 'string':
      return { type: 'string', offset, length, value: node.value as string };
    case 'number':
      return { type: 'number', offset, length, value: node.value as number };
    case 'boolean':
      return { type: 'boolean', offset, length, value: node.value as boolean };
    default:
      return { type: 'null', offset, length, value: null };
  }
}

export type JsonProblemKind = 'syntax' | 'comment' | 'trailingComma' | 'empty' | 'tooDeep';

export interface JsonProblem {
  readonly kind: JsonProblemKind;
  readonly message: string;
  readonly offset: number;
  readonly length: number;
}

export interface JsonParse {
  /** The tree, or undefined when the text could not be parsed into something usable. */
  readonly root: JsonNode | undefined;
  /** Problems found; with a root present they are recoverable (comments, trailing commas). */
  readonly problems: readonly JsonProblem[];
}

const messages: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: "expected ':' after the property name",
  CommaExpected: "expected ',' between values",
  CloseBraceExpected: "expected '}' to close the object",
  CloseBracketExpected: "expected ']' to close the array",
  EndOfFileExpected: 'unexpected content after the end of the JSON value',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unexpected end of number',
  InvalidUnicode: 'invalid \\u escape',
  InvalidEscapeCharacter: 'invalid escape character in string',
  InvalidCharacter: 'control character in string (escape it)',
};

/** A jsonc-parser error in words, e.g. `expected ',' between values`. */
export function describeParseError(error: ParseError): string {
  const code = printParseErrorCode(error.error);
  return messages[code] ?? code;
}

function parseWith(text: string, lenient: boolean): { root: JsonNode | undefined; errors: ParseError[] } {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: !lenient, allowTrailingComma: lenient, allowEmptyContent: false });
  return { root: root && fromJsonc(root), errors };
}

/**
 * Parses JSON (or JSONC when `jsonc`) keeping offsets. Strict JSON that is valid except for comments
 * or trailing commas still yields a tree, with those reported as recoverable problems — AWS rejects
 * them, but the rest of the document can still be checked. Any other syntax error is fatal: only
 * the first one is reported, as later ones are usually its echo.
 */
export function parseJson(text: string, jsonc: boolean): JsonParse {
  if (text.trim() === '') return { root: undefined, problems: [{ kind: 'empty', message: 'the file is empty', offset: 0, length: 0 }] };
  if (!jsonc) {
    const root = parseStrictJson(text);
    if (root) return { root, problems: [] };
  }
  try {
    const first = parseWith(text, jsonc);
    if (first.errors.length === 0) return { root: first.root, problems: [] };
    if (!jsonc) {
      const lenient = parseWith(text, true);
      if (lenient.errors.length === 0) {
        return { root: lenient.root, problems: recoverableProblems(text, first.errors) };
      }
    }
    const error = first.errors[0];
    if (error === undefined) return { root: first.root, problems: [] };
    return { root: undefined, problems: [{ kind: 'syntax', message: describeParseError(error), offset: error.offset, length: error.length }] };
  } catch (error) {
    // The recursive-descent parser overflows the stack on pathological nesting.
    if (error instanceof RangeError) {
      return { root: undefined, problems: [{ kind: 'tooDeep', message: 'the JSON is nested too deeply to be a policy', offset: 0, length: 0 }] };
    }
    throw error;
  }
}

/**
 * Comments and trailing commas, each once: jsonc-parser reports a trailing comma as errors at the
 * tokens after it, so each is traced back to the comma itself.
 */
function recoverableProblems(text: string, errors: readonly ParseError[]): JsonProblem[] {
  const problems = new Map<number, JsonProblem>();
  for (const error of errors) {
    if (printParseErrorCode(error.error) === 'InvalidCommentToken') {
      problems.set(error.offset, { kind: 'comment', message: 'comments are not allowed in JSON', offset: error.offset, length: error.length });
      continue;
    }
    let at = error.offset - 1;
    while (at >= 0 && /\s/.test(text.charAt(at))) at--;
    if (text.charAt(at) === ',') problems.set(at, { kind: 'trailingComma', message: 'trailing commas are not allowed in JSON', offset: at, length: 1 });
  }
  return [...problems.values()].sort((a, b) => a.offset - b.offset);
}

/** The value node of property `key` of an object node. */
export function propertyValue(node: JsonNode, key: string): JsonNode | undefined {
  if (node.type !== 'object') return undefined;
  let found: JsonNode | undefined;
  // With duplicate keys, the last one wins, as in JSON.parse.
  for (const property of node.properties) if (property.key === key) found = property.value;
  return found;
}
