// Takes the README's screenshot of a running Porthole (`npm run demo`): `node e2e/scripts/screenshot.ts
// [URL] [OUT]` (default: the demo's CronJobs list, from the CronJobs plugin, docs/screenshot.png), in
// Debian's Chromium.
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../src/chromium.ts';

const [url = 'http://127.0.0.1:4466/c/admin%40demo/cronjobs', out = 'docs/screenshot.png'] =
  process.argv.slice(2);
const browser = await chromium.launch(chromiumLaunchOptions);
const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
await page.goto(url);
// The cluster list, or a list with its rows in (row links are the objects' names).
await page.locator('[data-testid="cluster-name"], [role="row"] a, table tbody tr a').first().waitFor();
await page.waitForTimeout(1_000); // explanations and next runs load with the cron library
await page.screenshot({ path: out });
await browser.close();
console.log(`wrote ${out}`);
