import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

const repoRoot = dirname(fileURLToPath(import.meta.url));

/**
 * The export condition under which the published packages (@porthole/protocol, sdk, ui, plugin-kit)
 * resolve to their TypeScript sources inside this repository; outside it they resolve to `dist/`.
 */
export const sourceCondition = 'porthole-source';

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
    // The workspace packages' TypeScript sources, as tsc sees them (tsconfig.base.json customConditions).
    resolve: { conditions: [sourceCondition, ...defaultClientConditions] },
    ssr: { resolve: { conditions: [sourceCondition, ...defaultServerConditions] } },
    test: {
      reporters: [
        'default',
        ['json', { outputFile: join(repoRoot, '.test-results', `${name.replace('/', '__')}.json`) }],
      ],
      projects: [
        {
          extends: true,
          test: {
            name: 'unit',
            include: ['src/**/*.test.{ts,tsx}'],
            exclude: ['src/**/*.cluster.test.{ts,tsx}'],
          },
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
