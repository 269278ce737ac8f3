import type { JsonPath, Span } from './span.js';

export interface Position {
  readonly line: number;
  readonly column: number;
}

/** The text of one input file, with a lazily built line table to turn offsets into positions. */
export class SourceFile {
  private lineStarts: number[] | undefined;

  /**
   * @param path the display path: relative to the working directory, with forward slashes
   * @param text the decoded text (BOM removed)
   */
  constructor(
    readonly path: string,
    readonly text: string,
  ) {}

  /** 1-based line and column of a UTF-16 offset; `\r\n`, `\r` and `\n` all end a line. */
  position(offset: number): Position {
    const starts = this.starts();
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
  }

  span(offset: number, length: number, path: JsonPath): Span {
    const start = this.position(offset);
    const end = this.position(offset + length);
    return { file: this.path, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, offset, length, path };
  }

  /** The text of one line (1-based), without its line break. */
  lineText(line: number): string {
    const starts = this.starts();
    const start = starts[line - 1];
    if (start === undefined) return '';
    const next = starts[line] ?? this.text.length;
    return this.text.slice(start, next).replace(/\r?\n$|\r$/, '');
  }

  get lineCount(): number {
    return this.starts().length;
  }

  private starts(): number[] {
    if (this.lineStarts) return this.lineStarts;
    const starts = [0];
    const text = this.text;
    if (!text.includes('\r')) {
      // The common case, with the native search.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13) {
          if (text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
    }
    this.lineStarts = starts;
    return starts;
  }
}
