import { defineConfig } from 'vitest/config';

/**
 * The unit tests `npm run mutation` runs against each mutant of `src/writes/` (StrykerJS runs from this
 * folder in a sandbox, where the shared `vitest.shared.ts` is out of reach).
 */
export default defineConfig({
  test: {
    include: ['src/writes/**/*.test.ts'],
    exclude: ['src/**/*.cluster.test.ts'],
  },
});
