// Bundles the CLI into dist/cli.js: one file with every dependency and the rule doc pages inside,
// so it runs without node_modules.
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  loader: { '.md': 'text', '.data': 'text' },
  // jsonc-parser's UMD main does dynamic requires; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  legalComments: 'none',
  logLevel: 'warning',
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __iamlintCreateRequire } from 'node:module';\nconst require = __iamlintCreateRequire(import.meta.url);",
  },
});
chmodSync('dist/cli.js', 0o755);
