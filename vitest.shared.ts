import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const repoRoot = dirname(fileURLToPath(import.meta.url));

/**
 * The vitest configuration every package uses: two projects, `unit` (`*.test.ts`, no cluster) and
 * `cluster` (`*.cluster.test.ts`, against the real API server from @porthole/testcluster; files run one
 * at a time, since each starts its own cluster on a 2-core machine). Results also go to
 * `.test-results/<package>.json` for the summary line `npm test` prints.
 *
 * @example
 * // packages/x/vitest.config.ts
 * export default portholeVitestConfig(import.meta.url);
 */
export function portholeVitestConfig(configUrl: string) {
  const packageDir = dirname(fileURLToPath(configUrl));
  const { name } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { name: string };
  return defineConfig({
    test: {
      reporters: ['default', ['json', { outputFile: join(repoRoot, '.test-results', `${name.replace('/', '__')}.json`) }]],
      projects: [
        {
          extends: true,
          test: { name: 'unit', include: ['src/**/*.test.{ts,tsx}'], exclude: ['src/**/*.cluster.test.{ts,tsx}'] },
        },
        {
          extends: true,
          test: {
            name: 'cluster',
            include: ['src/**/*.cluster.test.{ts,tsx}'],
            testTimeout: 120_000,
            hookTimeout: 120_000,
            fileParallelism: false,
          },
        },
      ],
    },
  });
}
