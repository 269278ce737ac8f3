/**
 * End to end: the bundled Action (dist/action.js, built by `npm run build` before vitest runs) as
 * the runner starts it, in a temporary git repository holding a pull request: a base branch, and a
 * head branch that adds a bad statement to a policy and changes another file. The environment is
 * what GitHub sets for a `pull_request` event; each test reads what the runner would: the
 * annotations on standard output, the job summary, the outputs file, the SARIF file and the exit code.
 */
import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminPolicy, tempTree } from '../helpers/tmp.js';

const root = resolve(import.meta.dirname, '../..');
const bundle = join(root, 'dist', 'action.js');

interface ActionRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Record<string, string>;
  readonly summary: string;
}

/** The outputs in `$GITHUB_OUTPUT`, written as `name<<DELIMITER`, value, delimiter. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const block = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2\n/gm;
  let consumed = 0;
  for (const match of text.matchAll(block)) {
    outputs[match[1] ?? ''] = match[3] ?? '';
    consumed += match[0].length;
  }
  // Every byte belongs to a block: the runner would reject anything else.
  expect(consumed).toBe(text.length);
  return outputs;
}

/** `file:line rule` of each annotation (`::error file=…,line=…,title=iamlint RULE (…)::…`). */
function annotations(stdout: string): string[] {
  const found: string[] = [];
  for (const line of stdout.split('\n')) {
    const match = /^::(?:error|warning|notice) file=([^,]+),line=(\d+),.*title=iamlint ([\w-]+) \(/.exec(line);
    if (match) found.push(`${match[1] ?? ''}:${match[2] ?? ''} ${match[3] ?? ''}`);
  }
  return found.sort();
}

/** `uri:startLine rule` of each result in a SARIF file. */
function sarifResults(path: string): string[] {
  interface Sarif {
    runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
  }
  const log = JSON.parse(readFileSync(path, 'utf8')) as Sarif;
  expect(log.runs).toHaveLength(1);
  return (log.runs[0]?.results ?? [])
    .map((r) => {
      const location = r.locations[0]?.physicalLocation;
      return `${location?.artifactLocation.uri ?? ''}:${location?.region.startLine ?? 0} ${r.ruleId}`;
    })
    .sort();
}

let scratch: string;
let runCount = 0;

/**
 * Runs `node action.js` in `workspace` with the runner's variables, the inputs given (as
 * `INPUT_<NAME>`, hyphens kept) and fresh output and summary files.
 */
function runAction(options: { workspace: string; inputs: Record<string, string>; env?: Record<string, string>; script?: string }): Promise<ActionRun> {
  const dir = join(scratch, `run-${++runCount}`);
  mkdirSync(dir);
  const outputFile = join(dir, 'output');
  const summaryFile = join(dir, 'summary.md');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('INPUT_') && !name.startsWith('GITHUB_')));
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    ...options.env,
    ...Object.fromEntries(Object.entries(options.inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])),
  };
  return new Promise((done) => {
    execFile(process.execPath, [options.script ?? bundle], { cwd: options.workspace, env, encoding: 'utf8' }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      done({ status, stdout, stderr, outputs: parseOutputs(readFileSync(outputFile, 'utf8')), summary: readFileSync(summaryFile, 'utf8') });
    });
  });
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-C', cwd, ...args], { encoding: 'utf8' }).trim();
}

const read = (sid: string, bucket: string): string => `    { "Sid": "${sid}", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::${bucket}/*" }`;

/** A policy with one statement per line, so that each finding sits on its own line. */
const appBase = `{
  "Version": "2012-10-17",
  "Statement": [
    { "Sid": "Typo", "Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "arn:aws:s3:::t/*" },
${read('ReadA', 'a')},
${read('ReadB', 'b')},
${read('ReadC', 'c')},
    { "Sid": "Queue", "Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*" },
${read('ReadD', 'd')}
  ]
}
`;

