import { defineConfig } from 'vitest/config';

/**
 * The unit tests `npm run mutation` runs against each mutant (StrykerJS runs from this folder in a
 * sandbox, where the shared `vitest.shared.ts` is out of reach): the modules it mutates are covered by
 * these; Stryker picks the tests that import the mutated file.
 */
export default defineConfig({
  test: {
    include: ['src/{mux,server,plugins,clusters,auth}/**/*.test.ts'],
    // built-in-registry.test.ts finds plugins/ beside the repo's apps/backend, which the sandbox is not in
    // (and it tests none of the mutated modules).
    exclude: ['src/**/*.cluster.test.ts', 'src/plugins/built-in-registry.test.ts'],
  },
});
