#!/usr/bin/env node
// Measures `iamlint check` against the floor — what any tool has to do with the same files: walk
// the folder, read every file, JSON.parse it — in the same run, on the same files.
//
//   node bench/run.mjs [--dir DIR] [--runs N] [--cli PATH] [--json]
//   node bench/run.mjs --account [--dir DIR] …
//
// DIR defaults to bench/out/policies (10,000 policy files) and is generated (bench/generate.mjs
// defaults) if missing. With --account it defaults to bench/out/account, one large AWS account's
// exports (`bench/generate.mjs --account`: a 25 MB authorization-details file, the credential
// report's JSON envelope …), generated if missing. `npm run bench` builds dist/cli.js first and
// passes its arguments on: `npm run bench -- --account`.
//
// For an account the floor is the same (a raw CSV credential report is decoded and split into
// lines instead of JSON.parse-d); a second, untimed pass counts what the exports hold and times
// the decoding a tool must add (URL-encoded policy documents, the report's base64), shown apart.
// A file larger than iamlint's default maxFileSize (64 MiB) would be refused unread, so then the
// measured run is given a config that raises it, and the table says so.
import { spawnSync } from 'node:child_process';
import { Buffer } from 'node:buffer';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { arch, cpus, loadavg, platform, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);
const defaultDir = join(here, 'out', 'policies');
const defaultAccountDir = join(here, 'out', 'account');
/** iamlint's default maxFileSize (src/config/config.ts `defaultMaxFileSize`). */
const defaultMaxFileSize = 64 * 1024 * 1024;
const defaultCli = join(root, 'dist', 'cli.js');

// ---------------------------------------------------------------------------------------------
// The floor.

/** File endings iamlint's folder walk reads (src/engine/check.ts `inputExtensions`). */
const extensions = ['.json', '.jsonc', '.csv'];
/** Folders iamlint never walks into (src/sources/discover.ts). */
const skippedFolders = new Set(['node_modules', '.git']);

/** The files iamlint would read in `dir`, sorted the same way; no stat, no realpath. */
function walk(dir) {
  const files = [];
  const visit = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!skippedFolders.has(entry.name)) visit(path);
      } else if (entry.isFile()) {
        const lower = entry.name.toLowerCase();
        if (extensions.some((e) => lower.endsWith(e))) files.push(path);
      }
    }
  };
  visit(dir);
  return files;
}

const now = () => process.hrtime.bigint();
const msSince = (start) => Number(process.hrtime.bigint() - start) / 1e6;

/** One pass of the floor: walk, read every file, decode and JSON.parse it. */
function floorOnce(dir) {
  let start = now();
  const files = walk(dir);
  const walkMs = msSince(start);

  start = now();
  const buffers = files.map((file) => readFileSync(file));
  const readMs = msSince(start);

  start = now();
  let parseErrors = 0;
  let bytes = 0;
  let statements = 0;
  for (const [i, buffer] of buffers.entries()) {
    bytes += buffer.length;
    if (files[i].toLowerCase().endsWith('.csv')) {
      // A raw credential report: what every tool must do with it is decode it and split its lines.
      buffer.toString('utf8').split('\n');
      continue;
    }
    try {
      const doc = JSON.parse(buffer.toString('utf8'));
      if (Array.isArray(doc?.Statement)) statements += doc.Statement.length;
    } catch {
      parseErrors++;
    }
  }
  const parseMs = msSince(start);
  return { files: files.length, bytes, parseErrors, statements, walkMs, readMs, parseMs, totalMs: walkMs + readMs + parseMs };
}

/**
 * What an account folder's exports hold, counted in one untimed pass, and the time of the decoding a
 * tool must add to the floor for them: URL-encoded policy documents (percent-decode, JSON.parse)
 * and the credential report (base64 in the CLI's envelope, CSV lines). Undefined for a folder of
 * policy files.
 */
