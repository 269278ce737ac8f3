/**
 * End to end: `iamlint who-can`, `what-can`, `paths` and `graph` as a child process (dist/cli.js,
 * built before vitest runs), on the demo account in examples/account and on small folders. Each test
 * checks what a user sees: standard output, standard error and the exit code.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPolicy, tempTree } from '../helpers/tmp.js';

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'dist', 'cli.js');
const account = 'examples/account';
const arn = (resource: string): string => `arn:aws:iam::111122223333:${resource}`;
const escape = String.fromCharCode(27);

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(args: readonly string[], options: { cwd?: string; env?: Readonly<Record<string, string | undefined>> } = {}): Run {
  const merged: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', ...options.env };
  const env = Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined));
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: options.cwd ?? root, env, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The demo's export, like one made with `--filter LocalManagedPolicy`, lacks some AWS managed
 * policies that its principals hold: each run says so on standard error.
 */
const unresolved = /^iamlint: arn:aws:iam::aws:policy\/\S+ \(held by [^)]+\) is not in the exports: its permissions are not counted$/;

/** Standard error without the lines about AWS managed policies the exports lack. */
function otherErrors(stderr: string): string {
  return stderr
    .split('\n')
    .filter((line) => !unresolved.test(line))
    .join('\n');
}

/** Runs a command that must answer: exit 0, nothing on standard error but the lines about missing policies. */
function answer(args: readonly string[]): string {
  const result = run(args);
  expect(otherErrors(result.stderr), args.join(' ')).toBe('');
  expect(result.status, args.join(' ')).toBe(0);
  return result.stdout;
}

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

function folder(files: Readonly<Record<string, string>>): string {
  const dir = tempTree({ ...files });
  temporary.push(dir);
  return dir;
}

interface JsonStep {
  readonly from: string;
  readonly to: string;
  readonly kind: string;
  readonly status: string;
  readonly technique: string | null;
  readonly actions: readonly string[];
  readonly conditions: readonly string[];
  readonly evidence: readonly { readonly description: string; readonly file: string; readonly line: number }[];
}

interface JsonReach {
  readonly principal: string;
  readonly label: string;
  readonly decision: string;
  readonly steps: readonly JsonStep[];
}

interface QueryJson<R> {
  readonly version: number;
  readonly query: Readonly<Record<string, string>>;
  readonly result: R;
}

interface GraphJson {
  readonly version: number;
  readonly nodes: readonly { readonly key: string; readonly kind: string; readonly label: string; readonly trusted: boolean | null }[];
  readonly edges: readonly { readonly key: string; readonly source: string; readonly target: string; readonly kind: string; readonly status: string; readonly evidence: readonly { file: string; line: number }[] }[];
}

const stackTrace = /^\s+at .+:\d+:\d+\)?$/m;

