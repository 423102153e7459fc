// Takes the README's screenshot of a running Porthole: `node e2e/scripts/screenshot.ts [URL] [OUT]`
// (default http://127.0.0.1:4466/ and docs/screenshot.png), in Debian's Chromium.
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../src/chromium.ts';

const [url = 'http://127.0.0.1:4466/', out = 'docs/screenshot.png'] = process.argv.slice(2);
const browser = await chromium.launch(chromiumLaunchOptions);
const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
await page.goto(url);
await page.getByTestId('cluster-name').first().waitFor();
await page.screenshot({ path: out });
await browser.close();
console.log(`wrote ${out}`);
