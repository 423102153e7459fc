import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './src/chromium.ts';

/**
 * Playwright in Debian's Chromium against the real backend and a real test cluster, both started by
 * `src/global-setup.ts`. Never run `npx playwright install`: the browser is `/usr/bin/chromium`.
 */
export default defineConfig({
  testDir: './src',
  testMatch: '**/*.spec.ts',
  globalSetup: './src/global-setup.ts',
  // One cluster and one backend serve every spec; a 2-core machine gains nothing from more workers.
  workers: 1,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list'], ['json', { outputFile: '../.test-results/e2e.json' }]],
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        launchOptions: chromiumLaunchOptions,
      },
    },
  ],
});
