/**
 * The Action's modules in process: inputs, the pull_request event, git's answers, the outputs file,
 * and `run` with an io that records what it is asked to print and write, and a git that answers
 * from a script. test/action/action.test.ts runs the bundle against real git.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readChange, type GitResult } from '../../src/action/change.js';
import { readPullRequest } from '../../src/action/event.js';
import { filterModes } from '../../src/action/filter.js';
import { inputDefaults, readInput, readInputs, type ActionInputs } from '../../src/action/inputs.js';
import type { ActionIo } from '../../src/action/io.js';
import { formatOutputs } from '../../src/action/outputs.js';
import { main, run } from '../../src/action/run.js';
import { checkOptions } from '../../src/cli/check-options.js';
import { formatBaseline } from '../../src/engine/baseline.js';
import { check } from '../../src/engine/check.js';
import { adminPolicy, readPolicy, tempTree } from '../helpers/tmp.js';

const root = resolve(import.meta.dirname, '../..');
const base = 'a'.repeat(40);
const head = 'b'.repeat(40);
const mergeBase = 'c'.repeat(40);

describe('readInputs', () => {
  it('reads INPUT_<NAME> as the runner sets it: uppercased, spaces as _, hyphens kept, trimmed', () => {
    expect(readInput({ 'INPUT_FAIL-ON': '  high \n' }, 'fail-on')).toBe('high');
    expect(readInput({ INPUT_MY_INPUT: 'x' }, 'my input')).toBe('x');
    expect(readInput({ INPUT_FAIL_ON: 'high' }, 'fail-on')).toBeUndefined();
    expect(readInput({ 'INPUT_FAIL-ON': '   ' }, 'fail-on')).toBeUndefined();
  });

  it('gives the defaults of action.yml when the inputs are absent or empty', () => {
    const expected: ActionInputs = { paths: ['.'], config: undefined, failOn: 'low', sarifFile: 'iamlint.sarif', baseline: undefined, trustedAccounts: [], filterMode: 'added' };
    expect(readInputs({})).toEqual(expected);
    expect(readInputs({ INPUT_PATHS: '', INPUT_CONFIG: '', 'INPUT_FAIL-ON': '', 'INPUT_SARIF-FILE': '', INPUT_BASELINE: '', 'INPUT_TRUSTED-ACCOUNTS': '', 'INPUT_FILTER-MODE': '' })).toEqual(expected);
  });

  it('reads every input', () => {
    const inputs = readInputs({
      INPUT_PATHS: 'policies\n  accounts/prod  exports\n',
      INPUT_CONFIG: 'ci/.iamlint.json',
      'INPUT_FAIL-ON': 'high',
      'INPUT_SARIF-FILE': 'out/iam.sarif',
      INPUT_BASELINE: 'iamlint-baseline.json',
      'INPUT_TRUSTED-ACCOUNTS': '111122223333, 444455556666\n777788889999',
      'INPUT_FILTER-MODE': 'diff_context',
    });
    expect(inputs).toEqual({
      paths: ['policies', 'accounts/prod', 'exports'],
      config: 'ci/.iamlint.json',
      failOn: 'high',
      sarifFile: 'out/iam.sarif',
      baseline: 'iamlint-baseline.json',
      trustedAccounts: ['111122223333', '444455556666', '777788889999'],
      filterMode: 'diff_context',
    });
  });

  it('names the input and the values it takes when one is wrong', () => {
    expect(() => readInputs({ 'INPUT_FAIL-ON': 'error' })).toThrow("input fail-on takes critical, high, medium, low, info or none; got 'error'");
    expect(() => readInputs({ 'INPUT_FILTER-MODE': 'diff-context' })).toThrow("input filter-mode takes added, diff_context, file, nofilter; got 'diff-context'");
    expect(() => readInputs({ 'INPUT_TRUSTED-ACCOUNTS': '111122223333,12345' })).toThrow(/input trusted-accounts takes 12-digit AWS account ids .*; got '12345'/);
  });

  it('agrees with action.yml: the same inputs, with the same defaults, and runs.main is the bundle', () => {
    const yml = readFileSync(join(root, 'action.yml'), 'utf8');
    const block = (name: string): string => /^(\w+):\n((?: {2}.*\n|\n)*)/m.exec(yml.slice(yml.indexOf(`\n${name}:\n`) + 1))?.[2] ?? '';
    const declared = (name: string): string[] => [...block(name).matchAll(/^ {2}([\w-]+):/gm)].map((m) => m[1] ?? '');
    expect(declared('inputs')).toEqual(['paths', 'config', 'fail-on', 'sarif-file', 'baseline', 'trusted-accounts', 'filter-mode']);
    expect(declared('outputs')).toEqual(['sarif-file', 'findings', 'exit-code']);
    const defaults = Object.fromEntries([...block('inputs').matchAll(/^ {2}([\w-]+):\n(?: {4}.*\n)*? {4}default: (.*)\n/gm)].map((m) => [m[1] ?? '', m[2] ?? '']));
    expect(defaults).toEqual(inputDefaults);
    expect(block('runs')).toBe('  using: node24\n  main: dist/action.js\n');
    for (const mode of filterModes) expect(block('inputs')).toContain(mode);
  });
});

describe('readPullRequest', () => {
  const event = (value: unknown): ((path: string) => string) => () => JSON.stringify(value);

  it('reads the base and head commits of a pull_request event', () => {
    const env = { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: '/e.json' };
    expect(readPullRequest(env, event({ pull_request: { base: { sha: base }, head: { sha: head } } }))).toEqual({ base, head });
  });

  it('is undefined on other events, whatever the payload', () => {
    expect(readPullRequest({ GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: '/e.json' }, event({ pull_request: {} }))).toBeUndefined();
    expect(readPullRequest({}, event({}))).toBeUndefined();
  });

  it('refuses a pull_request event it cannot read', () => {
    const env = { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: '/e.json' };
    expect(() => readPullRequest({ GITHUB_EVENT_NAME: 'pull_request' }, event({}))).toThrow(/GITHUB_EVENT_PATH is not set/);
    expect(() => readPullRequest(env, () => '{')).toThrow(/cannot read the pull_request event \/e.json/);
    expect(() => readPullRequest(env, event({ pull_request: { base: { sha: base } } }))).toThrow('the pull_request event /e.json has no commit id in pull_request.head.sha');
    expect(() => readPullRequest(env, event({ pull_request: { base: { sha: 'main' }, head: { sha: head } } }))).toThrow(/pull_request\.base\.sha/);
  });
});

/** A repository as git would describe it; commits are the fake ids above. */
interface FakeRepository {
  /** The commit checked out (HEAD). */
  readonly checkout: string;
  readonly parents?: Readonly<Record<string, readonly string[]>>;
  /** The commits the clone holds; default: base, head and their merge base. */
  readonly commits?: readonly string[];
  readonly mergeBase?: string | undefined;
  readonly diff?: string;
}

