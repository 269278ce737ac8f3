import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    {
      // Rule doc pages and the AWS catalogue are imported as text, as esbuild's text loader does for the bundle.
      name: 'text-imports',
      transform(code, id) {
        return id.endsWith('.md') || id.endsWith('.data') ? { code: `export default ${JSON.stringify(code)};`, map: null } : undefined;
      },
    },
  ],
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