function accountContent(files) {
  let found = false;
  const c = { users: 0, groups: 0, roles: 0, managedPolicies: 0, policyVersions: 0, documents: 0, statements: 0, urlEncoded: 0, jsonStrings: 0, credentialReportRows: 0, virtualMfaDevices: 0, decodeMs: 0 };
  const statementsOf = (doc) => (Array.isArray(doc?.Statement) ? doc.Statement.length : doc?.Statement ? 1 : 0);
  /** A policy slot: an object (the CLI), or a JSON string, URL-encoded or not (other SDKs). */
  const slot = (value) => {
    if (value === undefined || value === null) return;
    c.documents++;
    if (typeof value !== 'string') {
      c.statements += statementsOf(value);
      return;
    }
    const start = now();
    try {
      const encoded = /^\s*%7B/i.test(value);
      const doc = JSON.parse(encoded ? decodeURIComponent(value) : value);
      c.statements += statementsOf(doc);
      if (encoded) c.urlEncoded++;
      else c.jsonStrings++;
    } catch {
      // Not a policy document: what iamlint reports is not the floor's business.
    }
    c.decodeMs += msSince(start);
  };
  const csvRows = (text) => text.split('\n').filter((line) => line !== '').length - 1;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (file.toLowerCase().endsWith('.csv')) {
      if (text.startsWith('user,arn,')) {
        found = true;
        const start = now();
        c.credentialReportRows += csvRows(text);
        c.decodeMs += msSince(start);
      }
      continue;
    }
    let doc;
    try {
      doc = JSON.parse(text);
    } catch {
      continue;
    }
    if (doc === null || typeof doc !== 'object') continue;
    if (Array.isArray(doc.UserDetailList) || Array.isArray(doc.RoleDetailList) || Array.isArray(doc.GroupDetailList)) {
      found = true;
      for (const user of doc.UserDetailList ?? []) {
        c.users++;
        for (const p of user.UserPolicyList ?? []) slot(p.PolicyDocument);
      }
      for (const group of doc.GroupDetailList ?? []) {
        c.groups++;
        for (const p of group.GroupPolicyList ?? []) slot(p.PolicyDocument);
      }
      for (const role of doc.RoleDetailList ?? []) {
        c.roles++;
        slot(role.AssumeRolePolicyDocument);
        for (const p of role.RolePolicyList ?? []) slot(p.PolicyDocument);
      }
      for (const policy of doc.Policies ?? []) {
        c.managedPolicies++;
        for (const version of policy.PolicyVersionList ?? []) {
          c.policyVersions++;
          slot(version.Document);
        }
      }
    } else if (typeof doc.Content === 'string' && doc.ReportFormat === 'text/csv') {
      found = true;
      const start = now();
      c.credentialReportRows += csvRows(Buffer.from(doc.Content, 'base64').toString('utf8'));
      c.decodeMs += msSince(start);
    } else if (Array.isArray(doc.VirtualMFADevices)) {
      found = true;
      c.virtualMfaDevices += doc.VirtualMFADevices.length;
    }
  }
  return found ? c : undefined;
}

function best(runs, key) {
  return runs.reduce((a, b) => (b[key] < a[key] ? b : a));
}

// ---------------------------------------------------------------------------------------------
// Child processes.

function timeChild(args, options = {}) {
  const start = now();
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options });
  return { ms: msSince(start), result };
}

/** Wall time of `node -e 0`: what every CLI run pays before its first line runs. */
function nodeStartup(runs) {
  const times = [];
  for (let i = 0; i < runs; i++) times.push(timeChild(['-e', '0']).ms);
  return times;
}

/** The floor in a fresh process (node startup included), as the CLI is measured. */
function floorChild(dir, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const { ms, result } = timeChild([fileURLToPath(import.meta.url), '--floor-only', '--dir', dir]);
    if (result.status !== 0) throw new Error(`the floor child process failed: ${result.stderr}`);
    times.push(ms);
  }
  return times;
}

