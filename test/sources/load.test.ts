import { describe, expect, it } from 'vitest';
import { formatJsonPath } from '../../src/model/span.js';
import { parseJson } from '../../src/sources/json.js';
import { loadFile } from '../../src/sources/load.js';
import { loadPolicyText, loadText } from '../helpers/policy.js';

const policy = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::bucket/*' }],
};

describe('parseJson', () => {
  it('reports only the first of a cascade of syntax errors, with its offset', () => {
    const text = '{"a": 1 "b": 2, "c": [}';
    const parsed = parseJson(text, false);
    expect(parsed.root).toBeUndefined();
    expect(parsed.problems).toEqual([{ kind: 'syntax', message: "expected ',' between values", offset: 8, length: 3 }]);
  });

  it('recovers from comments and trailing commas in strict JSON, and reports each', () => {
    const parsed = parseJson('{\n  // note\n  "a": [1, 2,],\n}', false);
    expect(parsed.root?.type).toBe('object');
    expect(parsed.problems.map((p) => [p.kind, p.offset])).toEqual([['comment', 4], ['trailingComma', 24], ['trailingComma', 26]]);
  });

  it('accepts comments and trailing commas in JSONC', () => {
    expect(parseJson('{ /* c */ "a": [1,], }', true).problems).toEqual([]);
  });

  it('reports an empty file', () => {
    expect(parseJson(' \n', false).problems[0]?.kind).toBe('empty');
  });

  it('survives pathological nesting without crashing', () => {
    const parsed = parseJson('['.repeat(200_000), false);
    expect(parsed.root).toBeUndefined();
    expect(['tooDeep', 'syntax']).toContain(parsed.problems[0]?.kind);
  });
});