describe('who-can on the demo account', () => {
  it('answers for a public object: everyone, and every principal of the account through the bucket policy', () => {
    const text = answer(['who-can', 's3:GetObject', 'arn:aws:s3:::example-public-assets/logo.png', account]);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^Who can s3:GetObject on arn:aws:s3:::example-public-assets\/logo\.png: \d+ principals \(\d+ allowed, \d+ conditional\)$/);
    expect(lines).toContain('  allowed      everyone (*)');
    expect(lines).toContain('  allowed      user/bob');
    expect(lines).toContain('  allowed      account 444455556666 → assumes role/vendor-monitoring');
  });

  it('shows a conditional chain with the condition it depends on', () => {
    const text = answer(['who-can', 's3:GetObject', 'arn:aws:s3:::example-public-assets/logo.png', account]);
    expect(text).toContain('  conditional  oidc-provider/token.actions.githubusercontent.com → assumes (sts:AssumeRoleWithWebIdentity) role/github-deploy\n');
    expect(text).toMatch(/\n {17}condition: token\.actions\.githubusercontent\.com:sub StringEquals repo:example-org\/orders-service:ref:refs\/heads\/main/);
  });

  it('answers with JSON: the query and each principal with its steps, evidence pointing into the export', () => {
    const parsed = JSON.parse(answer(['who-can', 'sts:AssumeRole', arn('role/vendor-monitoring'), account, '--format', 'json'])) as QueryJson<{ principals: readonly JsonReach[] }>;
    expect(parsed.version).toBe(1);
    expect(parsed.query).toEqual({ command: 'who-can', action: 'sts:AssumeRole', resource: arn('role/vendor-monitoring'), now: '2026-11-20T08:00:00.000Z' });
    const vendor = parsed.result.principals.find((p) => p.principal === 'arn:aws:iam::444455556666:root');
    expect(vendor).toMatchObject({ label: 'account 444455556666', decision: 'allowed', steps: [] });
    const principals = parsed.result.principals.map((p) => p.principal);
    expect(principals).toEqual([...principals].sort());
  });

  it('answers an empty question with exit 0', () => {
    const text = answer(['who-can', 'kms:Decrypt', 'arn:aws:kms:eu-west-1:999999999999:key/1234abcd-12ab-34cd-56ef-1234567890ab', account]);
    expect(text).toBe('No principal can kms:Decrypt on arn:aws:kms:eu-west-1:999999999999:key/1234abcd-12ab-34cd-56ef-1234567890ab, directly or through other principals.\n');
  });

  it('spells the action as AWS does, whatever case it was given in', () => {
    const parsed = JSON.parse(answer(['who-can', 'S3:getobject', 'arn:aws:s3:::example-public-assets/logo.png', account, '-f', 'json'])) as QueryJson<{ action: string }>;
    expect(parsed.query.action).toBe('s3:GetObject');
    expect(parsed.result.action).toBe('s3:GetObject');
  });
});

describe('what-can and paths on the demo account', () => {
  it('what-can: the roles a user can take over, with the technique and its permissions', () => {
    const text = answer(['what-can', arn('user/mallory'), account]);
    expect(text.split('\n')[0]).toBe('What user/mallory can reach (not an administrator)');
    expect(text).toMatch(/\n {2}allowed {6}user\/mallory → iam:PassRole \+ lambda:CreateFunction \+ lambda:\w+ \(lambda-[\w-]+\) → role\/orders-processor\n/);
  });

  it('what-can --format json: the admin status, principals and resources', () => {
    const parsed = JSON.parse(answer(['what-can', arn('user/automation/ci-uploader'), account, '--format', 'json'])) as QueryJson<{ admin: string; principals: readonly JsonReach[]; resources: readonly (JsonReach & { actions: string[] })[] }>;
    expect(parsed.query).toEqual({ command: 'what-can', principal: arn('user/automation/ci-uploader'), now: '2026-11-20T08:00:00.000Z' });
    expect(parsed.result.admin).toBe('no');
    // The release-pipeline role trusts ci-uploader by name: no identity Allow is needed, and the step names the trust statement.
    const pipeline = parsed.result.principals.find((p) => p.principal === arn('role/release-pipeline'));
    expect(pipeline?.decision).toBe('allowed');
    expect(pipeline?.steps).toHaveLength(1);
    const [assume] = pipeline?.steps ?? [];
    expect(assume).toMatchObject({ from: arn('user/automation/ci-uploader'), to: arn('role/release-pipeline'), kind: 'can-assume', status: 'unconditional', technique: null });
    expect(assume?.evidence.map((e) => e.file)).toContain('examples/account/authorization-details.json');
    expect(parsed.result.principals.map((p) => p.principal)).toContain('admin:111122223333');
    // bob reaches the Lambda roles only through code that already runs with them: conditional, and the step says on what.
    const bob = JSON.parse(answer(['what-can', arn('user/bob'), account, '--format', 'json'])) as QueryJson<{ admin: string; principals: readonly JsonReach[] }>;
    const processor = bob.result.principals.find((p) => p.principal === arn('role/orders-processor'));
    expect(processor?.decision).toBe('conditional');
    expect(processor?.steps[0]).toMatchObject({ kind: 'escalates-to', status: 'conditional', technique: 'lambda-update-code' });
    expect(processor?.steps[0]?.conditions.join(' ')).toContain('already run with a role');
  });

  it('paths: an administrator reaches admin; a path nobody has is an empty answer with exit 0', () => {
    expect(answer(['paths', arn('user/alice'), account])).toBe(
      ['Paths from user/alice to admin: 1 path (1 allowed, 0 conditional)', '', '  allowed      user/alice → every action (admin-access) → admin of 111122223333', ''].join('\n'),
    );
    expect(answer(['paths', arn('user/erin'), account, '--to', arn('role/break-glass')])).toBe('No path from user/erin to role/break-glass.\n');
  });

  it('paths --format json', () => {
    const parsed = JSON.parse(answer(['paths', arn('user/alice'), '--to', 'admin', account, '--format', 'json'])) as QueryJson<{ from: string; to: string; paths: readonly JsonReach[] }>;
    expect(parsed.query).toEqual({ command: 'paths', from: arn('user/alice'), to: 'admin', now: '2026-11-20T08:00:00.000Z' });
    expect(parsed.result.paths.map((p) => [p.principal, p.decision, p.steps.map((s) => s.technique)])).toEqual([['admin:111122223333', 'allowed', ['admin-access']]]);
  });

  it('--now changes the date in the query', () => {
    const parsed = JSON.parse(answer(['what-can', arn('user/bob'), account, '--format', 'json', '--now', '2027-01-01'])) as QueryJson<unknown>;
    expect(parsed.query.now).toBe('2027-01-01T00:00:00.000Z');
  });
});

