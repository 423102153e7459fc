import { expect, type Locator, type Page } from '@playwright/test';
import { kubectl } from './editor-pages.ts';
import type { E2eEnvironment } from './environment.ts';

/** A pod (or any object) created from a manifest with kubectl, the admin's second client. */
export async function kubectlApply(env: E2eEnvironment, manifest: object): Promise<void> {
  const { execFile } = await import('node:child_process');
  await new Promise<void>((resolve, reject) => {
    const child = execFile(
      '/usr/bin/kubectl',
      ['--kubeconfig', env.kubeconfigPath, '--context', env.contexts.admin, 'apply', '-f', '-'],
      (err) => (err ? reject(err) : resolve()),
    );
    child.stdin?.end(JSON.stringify(manifest));
  });
}

/** Waits until kubectl sees the pod Running. */
export async function waitRunning(env: E2eEnvironment, namespace: string, pod: string): Promise<void> {
  await kubectl(
    env,
    'wait',
    '--for=jsonpath={.status.phase}=Running',
    `pod/${pod}`,
    '-n',
    namespace,
    '--timeout=60s',
  );
}

/** The log line list of a Logs tab. */
export function logList(page: Page): Locator {
  return page.getByRole('log');
}

/** The xterm of a Shell tab (its DOM renderer's rows hold the text). */
export function terminalBox(page: Page): Locator {
  return page.getByRole('group', { name: /^Shell in / });
}

/** The terminal's text, row by row, trailing spaces removed. */
export async function terminalText(page: Page): Promise<string> {
  return terminalBox(page).evaluate((el) =>
    [...el.querySelectorAll('.xterm-rows > div')].map((row) => (row.textContent ?? '').trimEnd()).join('\n'),
  );
}

/** Types a line into the terminal (focus is in it) and presses Enter. */
export async function typeLine(page: Page, line: string): Promise<void> {
  await terminalBox(page).click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

/** Waits until the terminal's text matches. */
export async function expectTerminal(page: Page, pattern: RegExp, timeout = 15_000): Promise<string> {
  let text = '';
  await expect
    .poll(
      async () => {
        text = await terminalText(page);
        return pattern.test(text);
      },
      { timeout },
    )
    .toBe(true);
  return text;
}