/** The pull request appends an administrator statement (lines 10–15), and so edits line 9 (a comma). */
const appHead = appBase.replace(`${read('ReadD', 'd')}\n`, `${read('ReadD', 'd')},\n    {\n      "Sid": "Admin",\n      "Effect": "Allow",\n      "Action": "*",\n      "Resource": "*"\n    }\n`);

/** Meanwhile the base branch inserts a statement at the top: every later line moves down by one. */
const appMain = appBase.replace('  "Statement": [\n', `  "Statement": [\n${read('ReadMain', 'm')},\n`);

const legacy = `{
  "Version": "2012-10-17",
  "Statement": [{ "Sid": "Legacy", "Effect": "Allow", "Action": "*", "Resource": "*" }]
}
`;

/** The findings of a checkout, by what the pull request did where they are. */
interface Findings {
  readonly admin: string; // the statement the pull request adds
  readonly queue: string; // unchanged, within the diff's 3 lines of context
  readonly typo: string; // unchanged, in the changed file, outside the context
  readonly legacy: string; // in a file the pull request does not change (the base branch does)
}

/** With the head checked out. */
const inHead: Findings = { admin: 'policies/app.json:10 full-admin', queue: 'policies/app.json:8 wildcard-resource', typo: 'policies/app.json:4 unknown-action', legacy: 'policies/legacy.json:3 full-admin' };
/** On the merge commit, the base branch's new statement moves app.json's lines down by one. */
const inMerge: Findings = { admin: 'policies/app.json:11 full-admin', queue: 'policies/app.json:9 wildcard-resource', typo: 'policies/app.json:5 unknown-action', legacy: 'policies/legacy.json:3 full-admin' };

function allOf(found: Findings): string[] {
  return [found.admin, found.queue, found.typo, found.legacy].sort();
}

function commitAll(cwd: string, message: string): string {
  git(cwd, 'add', '-A');
  git(cwd, 'commit', '-q', '-m', message);
  return git(cwd, 'rev-parse', 'HEAD');
}

function cloneOf(origin: string, name: string, ...options: string[]): string {
  const clone = join(scratch, name);
  execFileSync('git', ['clone', '-q', ...options, origin, clone]);
  git(clone, 'config', 'user.name', 'Test');
  git(clone, 'config', 'user.email', 'test@example.com');
  return clone;
}

/** The pull request's branch checked out at its head. */
let workspace: string;
/** What actions/checkout checks out on a pull_request event: GitHub's merge of the head into the base. */
let mergeWorkspace: string;
let eventFile: string;

