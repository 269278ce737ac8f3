#!/usr/bin/env node
// Measures the access graph: loading the exports, building the graph and answering a `who-can`
// query, on organizations of 1 to N large synthetic accounts (`bench/generate.mjs --org N`: each
// account as large as `--account` writes, with cross-account trusts and grants between them), so
// that growth with the number of accounts shows.
//
//   node bench/graph.mjs [--accounts 1,5,20] [--users N (5000)] [--runs N (1)] [--cli PATH (dist/cli.js)] [--json]
//
// Each size is one `iamlint who-can sts:AssumeRole <role> bench/out/org-N --format json --debug`
// process (with bench/hook.mjs for the peak RSS); --debug prints the time of each stage, which
// is read from standard error. The role asked about is the first in the first account whose trust
// policy names an AWS account root, so that every account's principals are candidates.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '1,5,20' },
    users: { type: 'string', default: '5000' },
    runs: { type: 'string', default: '1' },
    cli: { type: 'string', default: join(root, 'dist', 'cli.js') },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log('usage: node bench/graph.mjs [--accounts 1,5,20] [--users N (5000)] [--runs N (1)] [--cli PATH (dist/cli.js)] [--json]');
  process.exit(0);
}
const sizes = values.accounts.split(',').map(Number);
if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--accounts takes positive integers, not ${values.accounts}`);
const users = Number(values.users);
const runs = Number(values.runs);
const cli = resolve(values.cli);
if (!existsSync(cli)) throw new Error(`${relative(process.cwd(), cli)} is missing: run npm run build`);

/** The organization's folder, generated when missing (or written for another size of account). */
function organization(accounts) {
  const dir = join(here, 'out', users === 5000 ? `org-${accounts}` : `org-${accounts}-${users}`);
  const marker = join(dir, '.iamlint-bench');
  const current = existsSync(marker) && JSON.parse(readFileSync(marker, 'utf8'));
  if (!current || current.users !== users || current.accounts?.length !== accounts) {
    console.error(`bench: generating ${relative(process.cwd(), dir)} (${accounts} accounts of ${users} users)`);
    const generated = spawnSync(process.execPath, [join(here, 'generate.mjs'), '--org', String(accounts), '--users', String(users), '--out', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (generated.status !== 0) throw new Error('bench/generate.mjs failed');
  }
  return dir;
}

/** The first role of the first account whose trust names an account root: who-can must look at every account's principals. */
function queryRole(dir) {
  const first = readdirSync(dir).filter((name) => /^\d{12}$/.test(name)).sort()[0];
  const gaad = JSON.parse(readFileSync(join(dir, first, 'authorization-details.json'), 'utf8'));
  for (const role of gaad.RoleDetailList) {
    let trust = role.AssumeRolePolicyDocument;
    if (typeof trust === 'string') trust = JSON.parse(decodeURIComponent(trust));
    const statements = Array.isArray(trust.Statement) ? trust.Statement : [trust.Statement];
    const names = statements.flatMap((s) => [s.Principal?.AWS ?? []].flat());
    if (names.some((name) => /:root$/.test(name))) return role.Arn;
  }
  throw new Error(`no role of ${first} trusts an account root`);
}

function measure(dir, role) {
  const scratch = mkdtempSync(join(tmpdir(), 'iamlint-graph-bench-'));
  const rssFile = join(scratch, 'rss');
  try {
    const started = process.hrtime.bigint();
    const run = spawnSync(process.execPath, ['--import', join(here, 'hook.mjs'), cli, 'who-can', 'sts:AssumeRole', role, dir, '--format', 'json', '--debug'], {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      env: { ...process.env, IAMLINT_BENCH_RSS_FILE: rssFile, NO_COLOR: '1' },
    });
    const wall = Number(process.hrtime.bigint() - started) / 1e6;
    if (run.status !== 0) throw new Error(`iamlint exited ${run.status}: ${run.stderr.slice(0, 2000)}`);
    const number = (pattern) => {
      const match = pattern.exec(run.stderr);
      if (!match) throw new Error(`no ${pattern} in iamlint's --debug output`);
      return Number(match[1]);
    };
    const built = /graph of (\d+) nodes and (\d+) edges built in (\d+) ms/.exec(run.stderr);
    if (!built) throw new Error("no 'graph of … built in' line in iamlint's --debug output");
    return {
      wall,
      load: number(/inputs loaded in (\d+) ms/),
      build: Number(built[3]),
      query: number(/answered in ([\d.]+) ms/),
      nodes: Number(built[1]),
      edges: Number(built[2]),
      principals: JSON.parse(run.stdout).result.principals.length,
      rssMiB: Number(readFileSync(rssFile, 'utf8')) / 1024,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const rows = [];
for (const accounts of sizes) {
  const dir = organization(accounts);
  const role = queryRole(dir);
  const samples = Array.from({ length: runs }, () => measure(dir, role));
  // The fastest run of each stage: the others only add noise from the machine.
  const best = (key) => Math.min(...samples.map((s) => s[key]));
  const [first] = samples;
  rows.push({ accounts, role, ...first, wall: best('wall'), load: best('load'), build: best('build'), query: best('query'), rssMiB: Math.max(...samples.map((s) => s.rssMiB)) });
}

if (values.json) {
  console.log(JSON.stringify({ users, runs, rows }, null, 2));
} else {
  const base = rows[0];
  const growth = (row, key) => `${(row[key] / base[key]).toFixed(1)}×`;
  console.log(`who-can sts:AssumeRole on a role trusting an account root; ${users} users per account; best of ${runs}`);
  console.log('accounts  nodes     edges      load ms   build ms  (growth)  query ms  (growth)  peak RSS MiB  principals');
  for (const row of rows) {
    const cells = [
      String(row.accounts).padEnd(8),
      String(row.nodes).padEnd(9),
      String(row.edges).padEnd(10),
      String(row.load).padEnd(9),
      String(row.build).padEnd(9),
      growth(row, 'build').padEnd(9),
      row.query.toFixed(1).padEnd(9),
      growth(row, 'query').padEnd(9),
      row.rssMiB.toFixed(0).padEnd(13),
      String(row.principals),
    ];
    console.log(cells.join(' '));
  }
}
