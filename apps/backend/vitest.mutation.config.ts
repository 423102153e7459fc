import { defineConfig } from 'vitest/config';

/**
 * The unit tests `npm run mutation` runs against each mutant (StrykerJS runs from this folder in a
 * sandbox, where the shared `vitest.shared.ts` is out of reach): the modules it mutates are covered by
 * these; Stryker picks the tests that import the mutated file.
 */
export default defineConfig({
  test: {
    include: ['src/{mux,server,plugins,clusters,auth}/**/*.test.ts'],
    exclude: ['src/**/*.cluster.test.ts'],
  },
});
