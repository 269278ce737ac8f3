// Reads the unified diff `git diff` prints into what a pull request changed, file by file: the
// lines it added and the unchanged lines shown around them, numbered as in the new file. That is
// all the filter modes need; removed lines have no place in the new files findings point into.

/** What changed in one file, in the new file's 1-based line numbers. */
export interface FileChange {
  /** Lines the change added (or edited: an edit is a removal and an addition). */
  readonly added: ReadonlySet<number>;
  /** Unchanged lines the diff shows around the added and removed ones (its context). */
  readonly context: ReadonlySet<number>;
}

/**
 * The files a change leaves in place, by new path (relative to the repository, forward slashes).
 * Deleted files are not in it; renamed, copied and binary files and files whose mode alone
 * changed are, possibly with no lines.
 */
export type Change = ReadonlyMap<string, FileChange>;

const cEscapes: Readonly<Record<string, number>> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/**
 * A path as git quotes it when it has unusual characters (quote_c_style): in double quotes, with
 * `\t`, `\n`, `\"`, `\\` … and other bytes as three octal digits, which may be the bytes of one
 * UTF-8 character (`"caf\303\251.json"`). Returns the path, and where the quoted string ended.
 */
export function unquoteCPath(text: string, start = 0): { path: string; end: number } {
  if (text[start] !== '"') throw new Error(`not a quoted path: ${text.slice(start)}`);
  const bytes: number[] = [];
  let i = start + 1;
  while (i < text.length && text[i] !== '"') {
    const char = text[i] ?? '';
    if (char !== '\\') {
      // With core.quotePath off, characters beyond ASCII come as they are.
      const codePoint = text.codePointAt(i) ?? 0;
      const encoded = Buffer.from(String.fromCodePoint(codePoint), 'utf8');
      bytes.push(...encoded);
      i += codePoint > 0xffff ? 2 : 1;
      continue;
    }
    const next = text[i + 1] ?? '';
    const octal = /^[0-7]{3}/.exec(text.slice(i + 1, i + 4));
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      i += 4;
    } else if (next in cEscapes) {
      bytes.push(cEscapes[next] ?? 0);
      i += 2;
    } else throw new Error(`unknown escape \\${next} in quoted path: ${text.slice(start)}`);
  }
  if (i >= text.length) throw new Error(`unterminated quoted path: ${text.slice(start)}`);
  return { path: Buffer.from(bytes).toString('utf8'), end: i + 1 };
}

/** A path on a `---`, `+++`, `rename to` or `copy to` line: quoted, or as it is. */
function pathOf(text: string): string {
  return text.startsWith('"') ? unquoteCPath(text).path : text;
}

function withoutPrefix(path: string, prefix: string): string {
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

/**
 * The new path on a `diff --git a/OLD b/NEW` line. It is needed only when the file has no `+++` line
 * and no `rename to` / `copy to` (binary files, a changed mode, an empty new file): then the two
 * paths are the same, so an unquoted line is split in its middle, as git itself does, since a path
 * may hold ` b/`.
 */
function headerPath(rest: string): string | undefined {
  if (rest.startsWith('"')) {
    const first = unquoteCPath(rest);
    const second = rest.slice(first.end + 1);
    return withoutPrefix(pathOf(second), 'b/');
  }
  const length = (rest.length - 5) / 2;
  if (!Number.isInteger(length) || length < 1) return undefined;
  const oldPath = rest.slice(2, 2 + length);
  const newPath = rest.slice(5 + length);
  return rest.startsWith('a/') && rest.slice(2 + length, 5 + length) === ' b/' && oldPath === newPath ? newPath : undefined;
}

const hunkHeader = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

interface FileDraft {
  header: string | undefined;
  path: string | undefined;
  deleted: boolean;
  readonly added: Set<number>;
  readonly context: Set<number>;
}

/**
 * Parses `git diff` output (two trees, unified format, `a/` and `b/` prefixes). Hunk bodies are
 * read by their line counts, so a removed line that reads `-- x` is never taken for a `---` header.
 * `\ No newline at end of file` is passed over; `Binary files … differ` leaves the file with no
 * lines. Throws on output it does not understand rather than filter on a wrong reading.
 */
export function parseUnifiedDiff(text: string): Map<string, FileChange> {
  const files = new Map<string, FileChange>();
  const lines = text.split('\n');
  let draft: FileDraft | undefined;

  const finish = (): void => {
    if (draft === undefined || draft.deleted) return;
    const path = draft.path ?? draft.header;
    if (path === undefined) throw new Error('a file in the diff has no path git prints in a way iamlint reads');
    files.set(path, { added: draft.added, context: draft.context });
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.startsWith('diff --git ')) {
      finish();
      draft = { header: headerPath(line.slice('diff --git '.length)), path: undefined, deleted: false, added: new Set(), context: new Set() };
      continue;
    }
    if (draft === undefined) continue;
    if (line.startsWith('deleted file mode ')) draft.deleted = true;
    else if (line.startsWith('rename to ')) draft.path = pathOf(line.slice('rename to '.length));
    else if (line.startsWith('copy to ')) draft.path = pathOf(line.slice('copy to '.length));
    else if (line.startsWith('+++ ')) {
      // git ends the name with a tab when it holds a space (for GNU patch); a real tab would be quoted.
      const name = line.slice(4).replace(/\t$/, '');
      if (name === '/dev/null') draft.deleted = true;
      else draft.path = withoutPrefix(pathOf(name), 'b/');
    } else if (line.startsWith('@@ ')) {
      const match = hunkHeader.exec(line);
      if (!match) throw new Error(`unreadable hunk header in the diff: ${line}`);
      let oldLeft = match[1] === undefined ? 1 : Number(match[1]);
      let newLeft = match[3] === undefined ? 1 : Number(match[3]);
      let newLine = Number(match[2]);
      while (oldLeft > 0 || newLeft > 0) {
        i++;
        if (i >= lines.length) throw new Error(`the diff ends inside a hunk of ${draft.path ?? draft.header ?? 'a file'}`);
        const body = lines[i] ?? '';
        const marker = body.charAt(0);
        if (marker === '+') {
          draft.added.add(newLine++);
          newLeft--;
        } else if (marker === '-') oldLeft--;
        else if (marker === ' ' || body === '') {
          // An empty line is an empty context line under diff.suppressBlankEmpty.
          draft.context.add(newLine++);
          oldLeft--;
          newLeft--;
        } else if (marker !== '\\') throw new Error(`unexpected line in a hunk of ${draft.path ?? draft.header ?? 'a file'}: ${body}`);
      }
    }
    // Other lines (index, modes, similarity, ---, Binary files …, \ No newline) say nothing the filter needs.
  }
  finish();
  return files;
}