/** One `iamlint check DIR --format json --output FILE [--config FILE]`, with its peak RSS. */
function iamlintOnce(cli, dir, work, index, config) {
  const output = join(work, `report-${index}.json`);
  const rssFile = join(work, `rss-${index}.txt`);
  const args = ['--import', pathToFileURL(join(here, 'hook.mjs')).href, cli, 'check', dir, '--format', 'json', '--output', output, ...(config ? ['--config', config] : [])];
  const { ms, result } = timeChild(args, { env: { ...process.env, IAMLINT_BENCH_RSS_FILE: rssFile, NO_COLOR: '1' } });
  const ok = (result.status === 0 || result.status === 1) && result.signal === null;
  const rssKiB = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : undefined;
  return { ms, status: result.status, signal: result.signal, ok, stderr: result.stderr, output, rssKiB };
}

/** Which iamlint was measured: the bundle's hash, and the commit and working-tree state it was built from. */
function identify(cli) {
  const hash = createHash('sha256').update(readFileSync(cli)).digest('hex').slice(0, 12);
  if (relative(root, cli).startsWith('..')) return { cliSha256: hash, commit: undefined, uncommittedSourceFiles: undefined };
  const git = (args) => spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  const head = git(['rev-parse', '--short', 'HEAD']);
  const dirty = git(['status', '--porcelain', '--', 'src', 'rules', 'package.json']);
  const changed = dirty.status === 0 ? dirty.stdout.split('\n').filter((l) => l.trim() !== '').length : undefined;
  return { cliSha256: hash, commit: head.status === 0 ? head.stdout.trim() : undefined, uncommittedSourceFiles: changed };
}

function readReport(path) {
  const report = JSON.parse(readFileSync(path, 'utf8'));
  const byRule = {};
  const files = new Set();
  for (const finding of report.findings) {
    byRule[finding.ruleId] = (byRule[finding.ruleId] ?? 0) + 1;
    files.add(finding.file);
  }
  return { summary: report.summary, byRule, filesWithFindings: files.size, reportBytes: readFileSync(path).length };
}

// ---------------------------------------------------------------------------------------------
// Output.

const int = (n) => Math.round(n).toLocaleString('en-US');
const ms1 = (n) => `${n.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} ms`;
const msList = (list) => list.map((n) => int(n)).join(' / ');