describe('graph', () => {
  const json = answer(['graph', account]);
  const graph = JSON.parse(json) as GraphJson;

  it('writes JSON by default: nodes and edges sorted by key, evidence with file and line', () => {
    expect(graph.version).toBe(1);
    const keys = graph.nodes.map((n) => n.key);
    expect(keys).toEqual([...keys].sort());
    expect(keys).toContain(arn('user/alice'));
    expect(keys).toContain('admin:111122223333');
    const edgeKeys = graph.edges.map((e) => e.key);
    expect(edgeKeys).toEqual([...edgeKeys].sort());
    for (const edge of graph.edges) {
      expect(edge.key.startsWith(`${edge.kind}|${edge.source}|${edge.target}|`), edge.key).toBe(true);
      for (const e of edge.evidence) expect(e.file).toMatch(/^examples\/account\//);
    }
    const member = graph.edges.find((e) => e.kind === 'member-of' && e.source === arn('user/alice'));
    expect(member?.target).toBe(arn('group/Admins'));
  });

  it('gives byte-identical output on a second run, in every format', () => {
    expect(answer(['graph', account])).toBe(json);
    for (const format of ['dot', 'mermaid']) expect(answer(['graph', account, '--format', format])).toBe(answer(['graph', account, '--format', format]));
  });

  it('writes DOT and Mermaid with one line per node and per edge', () => {
    const dot = answer(['graph', account, '--format', 'dot']).split('\n');
    expect(dot[0]).toBe('digraph iamlint {');
    expect(dot.at(-2)).toBe('}');
    expect(dot.filter((l) => l.includes(' -> '))).toHaveLength(graph.edges.length);
    expect(dot).toContain(`  "${arn('user/alice')}" [label="user/alice", shape=ellipse, color=red, penwidth=2];`);
    const mermaid = answer(['graph', account, '--format', 'mermaid']).split('\n');
    expect(mermaid[0]).toBe('flowchart LR');
    expect(mermaid.filter((l) => /^ {2}n\d+ -(->|\.->)\|/.test(l))).toHaveLength(graph.edges.length);
    expect(mermaid.filter((l) => /^ {2}n\d+[[({>]/.test(l))).toHaveLength(graph.nodes.length);
  });

  it('marks accounts of the zone of trust', () => {
    const vendor = (result: GraphJson): boolean | null | undefined => result.nodes.find((n) => n.key === 'arn:aws:iam::444455556666:root')?.trusted;
    expect(vendor(graph)).toBe(false);
    expect(vendor(JSON.parse(answer(['graph', account, '--trusted-account', '444455556666'])) as GraphJson)).toBe(true);
  });

  it('writes to --output instead of standard output, never colored unless --color', () => {
    const dir = folder({});
    const out = join(dir, 'graph.dot');
    expect(answer(['graph', account, '--format', 'dot', '--output', out])).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(answer(['graph', account, '--format', 'dot']));
    const textFile = join(dir, 'paths.txt');
    expect(run(['paths', arn('user/alice'), account, '-o', textFile], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } }).stdout).toBe('');
    expect(readFileSync(textFile, 'utf8')).not.toContain(`${escape}[`);
  });
});

describe('colors', () => {
  const args = ['paths', arn('user/alice'), account];

  it('follows --color, --no-color, NO_COLOR and FORCE_COLOR as check does', () => {
    expect(run([...args, '--color']).stdout).toContain(`${escape}[`);
    expect(run(args).stdout).not.toContain(`${escape}[`);
    expect(run(args, { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } }).stdout).toContain(`${escape}[`);
    expect(run([...args, '--no-color'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } }).stdout).not.toContain(`${escape}[`);
    expect(run(args, { env: { NO_COLOR: undefined, FORCE_COLOR: undefined } }).stdout).not.toContain(`${escape}[`);
  });

  it('never colors JSON', () => {
    expect(run(['what-can', arn('user/alice'), account, '--format', 'json', '--color']).stdout).not.toContain(`${escape}[`);
  });
});

