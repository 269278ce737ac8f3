#!/usr/bin/env node
// Profiles `iamlint check DIR --format json` with V8's sampling profiler and says where the time
// goes: per pipeline stage (discovery, reading, decoding, JSON parsing, the policy normalizer,
// rules, fingerprints, output …), per source module, and the top functions by self time.
//
//   node bench/profile.mjs [--dir DIR] [--runs N] [--no-extra] [--interval µs] [--top N] [--json]
//   node bench/profile.mjs [--cli dist/cli.js] FILE.cpuprofile …   (summarise existing profiles of that bundle)
//
// dist/cli.js is one esbuild bundle; esbuild marks each bundled module with a `// path` comment,
// so every sampled function is mapped back to its source file (src/…, rules/…, node_modules/…).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);

// ---------------------------------------------------------------------------------------------
// Bundle → source modules.

/** Line (0-based) where each bundled module starts, from esbuild's `// path` markers. */
function moduleMap(bundlePath) {
  const lines = readFileSync(bundlePath, 'utf8').split('\n');
  const starts = [];
  lines.forEach((line, i) => {
    const match = /^\/\/ (\S+\.(?:ts|js|mjs|cjs|json|md))$/.exec(line);
    // Dependencies reached through a symbolic link show as ../../…/node_modules/…: keep the package path.
    if (match) starts.push({ line: i, module: match[1].replace(/^(?:\.\.\/|[^/]*\/)*?(node_modules\/)/, '$1') });
  });
  return (line) => {
    let low = 0;
    let high = starts.length - 1;
    let found = '(bundle prelude)';
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (starts[mid].line <= line) {
        found = starts[mid].module;
        low = mid + 1;
      } else high = mid - 1;
    }
    return found;
  };
}

// ---------------------------------------------------------------------------------------------
// Stages.

/** Pipeline stages in the order they run, for the breakdown. */
const stage = {
  startup: 'startup: node, bundle load, CLI parsing, config',
  discovery: 'discovery: walk, readdir, stat (sources/discover.ts)',
  reading: 'reading: open, fstat, read (readFileSync / sources/read.ts)',
  decoding: 'decoding: UTF-8 check, toString (sources/decode.ts)',
  parse: 'JSON parse: parseTree (sources/*json*.ts, jsonc-parser)',
  load: 'load: sniffing, SourceFile (sources/load.ts …)',
  normalizer: 'policy normalizer (sources/policy.ts, text-layer.ts)',
  glue: 'engine glue: per-file paths, rule plan (engine/check.ts, configure.ts)',
  rules: 'rules: runner, rules/, iam/',
  fingerprint: 'fingerprint hashing (engine/fingerprint.ts)',
  findings: 'sort, suppress, dedupe (finding.ts, suppress.ts)',
  output: 'JSON output: formatter, stringify, write (report/)',
  project: 'other project code',
  gc: 'garbage collector',
  program: 'V8/native, unattributed ((program))',
  other: 'idle / other',
};
const stageOrder = Object.values(stage);

/** node:fs calls decide their stage themselves, whoever calls them. */
const fsStages = {
  readFileSync: stage.reading,
  openSync: stage.reading,
  fstatSync: stage.reading,
  readSync: stage.reading,
  closeSync: stage.reading,
  statSync: stage.discovery,
  lstatSync: stage.discovery,
  realpathSync: stage.discovery,
  readdirSync: stage.discovery,
  opendirSync: stage.discovery,
  writeFileSync: stage.output,
};

