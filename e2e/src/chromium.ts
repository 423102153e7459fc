import type { LaunchOptions } from '@playwright/test';

/**
 * Debian's Chromium as every spec and script here launches it: Playwright never downloads a browser on
 * these machines, and without the background-networking flags Chromium keeps dialling out.
 */
export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};