describe('usage errors exit 2 with one line', () => {
  it.each([
    ['a wildcard action', ['who-can', 's3:Get*', 'arn:aws:s3:::example-public-assets/x', account], "iamlint: who-can answers for one action, and 's3:Get*' has a wildcard: name the action, such as s3:GetObject\n"],
    ['an action that is not service:Name', ['who-can', 'GetObject', 'arn:aws:s3:::b/x', account], "iamlint: ACTION takes one action, service:Name, such as s3:GetObject; got 'GetObject'\n"],
    ['a misspelled action', ['who-can', 's3:GetObjects', 'arn:aws:s3:::b/x', account], "iamlint: unknown action 's3:GetObjects': Amazon S3 has no such action in iamlint's AWS catalogue; did you mean 's3:GetObject'?\n"],
    ['an unknown service', ['who-can', 's4:GetObject', 'arn:aws:s3:::b/x', account], "iamlint: unknown service 's4' in 's4:GetObject'; did you mean 's3'?\n"],
    ['a resource that is not an ARN', ['who-can', 's3:GetObject', 'example-public-assets/x', account], "iamlint: RESOURCE-ARN takes an ARN, such as arn:aws:iam::111122223333:role/admin; got 'example-public-assets/x'\n"],
    ['a resource with a wildcard', ['who-can', 's3:GetObject', 'arn:aws:s3:::b/*', account], "iamlint: RESOURCE-ARN names one ARN, and 'arn:aws:s3:::b/*' has a wildcard or a policy variable\n"],
    ['a malformed principal ARN', ['what-can', 'arn:aws:iam::1111:user/x', account], "iamlint: PRINCIPAL-ARN 'arn:aws:iam::1111:user/x' is not a valid ARN: '1111' is not a 12-digit account id\n"],
    ['an unknown principal', ['what-can', arn('user/alcie'), account], `iamlint: PRINCIPAL-ARN: no principal '${arn('user/alcie')}' in the account exports; did you mean '${arn('user/alice')}'?\n`],
    ['a principal by its label', ['paths', 'user/alice', account], `iamlint: FROM-ARN: no principal 'user/alice' in the account exports; did you mean '${arn('user/alice')}'?\n`],
    ['a group', ['what-can', arn('group/Admins'), account], `iamlint: PRINCIPAL-ARN: '${arn('group/Admins')}' is a group, not a principal: groups make no requests; ask about one of its members\n`],
    ['an unknown --to', ['paths', arn('user/bob'), '--to', arn('role/break-glas'), account], `iamlint: --to: no node '${arn('role/break-glas')}' in the account exports; did you mean '${arn('role/break-glass')}'?\n`],
    ['an invalid --now', ['what-can', arn('user/bob'), account, '--now', 'yesterday'], "iamlint: --now takes an ISO 8601 date such as 2026-01-31 or 2026-01-31T12:00:00Z; got 'yesterday'\n"],
    ['a path that does not exist', ['graph', 'nowhere'], 'iamlint: no such file or folder: nowhere\n'],
  ])('%s', (_, args, message) => {
    const result = run(args);
    expect(otherErrors(result.stderr)).toBe(message);
    expect(result.stdout).toBe('');
    expect(result.status).toBe(2);
  });

  it('an unknown format', () => {
    const result = run(['graph', account, '--format', 'svg']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("argument 'svg' is invalid. Allowed choices are json, dot, mermaid.");
    expect(run(['who-can', 's3:GetObject', 'arn:aws:s3:::b/x', account, '--format', 'dot']).status).toBe(2);
  });

  it('inputs without an account export', () => {
    const dir = folder({ 'policy.json': readPolicy });
    const result = run(['who-can', 's3:GetObject', 'arn:aws:s3:::bucket/x'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("iamlint: no account export (get-account-authorization-details) found in ., see README 'Checking an AWS account'\n");
    expect(result.stderr).not.toMatch(stackTrace);
  });

  it('names the managed policies that principals hold and the exports lack', () => {
    const user = {
      Path: '/',
      UserName: 'dev',
      UserId: 'AIDAEXAMPLE000000001',
      Arn: arn('user/dev'),
      CreateDate: '2025-01-01T00:00:00Z',
      GroupList: [],
      UserPolicyList: [],
      AttachedManagedPolicies: [{ PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
      Tags: [],
    };
    const dir = folder({ 'authorization-details.json': JSON.stringify({ UserDetailList: [user], GroupDetailList: [], RoleDetailList: [], Policies: [] }, null, 2) });
    const result = run(['what-can', arn('user/dev'), '--now', '2026-01-01'], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('iamlint: arn:aws:iam::aws:policy/ReadOnlyAccess (held by user/dev) is not in the exports: its permissions are not counted\n');
    expect(result.stdout).toBe('What user/dev can reach (not an administrator)\n\nNo other principal, and no resource with a policy.\n');
  });

  it('warns about an export it cannot read, and still answers from the others', () => {
    const dir = folder({ 'broken/authorization-details.json': '{\n  "UserDetailList": [\n' });
    const result = run(['graph', account, dir]);
    expect(result.status).toBe(0);
    expect(otherErrors(result.stderr)).toMatch(/^iamlint: .*broken\/authorization-details\.json:\d+:\d+: not read completely \(.+\); answers may miss what it holds\n$/);
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(answer(['graph', account])));
  });
});

/**
 * The README's "Who can reach what" shows real output: each ```console block there starts with
 * `$ iamlint ARGS` and holds what the command prints; a line `…` stands for lines left out.
 */
describe('the README shows real output', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = /\n## Who can reach what\n([^]*?)\n## /.exec(readme)?.[1] ?? '';
  const blocks = [...section.matchAll(/```console\n([^]*?)```/g)].map((m) => m[1] ?? '');

  it('has examples of every command', () => {
    const commands = blocks.map((b) => /^\$ iamlint (\S+)/.exec(b)?.[1]);
    expect(new Set(commands)).toEqual(new Set(['who-can', 'what-can', 'paths', 'graph']));
  });

  it.each(blocks.map((block) => [block.split('\n')[0] ?? '', block]))('%s', (command, block) => {
    const args = command.replace(/^\$ iamlint /, '').split(' ');
    const output = answer(args).split('\n');
    // Each run of shown lines is in the output, in order, where the previous one left off.
    const runs = block.split('\n').slice(1, -1).join('\n').split(/^…$/m).map((part) => part.replace(/^\n|\n$/g, '').split('\n'));
    let from = 0;
    for (const shown of runs) {
      let at = from;
      while (at < output.length && output.slice(at, at + shown.length).join('\n') !== shown.join('\n')) at++;
      expect(at < output.length, `not in the output of ${command} after line ${from}:\n${shown.join('\n')}`).toBe(true);
      from = at + shown.length;
    }
    if (!block.includes('\n…\n')) expect(output.join('\n')).toBe(`${block.split('\n').slice(1, -1).join('\n')}\n`);
  });
});
