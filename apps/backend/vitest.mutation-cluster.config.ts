import { defineConfig } from 'vitest/config';

/**
 * The tests `stryker.cluster.config.json` runs against each mutant of the log stream: its unit tests and
 * `log-stream.cluster.test.ts`, which starts a real API server with the kubelet stand-in (about 30 s)
 * every time it runs, so each mutant it covers costs that much and more. Slow; not part of
 * `npm run mutation` (see MUTATION.md).
 */
export default defineConfig({
  test: {
    include: [
      'src/mux/log-stream.test.ts',
      'src/mux/log-lines.test.ts',
      'src/mux/log-stream.cluster.test.ts',
    ],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