/** Bundled modules → stage, first match wins; `fn` optionally narrows to some functions. */
const moduleStages = [
  { module: /^src\/sources\/discover\.ts$/, stage: stage.discovery },
  { module: /^src\/sources\/read\.ts$/, stage: stage.reading },
  { module: /^src\/sources\/decode\.ts$/, stage: stage.decoding },
  { module: /^node_modules\/jsonc-parser\/|^src\/sources\/[^/]*json[^/]*\.ts$|^src\/sources\/directives\.ts$/, stage: stage.parse },
  { module: /^src\/sources\/(?:policy|text-layer)\.ts$/, stage: stage.normalizer },
  { module: /^src\/sources\//, stage: stage.load },
  { module: /^src\/engine\/fingerprint\.ts$/, stage: stage.fingerprint },
  { module: /^src\/engine\/(?:suppress|finding)\.ts$/, stage: stage.findings },
  { module: /^src\/engine\/check\.ts$/, fn: /^(?:uniqueFingerprints|unusedFinding)\d*$/, stage: stage.findings },
  { module: /^src\/engine\/(?:check|configure)\.ts$/, stage: stage.glue },
  { module: /^rules\/|^src\/iam\/|^src\/eval\/|^src\/graph\/|^src\/engine\/(?:runner|rule)\.ts$|^src\/model\/policy\.ts$/, stage: stage.rules },
  { module: /^src\/report\//, stage: stage.output },
  { module: /^src\/(?:config|cli)\/|^node_modules\/|^package\.json$|^\(bundle prelude\)$/, stage: stage.startup },
  // Helpers that work for whoever calls them (spans, positions): the caller decides.
  { module: /^src\/model\/(?:span|source)\.ts$/, stage: undefined },
  { module: /^src\/|^rules\//, stage: stage.project },
];

/** The stage a frame decides, or undefined when the frame is a helper and its caller decides. */
function stageOfFrame(frame, moduleOf) {
  const { url, functionName } = frame.callFrame;
  if (url === 'node:fs') return fsStages[functionName];
  if (frame.bundle === undefined) return undefined; // node internals, builtins, natives
  const module = moduleOf(frame.callFrame.lineNumber);
  return moduleStages.find((m) => m.module.test(module) && (m.fn === undefined || m.fn.test(functionName)))?.stage;
}

// ---------------------------------------------------------------------------------------------
// The profile.

/** Summarises one or more profiles of the same bundle; times are averaged over the profiles. */
export function summarise(profiles, bundlePath, top = 25) {
  const moduleOf = moduleMap(bundlePath);
  // Frames of the bundle: its own URL, or (for profiles recorded elsewhere, as with --cli and
  // FILE.cpuprofile) any file: URL with the same file name, since the text is the same.
  const bundleUrl = pathToFileURL(resolve(bundlePath)).href;
  const bundleName = bundleUrl.slice(bundleUrl.lastIndexOf('/'));
  const isBundle = (url) => url === bundleUrl || (url.startsWith('file://') && url.endsWith(bundleName));
  let total = 0;
  let samples = 0;
  /** [node, self µs] over every profile. */
  const sampled = [];
  for (const profile of profiles) {
    const nodes = new Map(profile.nodes.map((n) => [n.id, { ...n, parent: undefined }]));
    for (const node of nodes.values()) for (const child of node.children ?? []) nodes.get(child).parent = node;
    for (const node of nodes.values()) node.bundle = isBundle(node.callFrame.url) ? true : undefined;
    const self = new Map();
    profile.samples.forEach((id, i) => {
      const dt = profile.timeDeltas[i] ?? 0;
      self.set(id, (self.get(id) ?? 0) + dt);
      total += dt;
    });
    samples += profile.samples.length;
    for (const [id, us] of self) sampled.push([nodes.get(id), us]);
  }

  const stages = new Map(stageOrder.map((s) => [s, 0]));
  const functions = new Map();
  const modules = new Map();
  const inclusive = new Map();
  const perRule = new Map();
  const add = (map, key, us) => map.set(key, (map.get(key) ?? 0) + us);
  const where = (node) => {
    const cf = node.callFrame;
    if (node.bundle) return `${moduleOf(cf.lineNumber)}`;
    return cf.url === '' ? '(native)' : cf.url.replace(/^file:\/\//, '');
  };
  /** Pipeline steps whose inclusive time is worth seeing next to the stages. */
  const steps = [
    ['discover', 'src/sources/discover.ts'],
    ['loadFile', 'src/sources/load.ts'],
    ['decode', 'src/sources/decode.ts'],
    ['parseJson', 'src/sources/json.ts'],
    ['parseTree', 'node_modules/jsonc-parser/'],
    ['readPolicy', 'src/sources/policy.ts'],
    ['run', 'src/engine/runner.ts'],
    ['runRules', 'src/engine/runner.ts'],
    ['fingerprint', 'src/engine/fingerprint.ts'],
    ['applySuppressions', 'src/engine/suppress.ts'],
    ['formatJson', 'src/report/json.ts'],
  ];

  for (const [node, us] of sampled) {
    const name = node.callFrame.functionName || '(anonymous)';
    let found;
    if (name === '(garbage collector)') found = stage.gc;
    else if (name === '(program)') found = stage.program;
    else if (name === '(idle)' || name === '(root)') found = stage.other;
    else {
      for (let at = node; at && found === undefined; at = at.parent) found = stageOfFrame(at, moduleOf);
      found ??= stage.startup; // no project frame on the stack: node bootstrap, module loading
    }
    add(stages, found, us);
    const location = node.bundle ? `${where(node)}:${node.callFrame.lineNumber + 1}` : where(node);
    add(functions, `${name}\u0000${location}\u0000${found}`, us);
    add(modules, node.bundle ? where(node) : name.startsWith('(') ? name : `${where(node)} (outside the bundle)`, us);

    const seen = new Set();
    for (let at = node; at; at = at.parent) {
      if (!at.bundle) continue;
      const fn = at.callFrame.functionName;
      const module = moduleOf(at.callFrame.lineNumber);
      if (module.startsWith('rules/') && !seen.has(module)) {
        seen.add(module);
        add(perRule, module, us);
      }
      for (const [step, prefix] of steps) {
        if (!seen.has(step) && fn.startsWith(step) && /^\d*$/.test(fn.slice(step.length)) && module.startsWith(prefix)) {
          seen.add(step);
          add(inclusive, step, us);
        }
      }
    }
  }

  const ms = (us) => us / 1000 / profiles.length;
  const pct = (us) => (100 * us) / total;
  return {
    profiles: profiles.length,
    totalMs: ms(total),
    samples: Math.round(samples / profiles.length),
    stages: [...stages].filter(([, us]) => us > 0).map(([name, us]) => ({ stage: name, ms: ms(us), percent: pct(us) })),
    steps: steps.filter(([step]) => inclusive.has(step)).map(([step, prefix]) => ({ step, module: prefix, ms: ms(inclusive.get(step)), percent: pct(inclusive.get(step)) })),
    rules: [...perRule].sort((a, b) => b[1] - a[1]).map(([module, us]) => ({ module, ms: ms(us), percent: pct(us) })),
    modules: [...modules].sort((a, b) => b[1] - a[1]).slice(0, top).map(([module, us]) => ({ module, ms: ms(us), percent: pct(us) })),
    functions: [...functions]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, us]) => {
        const [fn, location, inStage] = key.split('\u0000');
        return { function: fn, location, stage: inStage, ms: ms(us), percent: pct(us) };
      }),
  };
}

/**
 * One more run, without the profiler, under --trace-gc and with bench/hook.mjs timing fs calls:
 * how many collections of each kind, their pauses, and the largest heap seen (the cpuprofile shows
 * GC time but not why: many short-lived objects, or a heap that grows because everything is
 * retained); and the real cost of the system calls, which the sampling profiler overstates.
 */
function extraRun(cli, dir, out) {
  const fsFile = join(out, 'fs-calls.json');
  const args = ['--trace-gc', '--import', pathToFileURL(join(here, 'hook.mjs')).href, cli, 'check', dir, '--format', 'json', '--output', join(out, 'report-gc.json')];
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, IAMLINT_BENCH_FS_FILE: fsFile } });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const fsCalls = existsSync(fsFile) ? JSON.parse(readFileSync(fsFile, 'utf8')) : {};
  const kinds = {};
  let peakHeapMB = 0;
  for (const line of result.stdout.split('\n')) {
    const match = /: ([A-Za-z-]+(?: \(reduce\))?) ([\d.]+) \(([\d.]+)\) -> ([\d.]+) \(([\d.]+)\) MB, (?:pooled: [\d.]+ MB, )?([\d.]+) \/ ([\d.]+) ms/.exec(line);
    if (!match) continue;
    const kind = (kinds[match[1]] ??= { count: 0, pauseMs: 0 });
    kind.count++;
    kind.pauseMs += Number(match[6]);
    peakHeapMB = Math.max(peakHeapMB, Number(match[2]));
  }
  return { wallMs, gc: { kinds, peakHeapMB }, fsCalls };
}