const ok = (stdout = ''): GitResult => ({ status: 0, stdout, stderr: '' });
const quietFailure: GitResult = { status: 1, stdout: '', stderr: '' };

/** A git that answers the commands readChange runs from `repository`, recording them. */
function fakeGit(repository: FakeRepository): { git: (args: readonly string[]) => GitResult; calls: string[][] } {
  const calls: string[][] = [];
  const commits = repository.commits ?? [base, head, mergeBase];
  return {
    calls,
    git: (args) => {
      calls.push([...args]);
      const [command = '', first = ''] = args;
      const ref = args[3] ?? '';
      if (command === 'rev-parse' && first === 'HEAD') return ok(`${repository.checkout}\n`);
      if (command === 'rev-parse' && first.endsWith('^@')) return ok((repository.parents?.[first.slice(0, -2)] ?? []).map((p) => `${p}\n`).join(''));
      if (command === 'rev-parse' && first === '--verify') return commits.some((c) => ref === `${c}^{commit}`) ? ok(`${ref}\n`) : quietFailure;
      if (command === 'merge-base') return repository.mergeBase === undefined ? quietFailure : ok(`${repository.mergeBase}\n`);
      if (command === 'diff') return ok(repository.diff ?? '');
      throw new Error(`unexpected git ${args.join(' ')}`);
    },
  };
}

