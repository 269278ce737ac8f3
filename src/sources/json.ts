import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { parseStrictJson } from './fast-json.js';

/** A parsed JSON value with its range in the text it came from (the shape of jsonc-parser's Node). */
export type JsonNode = Node;

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
  return { root, errors };
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
  for (const property of node.children ?? []) {
    // With duplicate keys, the last one wins, as in JSON.parse and in AWS's own parser.
    if (property.children?.[0]?.value === key) found = property.children[1];
  }
  return found;
}