beforeAll(() => {
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run npm run build first (npm test does)`);
  scratch = mkdtempSync(join(tmpdir(), 'iamlint-action-'));
  workspace = join(scratch, 'workspace');
  mkdirSync(join(workspace, 'policies'), { recursive: true });
  git(workspace, 'init', '-q', '-b', 'main');
  git(workspace, 'config', 'user.name', 'Test');
  git(workspace, 'config', 'user.email', 'test@example.com');
  writeFileSync(join(workspace, 'policies', 'app.json'), appBase);
  writeFileSync(join(workspace, 'policies', 'legacy.json'), legacy);
  writeFileSync(join(workspace, 'README.md'), 'Policies.\n');
  commitAll(workspace, 'base');

  git(workspace, 'checkout', '-q', '-b', 'pull-request');
  writeFileSync(join(workspace, 'policies', 'app.json'), appHead);
  writeFileSync(join(workspace, 'README.md'), 'Policies, with an administrator.\n');
  const head = commitAll(workspace, 'head');

  // The base branch moves on after the pull request branched off: its changes are not the pull
  // request's, and a diff from base to head (two dots, not three) would count them.
  git(workspace, 'checkout', '-q', 'main');
  writeFileSync(join(workspace, 'policies', 'app.json'), appMain);
  writeFileSync(join(workspace, 'policies', 'legacy.json'), legacy.replace('"Legacy"', '"LegacyAdmin"'));
  const base = commitAll(workspace, 'main moves on');
  git(workspace, 'checkout', '-q', 'pull-request');

  mergeWorkspace = cloneOf(workspace, 'merge');
  git(mergeWorkspace, 'checkout', '-q', '--detach', 'origin/main');
  git(mergeWorkspace, 'merge', '-q', '--no-ff', '-m', 'Merge the pull request into main', 'origin/pull-request');
  expect(readFileSync(join(mergeWorkspace, 'policies', 'app.json'), 'utf8')).toContain('"Sid": "ReadMain"');

  eventFile = join(scratch, 'event.json');
  writeFileSync(eventFile, JSON.stringify({ action: 'synchronize', number: 7, pull_request: { number: 7, base: { ref: 'main', sha: base }, head: { ref: 'pull-request', sha: head } } }));
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

const pullRequestEnv = (): Record<string, string> => ({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: eventFile });

describe.each([
  { checkout: 'the head', dir: (): string => workspace, found: inHead },
  { checkout: "GitHub's merge commit", dir: (): string => mergeWorkspace, found: inMerge },
])('node dist/action.js on a pull_request event, with $checkout checked out', ({ checkout, dir, found }: { checkout: string; dir: () => string; found: Findings }) => {
  const everything = allOf(found);
  const expected: Record<string, string[]> = {
    added: [found.admin],
    diff_context: [found.admin, found.queue],
    file: [found.admin, found.queue, found.typo],
    nofilter: everything,
  };

  it.each(Object.entries(expected))('filter-mode %s: annotates, summarises, counts and fails on the findings in the change; the SARIF has them all', async (mode, inChange) => {
    const sarif = join(scratch, `${checkout.length}-${mode}.sarif`);
    const result = await runAction({ workspace: dir(), inputs: { 'filter-mode': mode, 'sarif-file': sarif }, env: pullRequestEnv() });

    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    expect(annotations(result.stdout)).toEqual([...inChange].sort());
    expect(result.outputs).toEqual({ 'sarif-file': sarif, findings: String(inChange.length), 'exit-code': '1' });
    expect(sarifResults(sarif)).toEqual(everything);

    expect(result.summary).toMatch(/^## iamlint\n/);
    expect(result.summary).toContain(`**total** | **${inChange.length}**`);
    for (const finding of everything) {
      const [where = '', rule = ''] = finding.split(' ');
      const row = new RegExp(`\\| \\[${rule}\\]\\([^)]*\\) \\| ${where.replace(/[.]/g, '\\.')} \\|`);
      if (inChange.includes(finding)) expect(result.summary).toMatch(row);
      else expect(result.summary).not.toMatch(row);
    }
    const outside = everything.length - inChange.length;
    if (outside === 0) expect(result.summary).not.toContain('outside this pull request');
    else expect(result.summary).toContain(`${outside} more finding${outside === 1 ? '' : 's'} outside this pull request's changes (filter-mode \`${mode}\`)`);
  });
});