describe('readChange', () => {
  const diff = ['diff --git a/p.json b/p.json', '--- a/p.json', '+++ b/p.json', '@@ -1 +1,2 @@', ' {', '+x', ''].join('\n');
  const diffRange = (calls: readonly string[][]): string[] => calls.at(-1)?.slice(-3, -1) ?? [];

  it('with the head checked out, diffs the merge base of base and head against head, as "Files changed" shows it', () => {
    const { git, calls } = fakeGit({ checkout: head, mergeBase, diff });
    expect([...readChange({ base, head }, git).keys()]).toEqual(['p.json']);
    expect(diffRange(calls)).toEqual([mergeBase, head]);
    expect(calls.at(-1)).toEqual(expect.arrayContaining(['--no-ext-diff', '--unified=3', '-M', '--']));
  });

  it("on GitHub's merge commit of the pull request, diffs it against its first parent: the change in the merged files' lines", () => {
    const merge = 'd'.repeat(40);
    const newerBase = 'e'.repeat(40);
    const { git, calls } = fakeGit({ checkout: merge, parents: { [merge]: [newerBase, head] }, diff });
    expect([...readChange({ base, head }, git).keys()]).toEqual(['p.json']);
    expect(diffRange(calls)).toEqual([newerBase, merge]);
    // A merge commit of something else is not the pull request's: back to base...head.
    const other = fakeGit({ checkout: merge, parents: { [merge]: [base, 'f'.repeat(40)] }, mergeBase, diff });
    readChange({ base, head }, other.git);
    expect(diffRange(other.calls)).toEqual([mergeBase, head]);
  });

  it('says to fetch the whole history when a commit or the merge base is not in the checkout', () => {
    const advice = 'check the repository out with actions/checkout and `fetch-depth: 0`';
    // A shallow clone of the merge commit: it shows no parents, and neither base nor head is there.
    const shallow = fakeGit({ checkout: 'd'.repeat(40), commits: [] });
    expect(() => readChange({ base, head }, shallow.git)).toThrow(`the pull request's base commit ${base} is not in the checkout (a shallow clone?): ${advice}`);
    expect(() => readChange({ base, head }, fakeGit({ checkout: head, commits: [base] }).git)).toThrow(`the pull request's head commit ${head} is not in the checkout`);
    expect(() => readChange({ base, head }, fakeGit({ checkout: head, mergeBase: undefined }).git)).toThrow(/have no common commit in the checkout .*fetch-depth: 0/);
  });

  it("passes on git's own words when git cannot run", () => {
    const notRepository: GitResult = { status: 128, stdout: '', stderr: 'fatal: not a git repository (or any of the parent directories): .git\n' };
    expect(() => readChange({ base, head }, () => notRepository)).toThrow('cannot run git in the workspace to find what the pull request changed: fatal: not a git repository');
    const diffFails = (args: readonly string[]): GitResult => (args[0] === 'diff' ? { status: 128, stdout: '', stderr: 'fatal: bad object\n' } : fakeGit({ checkout: head, mergeBase }).git(args));
    expect(() => readChange({ base, head }, diffFails)).toThrow('git diff failed: fatal: bad object');
  });
});

describe('formatOutputs', () => {
  it('writes each output as a heredoc block with the delimiter, as @actions/core does', () => {
    expect(formatOutputs({ 'sarif-file': 'a.sarif', findings: 3, 'exit-code': 1 }, 'ghadelimiter_X')).toBe(
      'sarif-file<<ghadelimiter_X\na.sarif\nghadelimiter_X\nfindings<<ghadelimiter_X\n3\nghadelimiter_X\nexit-code<<ghadelimiter_X\n1\nghadelimiter_X\n',
    );
  });

  it('picks a random delimiter, and refuses a value that holds it', () => {
    const first = /<<(ghadelimiter_[\w-]+)\n/.exec(formatOutputs({ 'exit-code': 0 }))?.[1];
    const second = /<<(ghadelimiter_[\w-]+)\n/.exec(formatOutputs({ 'exit-code': 0 }))?.[1];
    expect(first).toMatch(/^ghadelimiter_[0-9a-f-]{36}$/);
    expect(first).not.toBe(second);
    expect(() => formatOutputs({ 'sarif-file': 'x ghadelimiter_X', 'exit-code': 0 }, 'ghadelimiter_X')).toThrow(/contains the delimiter/);
  });
});

