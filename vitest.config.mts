import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The compiler the build ships: ts-morph's copy (server/src/typescript.ts).
  resolve: { alias: { typescript: '@ts-morph/common/dist/typescript.js' } },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // End-to-end tests start processes (the CLI, MCP servers); two cores are all these machines have.
    maxWorkers: 2,
    // A worker runs its test files one after another in one module registry: each file no longer loads the analyzer
    // and the compiler anew (a sixth of the suite's time), and the parser runs warm. Tests share no mutable state:
    // the suite passes with its files shuffled.
    isolate: false,
  },
});
