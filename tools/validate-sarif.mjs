// Validates a SARIF file against a SARIF 2.1.0 JSON schema (draft-04), with ajv-draft-04 and
// ajv-formats in strict mode: `node tools/validate-sarif.mjs SCHEMA.json FILE.sarif`.
// Exit 0 when it is valid; 1 with one line per error when it is not; 2 when a file cannot be read.
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * A validator for `schema`: a function from a parsed document to its errors (`/runs/0/results: must
 * have …`), empty when it is valid. Strict mode, except two options that are about the schema's own
 * style rather than about documents:
 * - `strictRequired`: the SARIF schema's `anyOf: [{ required: ['uri'] }, …]` names properties declared
 *   in the parent object, which strict mode would refuse to compile;
 * - `unicodeRegExp`: draft-04 patterns are ECMA-262 regular expressions without the `u` flag (the
 *   schema's patterns are ASCII, so the flag changes nothing for them, but a pre-release schema has a
 *   pattern that only compiles without it).
 */
export function sarifValidator(schema) {
  const ajv = new Ajv({ strict: true, strictRequired: false, unicodeRegExp: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (document) => {
    if (validate(document)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? e.keyword}${e.params && Object.keys(e.params).length > 0 ? ` ${JSON.stringify(e.params)}` : ''}`);
  };
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function main(args) {
  if (args.length !== 2) {
    console.error('usage: node tools/validate-sarif.mjs SCHEMA.json FILE.sarif');
    return 2;
  }
  const [schemaPath, sarifPath] = args;
  let schema, document;
  try {
    schema = readJson(schemaPath);
    document = readJson(sarifPath);
  } catch (error) {
    console.error(`validate-sarif: ${error.message}`);
    return 2;
  }
  const errors = sarifValidator(schema)(document);
  for (const error of errors) console.error(`${sarifPath}: ${error}`);
  if (errors.length > 0) return 1;
  console.log(`${sarifPath}: valid SARIF (${schemaPath})`);
  return 0;
}

/** Run as a script (not imported by the tests): through a symbolic link too. */
function isMain() {
  try {
    return realpathSync(process.argv[1] ?? '') === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) process.exitCode = main(process.argv.slice(2));