function printTable(r) {
  const a = r.account;
  const rows = [
    ['files', `${int(r.files)}  (${int(r.floor.best.parseErrors)} do not JSON.parse; ${int(a ? a.statements : r.floor.best.statements)} statements${a ? ` in ${int(a.documents)} policy documents` : ''})`],
    ['total size', `${(r.bytes / 1e6).toFixed(2)} MB  (${int(r.bytes)} bytes, ${a ? `largest file ${(r.largestFileBytes / 1e6).toFixed(2)} MB` : `${int(r.bytes / r.files)} B per file`})`],
    ...(a
      ? [
          ['account', `${int(a.users)} users, ${int(a.groups)} groups, ${int(a.roles)} roles, ${int(a.managedPolicies)} managed policies (${int(a.policyVersions)} versions); credential report ${int(a.credentialReportRows)} rows; ${int(a.virtualMfaDevices)} virtual MFA devices`],
          ['  embedded decoding', `${ms1(a.decodeMs)}  (${int(a.urlEncoded)} URL-encoded and ${int(a.jsonStrings)} JSON-string documents, the report's base64 and CSV lines; not in the floor)`],
        ]
      : []),
    ['floor, in-process', `best ${ms1(r.floor.best.totalMs)}  = walk ${ms1(r.floor.best.walkMs)} + read ${ms1(r.floor.best.readMs)} + parse ${ms1(r.floor.best.parseMs)}`],
    ['  first (cold JIT)', `${ms1(r.floor.first.totalMs)}  = walk ${ms1(r.floor.first.walkMs)} + read ${ms1(r.floor.first.readMs)} + parse ${ms1(r.floor.first.parseMs)}`],
    ['floor, own process', `best ${int(r.floorChildMs.best)} ms  (runs ${msList(r.floorChildMs.runs)}; node startup included)`],
    ['node startup', `best ${int(r.nodeStartupMs.best)} ms  (node -e 0)`],
    ['iamlint check', `${r.iamlint.failures === r.iamlint.runs.length ? 'FAILED' : `best ${int(r.iamlint.bestMs)} ms`}  (runs ${msList(r.iamlint.runs.map((x) => x.ms))}; exit ${[...new Set(r.iamlint.runs.map((x) => x.status ?? x.signal))].join('/')})`],
    ['ratio iamlint/floor', r.iamlint.failures === r.iamlint.runs.length ? 'n/a' : `${r.ratio.inProcess.toFixed(1)}x the in-process floor, ${r.ratio.ownProcess.toFixed(1)}x the floor in its own process`],
    ['iamlint throughput', r.iamlint.failures === r.iamlint.runs.length ? 'n/a' : `${r.iamlint.filesPerSecond < 100 ? r.iamlint.filesPerSecond.toFixed(1) : int(r.iamlint.filesPerSecond)} files/s, ${r.iamlint.mbPerSecond.toFixed(1)} MB/s`],
    ['findings', r.report ? `${int(r.report.summary.findings)}  in ${int(r.report.filesWithFindings)} files (${Object.entries(r.report.summary.bySeverity).map(([k, v]) => `${k} ${int(v)}`).join(', ')})` : 'n/a'],
    ['  by rule', r.report ? Object.entries(r.report.byRule).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${int(v)}`).join(', ') : 'n/a'],
    ['peak RSS, iamlint', r.iamlint.peakRssMB === undefined ? 'n/a' : `${r.iamlint.peakRssMB.toFixed(0)} MB${r.report ? `  (JSON report ${(r.report.reportBytes / 1e6).toFixed(2)} MB)` : ''}`],
    ...(r.iamlint.maxFileSize === undefined ? [] : [['config', `maxFileSize ${int(r.iamlint.maxFileSize)} (${(r.iamlint.maxFileSize / 1048576).toFixed(0)} MiB), raised from the default 64 MiB for the largest file`]]),
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`iamlint bench  ${r.node} on ${r.platform}, ${r.cpus} CPUs  (${r.cpuModel})`);
  const tree = r.uncommittedSourceFiles === undefined ? '' : r.uncommittedSourceFiles === 0 ? ', clean tree' : `, ${r.uncommittedSourceFiles} uncommitted files in src/ rules/`;
  console.log(`iamlint        ${relative(process.cwd(), r.cli)}  sha256 ${r.cliSha256}${r.commit === undefined ? '' : `  (commit ${r.commit}${tree})`}`);
  console.log(`directory      ${r.dir}`);
  const busy = Math.max(r.loadAverage.before, r.loadAverage.after);
  console.log(`load average   ${r.loadAverage.before.toFixed(2)} before, ${r.loadAverage.after.toFixed(2)} after${busy > r.cpus * 0.75 ? '  (high: other work competes for the CPUs, timings may be noisy)' : ''}`);
  console.log('');
  for (const [key, value] of rows) console.log(`  ${key.padEnd(width)}  ${value}`);
}

// ---------------------------------------------------------------------------------------------

function main() {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string' },
      account: { type: 'boolean', default: false },
      runs: { type: 'string', default: '3' },
      cli: { type: 'string', default: defaultCli },
      json: { type: 'boolean', default: false },
      'floor-only': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log('usage: node bench/run.mjs [--account] [--dir DIR (bench/out/policies; with --account bench/out/account)] [--runs N (3)] [--cli PATH (dist/cli.js)] [--json]');
    return 0;
  }
  const dir = resolve(values.dir ?? (values.account ? defaultAccountDir : defaultDir));
  if (values['floor-only']) {
    console.log(JSON.stringify(floorOnce(dir)));
    return 0;
  }
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, not ${values.runs}`);
  const cli = resolve(values.cli);
  if (!existsSync(cli)) {
    console.error(`bench: ${relative(process.cwd(), cli)} does not exist; run \`npm run build\` first (or \`npm run bench\`)`);
    return 2;
  }
  if (!existsSync(dir)) {
    console.error(`bench: ${relative(process.cwd(), dir)} is missing; generating it with bench/generate.mjs${values.account ? ' --account' : ''}`);
    const generated = spawnSync(process.execPath, [join(here, 'generate.mjs'), ...(values.account ? ['--account'] : []), '--out', dir], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (generated.status !== 0) return 2;
  }

  const loadBefore = loadavg()[0];
  // a) the floor, in this process.
  const floorRuns = [];
  for (let i = 0; i < runs; i++) floorRuns.push(floorOnce(dir));
  const floorBest = best(floorRuns, 'totalMs');
  const floorChildRuns = floorChild(dir, runs);
  const startupRuns = nodeStartup(runs);
  const files = walk(dir);
  const account = accountContent(files);
  const largestFileBytes = Math.max(0, ...files.map((file) => statSync(file).size));

  // b) iamlint in its own process.
  const work = mkdtempSync(join(tmpdir(), 'iamlint-bench-'));
  let code = 0;
  let result;
  try {
    // Whole MiB, 1 MiB to spare.
    const maxFileSize = largestFileBytes > defaultMaxFileSize ? (Math.ceil(largestFileBytes / 1048576) + 1) * 1048576 : undefined;
    const config = maxFileSize === undefined ? undefined : join(work, 'iamlint-bench.config.json');
    if (config) writeFileSync(config, `${JSON.stringify({ maxFileSize })}\n`);
    const lintRuns = [];
    for (let i = 0; i < runs; i++) lintRuns.push(iamlintOnce(cli, dir, work, i, config));
    const failed = lintRuns.filter((x) => !x.ok);
    for (const failure of failed) {
      console.error(`bench: iamlint failed (exit ${failure.status ?? 'none'}${failure.signal ? `, signal ${failure.signal}` : ''}):\n${failure.stderr.trim().split('\n').slice(-20).join('\n')}`);
    }
    if (failed.length > 0) code = 1;
    const good = lintRuns.filter((x) => x.ok);
    const bestLint = good.length > 0 ? best(good, 'ms') : undefined;
    const report = bestLint && existsSync(bestLint.output) ? readReport(bestLint.output) : undefined;
    if (report && report.summary.files !== floorBest.files) {
      console.error(`bench: iamlint read ${report.summary.files} files, the floor ${floorBest.files}`);
    }
    const rss = lintRuns.map((x) => x.rssKiB).filter((x) => x !== undefined && Number.isFinite(x));
    const bestMs = bestLint?.ms ?? Number.NaN; // NaN (null in --json) when every run failed
    const bestOf = (list) => Math.min(...list);
    result = {
      node: process.version,
      platform: `${platform()} ${arch()}`,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
      cli,
      ...identify(cli),
      loadAverage: { before: loadBefore, after: loadavg()[0] },
      dir: relative(process.cwd(), dir) || '.',
      files: floorBest.files,
      bytes: floorBest.bytes,
      largestFileBytes,
      account,
      floor: { first: floorRuns[0], best: floorBest, runs: floorRuns },
      floorChildMs: { best: bestOf(floorChildRuns), runs: floorChildRuns },
      nodeStartupMs: { best: bestOf(startupRuns), runs: startupRuns },
      iamlint: {
        command: `node ${relative(process.cwd(), cli)} check ${relative(process.cwd(), dir) || '.'} --format json --output <tmp>${config ? ' --config <tmp>' : ''}`,
        maxFileSize,
        bestMs,
        runs: lintRuns.map(({ ms, status, signal, rssKiB }) => ({ ms, status, signal, rssKiB })),
        filesPerSecond: (floorBest.files / bestMs) * 1000,
        mbPerSecond: floorBest.bytes / 1e6 / (bestMs / 1000),
        peakRssMB: rss.length > 0 ? (Math.max(...rss) * 1024) / 1e6 : undefined,
        failures: failed.length,
      },
      ratio: { inProcess: bestMs / floorBest.totalMs, ownProcess: bestMs / bestOf(floorChildRuns) },
      report,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }

  if (values.json) console.log(JSON.stringify(result, null, 2));
  else printTable(result);
  return code;
}

process.exitCode = main();