/** An io that keeps what is printed and appended in memory; files are still read and written for real. */
function recordingIo(cwd: string, git: (args: readonly string[]) => GitResult, events: Record<string, string> = {}): ActionIo & { out: string; err: string; appended: Map<string, string>; written: Map<string, string> } {
  const io = {
    cwd,
    out: '',
    err: '',
    appended: new Map<string, string>(),
    written: new Map<string, string>(),
    write(text: string) {
      io.out += text;
    },
    error(text: string) {
      io.err += text;
    },
    readFile(path: string) {
      const text = events[path];
      if (text === undefined) throw new Error(`ENOENT: ${path}`);
      return text;
    },
    writeFile(path: string, text: string) {
      io.written.set(path, text);
    },
    appendFile(path: string, text: string) {
      io.appended.set(path, (io.appended.get(path) ?? '') + text);
    },
    git: (_cwd: string, args: readonly string[]) => git(args),
  };
  return io;
}

const workspaces: string[] = [];
afterAll(() => {
  for (const dir of workspaces) rmSync(dir, { recursive: true, force: true });
});

describe('run', () => {
  // admin.json changed on its line 4 (the statement); read.json is not in the diff.
  const diff = ['diff --git a/admin.json b/admin.json', '--- a/admin.json', '+++ b/admin.json', '@@ -4 +4 @@', '-    {', '+    {', ''].join('\n');
  const defaults = readInputs({});

  function setup(): { workspace: string; env: Record<string, string>; io: ReturnType<typeof recordingIo> } {
    const workspace = tempTree({ 'admin.json': adminPolicy, 'read.json': readPolicy, 'ops/admin.json': adminPolicy });
    workspaces.push(workspace);
    const env = { GITHUB_WORKSPACE: workspace, GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: '/event.json', GITHUB_OUTPUT: '/out', GITHUB_STEP_SUMMARY: '/summary' };
    const io = recordingIo('/', fakeGit({ checkout: head, mergeBase, diff }).git, { '/event.json': JSON.stringify({ pull_request: { base: { sha: base }, head: { sha: head } } }) });
    return { workspace, env, io };
  }

  it('analyses the workspace, writes the SARIF of everything, and reports the change only', () => {
    const { workspace, env, io } = setup();
    expect(run(defaults, env, io)).toBe(1);
    const sarif = JSON.parse(io.written.get(join(workspace, 'iamlint.sarif')) ?? '{}') as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    expect(sarif.runs[0]?.results.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri)).toEqual(['admin.json', 'ops/admin.json']);
    expect(io.out).toMatch(/^::error file=admin\.json,line=4,endLine=9,title=iamlint full-admin \(critical\)::/);
    expect(io.out).not.toContain('ops/admin.json');
    expect(io.out).toContain("iamlint: 1 finding in the pull request's changes (filter-mode added), of 2 in all; SARIF written to iamlint.sarif\n");
    expect(io.appended.get('/out')).toMatch(/^sarif-file<<(ghadelimiter_\S+)\niamlint\.sarif\n\1\nfindings<<\1\n1\n\1\nexit-code<<\1\n1\n\1\n$/);
    expect(io.appended.get('/summary')).toContain("_1 more finding outside this pull request's changes (filter-mode `added`) is in the SARIF file iamlint.sarif._");
    expect(io.err).toBe('');
  });

  it('needs no git with filter-mode nofilter, nor on events other than pull_request', () => {
    const { env, io } = setup();
    const noGit = recordingIo('/', () => {
      throw new Error('git was run');
    }, { '/event.json': io.readFile('/event.json') });
    expect(run({ ...defaults, filterMode: 'nofilter' }, env, noGit)).toBe(1);
    expect(noGit.out).toContain('iamlint: 2 findings; SARIF written to iamlint.sarif\n');
    expect(noGit.appended.get('/summary')).not.toContain('outside this pull request');
    const push = recordingIo('/', () => {
      throw new Error('git was run');
    });
    expect(run(defaults, { ...env, GITHUB_EVENT_NAME: 'push' }, push)).toBe(1);
    expect(push.out).toContain('iamlint: 2 findings; SARIF written to iamlint.sarif\n');
  });

  it('fails by fail-on on the findings in the change alone', () => {
    const { env, io } = setup();
    expect(run({ ...defaults, failOn: 'none' }, env, io)).toBe(0);
    expect(io.appended.get('/out')).toMatch(/exit-code<<(\S+)\n0\n\1\n$/);
    const unchanged = recordingIo('/', fakeGit({ checkout: head, mergeBase, diff: '' }).git, { '/event.json': io.readFile('/event.json') });
    expect(run(defaults, env, unchanged)).toBe(0);
    expect(unchanged.out).toBe("iamlint: 0 findings in the pull request's changes (filter-mode added), of 2 in all; SARIF written to iamlint.sarif\n");
  });

  it('applies the inputs: paths, trusted accounts, config, and a baseline whose findings are not reported', () => {
    const { workspace, env, io } = setup();
    expect(run({ ...defaults, paths: ['read.json'], filterMode: 'nofilter' }, env, io)).toBe(0);
    expect(io.out).toBe('iamlint: 0 findings; SARIF written to iamlint.sarif\n');

    // The baseline as `iamlint baseline ops/admin.json` writes it, in the workspace as a team keeps it.
    const accepted = check(checkOptions({ cwd: workspace, paths: ['ops/admin.json'], config: undefined, rules: [], trustedAccounts: [], now: undefined }));
    writeFileSync(join(workspace, 'iamlint-baseline.json'), formatBaseline(accepted.findings));
    const baselined = recordingIo('/', () => ok());
    expect(run({ ...defaults, baseline: 'iamlint-baseline.json' }, { ...env, GITHUB_EVENT_NAME: 'push' }, baselined)).toBe(1);
    expect(baselined.out).toContain('iamlint: 1 finding; SARIF written');
    expect(baselined.out).toContain('file=admin.json');
    expect(baselined.out).not.toContain('ops/admin.json');
    const sarif = baselined.written.get(join(workspace, 'iamlint.sarif')) ?? '';
    expect(sarif).not.toContain('ops/admin.json');
  });

  it('turns a problem into an error annotation, exit code 2 and the exit-code output', () => {
    const { env, io } = setup();
    expect(main({ ...env, 'INPUT_FAIL-ON': 'warning' }, io)).toBe(2);
    expect(io.out).toBe("::error::iamlint: input fail-on takes critical, high, medium, low, info or none; got 'warning'\n");
    expect(io.appended.get('/out')).toMatch(/^exit-code<<(\S+)\n2\n\1\n$/);

    const missingConfig = recordingIo('/', () => ok());
    expect(main({ ...env, GITHUB_EVENT_NAME: 'push', INPUT_CONFIG: 'nope.json' }, missingConfig)).toBe(2);
    expect(missingConfig.out).toMatch(/^::error::iamlint: .*nope\.json/);

    const multiline = recordingIo('/', () => ({ status: 128, stdout: '', stderr: 'fatal: 50% sure\nsecond line\n' }), { '/event.json': io.readFile('/event.json') });
    expect(main(env, multiline)).toBe(2);
    // The message is escaped as a workflow command's data: % and newlines cannot end or forge a command.
    expect(multiline.out).toBe('::error::iamlint: cannot run git in the workspace to find what the pull request changed: fatal: 50%25 sure\n');
  });
});