describe('node dist/action.js on a pull_request event', () => {
  it('counts and fails only on the change: one that touches no policy passes, and the SARIF still has every finding', async () => {
    // A second pull request, in a clone, that only edits the README.
    const clone = cloneOf(workspace, 'docs-only');
    git(clone, 'checkout', '-q', '-b', 'docs-only', 'origin/main');
    const base = git(clone, 'rev-parse', 'HEAD');
    writeFileSync(join(clone, 'README.md'), 'Policies, documented.\n');
    const head = commitAll(clone, 'docs');
    const event = join(scratch, 'docs-event.json');
    writeFileSync(event, JSON.stringify({ pull_request: { base: { sha: base }, head: { sha: head } } }));

    const result = await runAction({ workspace: clone, inputs: { 'filter-mode': 'file', 'sarif-file': 'reports/pr.sarif' }, env: { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event } });
    expect(result.status).toBe(0);
    expect(annotations(result.stdout)).toEqual([]);
    expect(result.outputs).toEqual({ 'sarif-file': 'reports/pr.sarif', findings: '0', 'exit-code': '0' });
    expect(result.summary).toContain('3 more findings outside this pull request');
    // Relative to the workspace, in a folder the Action makes; main's app.json has ReadMain on line 4.
    expect(sarifResults(join(clone, 'reports', 'pr.sarif'))).toEqual(['policies/app.json:5 unknown-action', 'policies/app.json:9 wildcard-resource', 'policies/legacy.json:3 full-admin']);
  });

  it('fails with exit code 2 and says to fetch the history in a shallow clone of the merge commit', async () => {
    // What actions/checkout does by default (fetch-depth: 1): the merge commit alone.
    const shallow = cloneOf(`file://${mergeWorkspace}`, 'shallow', '--depth', '1');
    expect(git(shallow, 'rev-parse', '--is-shallow-repository')).toBe('true');
    const sarif = join(scratch, 'shallow.sarif');
    const result = await runAction({ workspace: shallow, inputs: { 'sarif-file': sarif }, env: pullRequestEnv() });
    expect(result.status).toBe(2);
    expect(result.stdout).toMatch(/^::error::iamlint: the pull request's base commit [0-9a-f]{40} is not in the checkout \(a shallow clone\?\): check the repository out with actions\/checkout and `fetch-depth: 0`/);
    expect(result.outputs).toEqual({ 'exit-code': '2' });
    expect(existsSync(sarif)).toBe(false);
  });

  it('rejects an invalid input with exit code 2 and an error annotation naming it', async () => {
    const result = await runAction({ workspace, inputs: { 'filter-mode': 'changed' }, env: pullRequestEnv() });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("::error::iamlint: input filter-mode takes added, diff_context, file, nofilter; got 'changed'\n");
    expect(result.outputs).toEqual({ 'exit-code': '2' });
  });
});

describe('node dist/action.js on other events', () => {
  it('reports every finding on a push, with the default SARIF file in the workspace', async () => {
    const result = await runAction({ workspace, inputs: {}, env: { GITHUB_EVENT_NAME: 'push' } });
    expect(result.status).toBe(1);
    const everything = allOf(inHead);
    expect(annotations(result.stdout)).toEqual(everything);
    expect(result.outputs).toEqual({ 'sarif-file': 'iamlint.sarif', findings: '4', 'exit-code': '1' });
    expect(sarifResults(join(workspace, 'iamlint.sarif'))).toEqual(everything);
    expect(result.summary).not.toContain('outside this pull request');
  });
});

describe('the Action copied without node_modules', () => {
  it('runs from a folder holding only action.yml and dist/action.js', async () => {
    const action = mkdtempSync(join(tmpdir(), 'iamlint-action-copy-'));
    mkdirSync(join(action, 'dist'));
    copyFileSync(bundle, join(action, 'dist', 'action.js'));
    copyFileSync(join(root, 'action.yml'), join(action, 'action.yml'));
    const small = tempTree({ 'admin.json': adminPolicy, 'notes.txt': 'not a policy\n' });
    try {
      // As the runner does: `node` on runs.main, relative to the action's folder.
      const main = /^ {2}main: (\S+)$/m.exec(readFileSync(join(action, 'action.yml'), 'utf8'))?.[1] ?? '';
      expect(main).toBe('dist/action.js');
      const result = await runAction({ workspace: small, inputs: { paths: 'admin.json', 'trusted-accounts': '111122223333, 444455556666' }, env: { GITHUB_EVENT_NAME: 'workflow_dispatch' }, script: join(action, main) });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(1);
      expect(annotations(result.stdout)).toEqual(['admin.json:4 full-admin']);
      expect(result.outputs).toEqual({ 'sarif-file': 'iamlint.sarif', findings: '1', 'exit-code': '1' });
      expect(sarifResults(join(small, 'iamlint.sarif'))).toEqual(['admin.json:4 full-admin']);
    } finally {
      rmSync(action, { recursive: true, force: true });
      rmSync(small, { recursive: true, force: true });
    }
  });
});
