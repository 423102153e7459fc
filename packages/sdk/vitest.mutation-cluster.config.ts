import { defineConfig } from 'vitest/config';

/**
 * The tests `stryker.cluster.config.json` runs against each mutant of the safe writes: the unit tests of
 * `src/writes/` and `safe-writes.cluster.test.ts`, which starts a real API server and `porthole serve`
 * (about 25 s) every time it runs, so each mutant it covers costs that much. Slow; not part of
 * `npm run mutation` (see MUTATION.md).
 */
export default defineConfig({
  test: {
    include: ['src/writes/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
