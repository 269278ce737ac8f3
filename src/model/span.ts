/** A JSON path inside a document: property names and array indices, e.g. `Statement[0].Action[1]`. */
export type JsonPath = readonly (string | number)[];

/**
 * Where a value sits in its file. Lines and columns are 1-based, columns count UTF-16 code units,
 * and `endColumn` is exclusive. `offset`/`length` locate the same range in the file's text.
 */
export interface Span {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly offset: number;
  readonly length: number;
  readonly path: JsonPath;
}

const plainKey = /^[A-Za-z_$][\w$:-]*$/;

/** `['Statement', 0, 'Condition', 'StringEquals', 'aws:SourceIp']` → `Statement[0].Condition.StringEquals.aws:SourceIp`. */
export function formatJsonPath(path: JsonPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (!plainKey.test(segment)) out += `[${JSON.stringify(segment)}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}