function print(summary, meta) {
  const f = (n) => n.toFixed(1).padStart(8);
  const p = (n) => `${n.toFixed(1).padStart(5)}%`;
  if (meta) console.log(meta);
  const averaged = summary.profiles > 1 ? `, averaged over ${summary.profiles} runs` : '';
  console.log(`sampled ${summary.totalMs.toFixed(0)} ms in ${summary.samples} samples per run${averaged}\n`);
  console.log('by stage (self time, attributed to the nearest pipeline frame on the stack)');
  for (const s of summary.stages) console.log(`  ${f(s.ms)} ms ${p(s.percent)}  ${s.stage}`);
  console.log('\ninclusive time of pipeline steps (GC excluded; steps nest)');
  for (const s of summary.steps) console.log(`  ${f(s.ms)} ms ${p(s.percent)}  ${s.step} (${s.module})`);
  console.log('\nrules (inclusive time of each rule file, runner excluded)');
  for (const r of summary.rules) console.log(`  ${f(r.ms)} ms ${p(r.percent)}  ${r.module}`);
  if (summary.extra) {
    const { gc, fsCalls, wallMs } = summary.extra;
    const kinds = Object.entries(gc.kinds).map(([kind, k]) => `${k.count} ${kind} (${k.pauseMs.toFixed(0)} ms)`).join(', ');
    console.log(`\none more run without the profiler (wall ${wallMs.toFixed(0)} ms), --trace-gc and fs calls timed by bench/hook.mjs:`);
    console.log(`  garbage collection: ${kinds || 'none'}; largest heap before a collection ${gc.peakHeapMB.toFixed(0)} MB`);
    const fsTotal = Object.values(fsCalls).reduce((n, c) => n + c.ms, 0);
    console.log(`  fs calls: ${fsTotal.toFixed(1)} ms in all: ${Object.entries(fsCalls).map(([name, c]) => `${name} ${c.calls}x ${c.ms.toFixed(1)} ms`).join(', ') || 'none'}`);
  }
  console.log('\nby module (self time)');
  for (const m of summary.modules) console.log(`  ${f(m.ms)} ms ${p(m.percent)}  ${m.module}`);
  console.log('\ntop functions (self time)');
  for (const fn of summary.functions) console.log(`  ${f(fn.ms)} ms ${p(fn.percent)}  ${fn.function}  ${fn.location}`);
}

