import { fork } from 'node:child_process';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PluginContributions } from '@porthole/protocol';

/** A plugin's definition as its `src/plugin.ts` exports it, summarised; or why it could not be read. */
export type PluginReadResult =
  | {
      ok: true;
      name: string;
      version: string;
      sdk: string;
      contributes: PluginContributions;
      /** The settings schema as JSON Schema, when the plugin declares `config`. */
      config?: Record<string, unknown>;
    }
  | { ok: false; reason: string };

// `.ts` when the kit runs from its sources (inside the Porthole repository), `.js` from dist/ (published).
const ownExtension = extname(fileURLToPath(import.meta.url));
const child = fileURLToPath(new URL(`./read-plugin-child${ownExtension}`, import.meta.url));
// From its sources, the child resolves the workspace packages to their sources too (no build needed).
const childConditions = ownExtension === '.ts' ? ['--conditions=porthole-source'] : [];

/**
 * Imports `file` (a plugin's `src/plugin.ts`) in a child Node process, so each call sees the current
 * source (no module cache) and a plugin's import side effects stay out of the build. The default export
 * is checked with `checkPluginDefinition` from the `@porthole/sdk` the plugin resolves from `root`.
 * Never rejects: a failure is a value with a reason to print.
 *
 * @example
 * const result = await readPluginDefinition('/work/plugins/hello', '/work/plugins/hello/src/plugin.ts');
 * if (result.ok) console.log(result.contributes.routes);
 */
export function readPluginDefinition(root: string, file: string): Promise<PluginReadResult> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: PluginReadResult) => {
      if (!settled) resolve(result);
      settled = true;
    };
    let stderr = '';
    const proc = fork(child, [root, file], {
      cwd: root,
      execArgv: childConditions,
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    proc.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    proc.on('message', (message) => settle(message as PluginReadResult));
    proc.on('error', (err) =>
      settle({ ok: false, reason: `cannot run Node to read ${file}: ${err.message}` }),
    );
    proc.on('exit', (code) =>
      settle({
        ok: false,
        reason: `reading ${file} exited with code ${code}${stderr ? `:\n${stderr.trim()}` : ''}`,
      }),
    );
  });
}
