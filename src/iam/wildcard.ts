/**
 * IAM wildcard matching: `*` matches any run of characters (including none, and across `:` and `/`),
 * `?` exactly one. Matching takes time linear in the text for a given pattern: the pattern is split
 * at its stars and each piece is searched once, left to right — no backtracking regular expressions
 * are built from policy text.
 */
export type Matcher = (text: string) => boolean;

interface Piece {
  readonly text: string;
  readonly hasQuestion: boolean;
}

function pieceAt(text: string, at: number, piece: Piece): boolean {
  if (!piece.hasQuestion) return text.startsWith(piece.text, at);
  if (at + piece.text.length > text.length) return false;
  for (let i = 0; i < piece.text.length; i++) {
    const p = piece.text.charCodeAt(i);
    if (p !== 63 /* ? */ && p !== text.charCodeAt(at + i)) return false;
  }
  return true;
}

/** Leftmost position ≥ from where the piece matches, or -1. */
function findPiece(text: string, from: number, piece: Piece): number {
  if (!piece.hasQuestion) return text.indexOf(piece.text, from);
  for (let at = from; at + piece.text.length <= text.length; at++) if (pieceAt(text, at, piece)) return at;
  return -1;
}

function compile(pattern: string): Matcher {
  const parts = pattern.split('*').map((text): Piece => ({ text, hasQuestion: text.includes('?') }));
  const first = parts[0] ?? { text: '', hasQuestion: false };
  if (parts.length === 1) return (text) => text.length === first.text.length && pieceAt(text, 0, first);
  const last = parts[parts.length - 1] ?? { text: '', hasQuestion: false };
  const middle = parts.slice(1, -1).filter((p) => p.text !== '');
  const minLength = parts.reduce((n, p) => n + p.text.length, 0);
  return (text) => {
    if (text.length < minLength) return false;
    if (!pieceAt(text, 0, first)) return false;
    const end = text.length - last.text.length;
    if (!pieceAt(text, end, last)) return false;
    let at = first.text.length;
    for (const piece of middle) {
      const found = findPiece(text, at, piece);
      if (found < 0 || found + piece.text.length > end) return false;
      at = found + piece.text.length;
    }
    return true;
  };
}

const caseSensitive = new Map<string, Matcher>();
const caseInsensitive = new Map<string, Matcher>();

/** A matcher for a case-sensitive pattern (resource ARNs), compiled once per distinct pattern. */
export function resourceMatcher(pattern: string): Matcher {
  let matcher = caseSensitive.get(pattern);
  if (!matcher) {
    matcher = compile(pattern);
    caseSensitive.set(pattern, matcher);
  }
  return matcher;
}

/** A matcher for an action pattern: case-insensitive, compiled once per distinct pattern. */
export function actionMatcher(pattern: string): Matcher {
  let matcher = caseInsensitive.get(pattern);
  if (!matcher) {
    const compiled = compile(pattern.toLowerCase());
    matcher = (text) => compiled(text.toLowerCase());
    caseInsensitive.set(pattern, matcher);
  }
  return matcher;
}

/**
 * Answers per pattern, for the few fixed actions rules ask about (iam:PassRole …) across many
 * statements. It grows with actions × patterns: to test many actions, use `actionMatcher`.
 */
const actionAnswers = new Map<string, Map<string, boolean>>();

/** Whether the action pattern matches the action; each distinct pair is computed once. */
export function matchesAction(pattern: string, action: string): boolean {
  let answers = actionAnswers.get(action);
  if (!answers) {
    answers = new Map();
    actionAnswers.set(action, answers);
  }
  let answer = answers.get(pattern);
  if (answer === undefined) {
    answer = actionMatcher(pattern)(action);
    answers.set(pattern, answer);
  }
  return answer;
}

export function matchesResource(pattern: string, resource: string): boolean {
  return resourceMatcher(pattern)(resource);
}

export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

/** A pattern that matches every action: `*`, `*:*`, `**`. */
export function isEveryAction(pattern: string): boolean {
  return /^\*+(:\*+)?$/.test(pattern);
}