describe('loadFile', () => {
  it('gives every element a span with 1-based line and column and a JSON path', () => {
    const text = JSON.stringify(policy, null, 2);
    const document = loadPolicyText(text);
    const statement = document.statements[0];
    const action = statement?.action?.items[0];
    expect(action?.value).toBe('s3:GetObject');
    expect(action?.span).toMatchObject({ line: 8, column: 9, endLine: 8, endColumn: 23 });
    expect(formatJsonPath(action?.span.path ?? [])).toBe('Statement[0].Action[0]');
    expect(statement?.span('Resource')).toMatchObject({ line: 10, column: 7, endLine: 10, endColumn: 42 });
    expect(text.slice(action?.span.offset, (action?.span.offset ?? 0) + (action?.span.length ?? 0))).toBe('"s3:GetObject"');
  });

  it('normalizes the single-object Statement and string-or-array elements', () => {
    const document = loadPolicyText('{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":["a","b"]}}');
    expect(document.statementList?.isArray).toBe(false);
    expect(document.statements).toHaveLength(1);
    expect(document.statements[0]?.action?.items.map((i) => i.value)).toEqual(['s3:*']);
    expect(document.statements[0]?.action?.isArray).toBe(false);
    expect(document.statements[0]?.resource?.items.map((i) => i.value)).toEqual(['a', 'b']);
  });

  it('strips a UTF-8 BOM without shifting columns', () => {
    const file = loadText(`\uFEFF${JSON.stringify(policy)}`);
    expect(file.problems).toEqual([]);
    expect(file.documents[0]?.span()).toMatchObject({ line: 1, column: 1 });
  });

  it('counts lines across CRLF endings', () => {
    const document = loadPolicyText(JSON.stringify(policy, null, 2).replace(/\n/g, '\r\n'));
    expect(document.statements[0]?.action?.items[0]?.span).toMatchObject({ line: 8, column: 9 });
  });

  it('reads UTF-16 with a byte-order mark (Windows PowerShell redirection)', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(policy), 'utf16le')]);
    expect(loadText(le).documents).toHaveLength(1);
    const be = Buffer.from(le.subarray(2)).swap16();
    expect(loadText(Buffer.concat([Buffer.from([0xfe, 0xff]), be])).documents).toHaveLength(1);
  });

  it('reports binary files and invalid UTF-8 instead of parsing them', () => {
    expect(loadText(Buffer.from([0x7b, 0x00, 0x7d])).problems.map((p) => p.kind)).toEqual(['binary']);
    expect(loadText(Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d])).problems.map((p) => p.kind)).toEqual(['encoding']);
  });

  it('ignores JSON that is not a policy, even with comments (tsconfig.json)', () => {
    const file = loadText('{\n  // compiler options\n  "compilerOptions": {},\n}', 'tsconfig.json');
    expect(file.kind).toBe('unrecognized');
    expect(file.problems).toEqual([]);
  });

  it('still reports a syntax error in a file it cannot sniff', () => {
    const file = loadText('{"Statement": [', 'broken.json');
    expect(file.kind).toBe('unreadable');
    expect(file.problems[0]?.kind).toBe('syntax');
  });

  it('reads a policy held in a JSON string, with spans on the characters inside the string', () => {
    const inner = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] });
    const text = `{\n  "Policy": ${JSON.stringify(inner)}\n}`;
    const file = loadText(text, 'get-bucket-policy.json');
    expect(file.kind).toBe('resource-policy-export');
    const document = file.documents[0];
    expect(document?.kind).toBe('resource');
    expect(document?.kindSource).toBe('context');
    const action = document?.statements[0]?.action?.items[0];
    const span = action?.span;
    expect(text.slice(span?.offset, (span?.offset ?? 0) + (span?.length ?? 0))).toBe('\\"s3:GetObject\\"');
    expect(span?.line).toBe(2);
    expect(formatJsonPath(span?.path ?? [])).toBe('Policy.Statement[0].Action');
  });

  it('reads a URL-encoded policy string (IAM API form), mapping spans through the escapes', () => {
    const inner = encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*' }] }));
    const text = JSON.stringify({ Policy: inner });
    const document = loadText(text).documents[0];
    const action = document?.statements[0]?.action?.items[0];
    expect(action?.value).toBe('sqs:SendMessage');
    const span = action?.span;
    expect(text.slice(span?.offset, (span?.offset ?? 0) + (span?.length ?? 0))).toBe('%22sqs%3ASendMessage%22');
  });

  it('applies a kind forced by config to the policy of a resource-policy export', () => {
    const inner = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] });
    const file = loadFile('export.json', Buffer.from(JSON.stringify({ Policy: inner })), { kind: 'rcp' });
    expect(file.documents.map((d) => `${d.kind} ${d.kindSource}`)).toEqual(['rcp context']);
  });

  it('reports an embedded policy that does not parse, at the string that holds it', () => {
    const file = loadText('{"Policy": "{\\"Version\\": \\"2012-10-17\\", \\"Statement\\": [}"}');
    expect(file.kind).toBe('resource-policy-export');
    expect(file.problems[0]?.kind).toBe('embedded');
    expect(file.problems[0]?.span.column).toBeGreaterThan(11);
  });

  it('infers the kind: identity, resource or trust', () => {
    expect(loadPolicyText(JSON.stringify(policy)).kind).toBe('identity');
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }] };
    expect(loadPolicyText(JSON.stringify(trust)).kind).toBe('trust');
    const bucket = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: '*' }] };
    expect(loadPolicyText(JSON.stringify(bucket)).kind).toBe('resource');
    expect(loadPolicyText(JSON.stringify(policy), 'p.json', 'boundary')).toMatchObject({ kind: 'boundary', kindSource: 'config' });
  });

  it('records shape problems instead of throwing on wrong types', () => {
    const document = loadPolicyText('{"Version": 1, "Statement": [{"Effect": "Allow", "Action": 5, "Resource": ["a", 2], "Condition": {"Bool": "x"}}, "oops"]}');
    expect(document.problems.map((p) => `${p.code} ${p.element}`)).toEqual([
      'wrongType Version',
      'wrongType Statement[0].Action',
      'wrongType Statement[0].Resource[1]',
      'wrongType Statement[0].Condition.Bool',
      'wrongType Statement[1]',
    ]);
    expect(document.statements).toHaveLength(1);
  });

  it('keeps the last of duplicate keys and reports the duplicate', () => {
    const document = loadPolicyText('{"Statement": [{"Effect": "Deny", "Effect": "Allow", "Action": "*", "Resource": "*"}]}');
    expect(document.statements[0]?.effect?.value).toBe('Allow');
    expect(document.problems.map((p) => `${p.code} ${p.element}`)).toEqual(['duplicateKey Statement[0].Effect']);
  });

  it('reads iamlint-disable-next-line directives in .jsonc files only', () => {
    const text = '{\n  "Statement": [\n    // iamlint-disable-next-line full-admin, allow-not-action -- break-glass role\n    {"Effect": "Allow", "Action": "*", "Resource": "*"}\n  ]\n}';
    expect(loadText(text, 'p.jsonc').directives).toEqual([
      expect.objectContaining({ line: 4, rules: ['full-admin', 'allow-not-action'], reason: 'break-glass role' }),
    ]);
    expect(loadText(text, 'p.json').directives).toEqual([]);
  });
});
