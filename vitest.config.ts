import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    {
      // Rule doc pages are imported as text, as esbuild's text loader does for the bundle.
      name: 'markdown-as-text',
      transform(code, id) {
        return id.endsWith('.md') ? { code: `export default ${JSON.stringify(code)};`, map: null } : undefined;
      },
    },
  ],
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
