import type { InputFile } from '../../src/model/input.js';
import type { PolicyDocument, PolicyKind } from '../../src/model/policy.js';
import { loadFile } from '../../src/sources/load.js';

/** Loads text as if it were the file `path`. */
export function loadText(text: string | Buffer, path = 'policy.json', kind?: PolicyKind): InputFile {
  return loadFile(path, typeof text === 'string' ? Buffer.from(text, 'utf8') : text, { kind });
}

/** The one policy document in `text` (throws when there is none). */
export function loadPolicyText(text: string, path = 'policy.json', kind?: PolicyKind): PolicyDocument {
  const document = loadText(text, path, kind).documents[0];
  if (!document) throw new Error('no policy document');
  return document;
}