function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    allowNegative: true,
    options: {
      dir: { type: 'string', default: join(here, 'out', 'policies') },
      cli: { type: 'string', default: join(root, 'dist', 'cli.js') },
      profile: { type: 'string', multiple: true },
      out: { type: 'string', default: join(here, 'out', 'profile') },
      interval: { type: 'string', default: '250' },
      runs: { type: 'string', default: '3' },
      extra: { type: 'boolean', default: true },
      top: { type: 'string', default: '25' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log('usage: node bench/profile.mjs [--dir DIR] [--cli dist/cli.js] [--runs N (3)] [--no-extra] [--interval µs (250)] [--top N (25)] [--out DIR (bench/out/profile)] [--json]\n       node bench/profile.mjs [--cli dist/cli.js] FILE.cpuprofile …');
    return 0;
  }
  const cli = resolve(values.cli);
  if (!existsSync(cli)) {
    console.error(`profile: ${relative(process.cwd(), cli)} does not exist; run \`npm run build\` first`);
    return 2;
  }
  const profilePaths = [...(values.profile ?? []), ...positionals].map((path) => resolve(path));
  let meta;
  if (profilePaths.length === 0) {
    const dir = resolve(values.dir);
    if (!existsSync(dir)) {
      console.error(`profile: ${relative(process.cwd(), dir)} is missing; run \`node bench/generate.mjs\` first`);
      return 2;
    }
    const out = resolve(values.out);
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    const runs = Number(values.runs);
    const walls = [];
    for (let i = 0; i < runs; i++) {
      const args = ['--cpu-prof', '--cpu-prof-dir', out, '--cpu-prof-interval', values.interval, cli, 'check', dir, '--format', 'json', '--output', join(out, 'report.json')];
      const started = process.hrtime.bigint();
      const result = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      walls.push(Number(process.hrtime.bigint() - started) / 1e6);
      if (result.status !== 0 && result.status !== 1) {
        console.error(`profile: iamlint exited with ${result.status ?? result.signal}:\n${result.stderr}`);
        return 1;
      }
    }
    profilePaths.push(...readdirSync(out).filter((name) => name.endsWith('.cpuprofile')).sort().map((name) => join(out, name)));
    if (profilePaths.length === 0) {
      console.error('profile: node wrote no .cpuprofile');
      return 1;
    }
    const sha = createHash('sha256').update(readFileSync(cli)).digest('hex').slice(0, 12);
    meta = [
      `node --cpu-prof --cpu-prof-interval ${values.interval} ${relative(process.cwd(), cli)} check ${relative(process.cwd(), dir)} --format json --output …  (${process.version}, bundle sha256 ${sha})`,
      `wall with the profiler on: ${walls.map((w) => `${w.toFixed(0)} ms`).join(', ')}; profiles in ${relative(process.cwd(), out)}/`,
    ].join('\n');
  }
  const summary = summarise(profilePaths.map((path) => JSON.parse(readFileSync(path, 'utf8'))), cli, Number(values.top));
  if (meta && values.extra) summary.extra = extraRun(cli, resolve(values.dir), resolve(values.out));
  if (values.json) console.log(JSON.stringify({ ...summary, profileFiles: profilePaths }, null, 2));
  else print(summary, meta);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main();
