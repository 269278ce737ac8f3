// Preloaded into the measured iamlint process by bench/run.mjs and bench/profile.mjs (`node --import`).
//
// IAMLINT_BENCH_RSS_FILE=path  on exit, writes the peak resident set size in KiB (getrusage's ru_maxrss).
// IAMLINT_BENCH_FS_FILE=path   times every synchronous fs call the bundle makes (count and total ms per
//                              function) and writes them as JSON on exit. The profiler overstates system
//                              calls; this measures them directly. It adds a little overhead per call, so
//                              run.mjs does not use it for its timed runs.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const rssFile = process.env.IAMLINT_BENCH_RSS_FILE;
const fsFile = process.env.IAMLINT_BENCH_FS_FILE;
const timed = ['readdirSync', 'statSync', 'lstatSync', 'realpathSync', 'openSync', 'fstatSync', 'readSync', 'closeSync', 'readFileSync', 'writeFileSync'];
const totals = {};

if (fsFile) {
  for (const name of timed) {
    const original = fs[name];
    if (typeof original !== 'function') continue;
    const total = (totals[name] = { calls: 0, ms: 0 });
    fs[name] = function timedCall(...args) {
      const start = process.hrtime.bigint();
      try {
        return original.apply(this, args);
      } finally {
        total.calls++;
        total.ms += Number(process.hrtime.bigint() - start) / 1e6;
      }
    };
  }
  // The bundle imports named exports from node:fs; make them see the wrappers.
  syncBuiltinESMExports();
}

if (rssFile || fsFile) {
  process.on('exit', () => {
    const calls = JSON.stringify(Object.fromEntries(Object.entries(totals).filter(([, t]) => t.calls > 0)));
    if (rssFile) fs.writeFileSync(rssFile, String(process.resourceUsage().maxRSS));
    if (fsFile) fs.writeFileSync(fsFile, calls);
  });
}
