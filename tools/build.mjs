// Bundles the CLI into dist/cli.js and the GitHub Action into dist/action.js: each one file with
// every dependency and the rule doc pages inside, so it runs without node_modules.
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';

// Some CommonJS dependencies call require(); an ES module has none unless it makes one.
const requireShim = "import { createRequire as __iamlintCreateRequire } from 'node:module';\nconst require = __iamlintCreateRequire(import.meta.url);";

/** What both bundles share: ES modules for Node 20 (the Action runs on node24, which reads them too). */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  loader: { '.md': 'text', '.data': 'text' },
  // jsonc-parser's UMD main does dynamic requires; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  legalComments: 'none',
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli.js',
  banner: { js: `#!/usr/bin/env node\n${requireShim}` },
});
chmodSync('dist/cli.js', 0o755);

// The runner starts it with `node dist/action.js` (action.yml), so it needs no shebang.
await build({
  ...common,
  entryPoints: ['src/action/main.ts'],
  outfile: 'dist/action.js',
  banner: { js: requireShim },
});
