import { Worker } from 'node:worker_threads';
import type { ConfigParse } from './config-schema.ts';
import { configCheckOf, type PluginConfigCheck, type PluginConfigValues } from './plugin-config.ts';

/** A plugin's settings schema as its metadata carries it (JSON Schema), already compiled once at load. */
export type ConfigSchemaJson = Readonly<Record<string, unknown>>;

/** Checks plugins' settings against their schemas, off the server's thread; see {@link createConfigChecker}. */
export interface ConfigChecker {
  /** The check of `values` against `schema`; never rejects (a failure is a check that says why). */
  check(schema: ConfigSchemaJson, values: PluginConfigValues | undefined): Promise<PluginConfigCheck>;
}

/** Options of {@link createConfigChecker}. */
export interface ConfigCheckerOptions {
  /** How long one check may take before it is stopped. Default 2000 ms. */
  deadlineMs?: number;
  /** How many results are remembered (by schema and values). Default 64. */
  remembered?: number;
}

const failure = (message: string): PluginConfigCheck => ({ ok: false, causes: [{ field: '', message }] });

/** How long a worker may take to load (zod included) before it checks anything. */
const startLimitMs = 30_000;

/**
 * Runs one check in a worker of its own, terminated at the deadline whatever it is doing. The deadline
 * counts from the worker's `ready` (loaded), so a busy machine starting it slowly is not mistaken for a
 * pattern that never ends. `answered`: the check says something about the schema and values (the
 * worker's answer, or its deadline passing), so it is worth remembering; a worker that failed is not.
 */
function checkInWorker(
  schema: ConfigSchemaJson,
  values: unknown,
  deadlineMs: number,
): Promise<{ check: PluginConfigCheck; answered: boolean }> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./config-check-worker.ts', import.meta.url), {
      workerData: { schema, values },
      resourceLimits: { maxOldGenerationSizeMb: 64 },
    });
    let timer = setTimeout(
      () => settle(failure(`the config check did not start within ${startLimitMs} ms`)),
      startLimitMs,
    );
    let settled = false;
    function settle(check: PluginConfigCheck, answered = false) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ check, answered });
      void worker.terminate();
    }
    worker.on('message', (message: 'ready' | ConfigParse) => {
      if (message !== 'ready') return settle(configCheckOf(message), true);
      clearTimeout(timer);
      timer = setTimeout(
        () =>
          settle(
            failure(
              `checking it took longer than ${deadlineMs} ms and was stopped: a pattern in the plugin's config schema backtracks too much on these values`,
            ),
            true,
          ),
        deadlineMs,
      );
    });
    worker.once('error', (err) => settle(failure(`the config check failed: ${err.message}`)));
    worker.once('exit', (code) =>
      settle(failure(`the config check ended without an answer (exit code ${code})`)),
    );
  });
}

/**
 * Checks a plugin's settings against its schema in a worker thread with a deadline. The schema comes
 * from the plugin (its folder, or a team's plugin server) and its `pattern`s run on the values, so a
 * pattern that backtracks without end (`^(a+)+$`) must not stall the server for everyone: past the
 * deadline the worker is terminated and the check says so (the plugin's error card shows it). Results
 * are remembered by schema and values, so a registry reload checks only what changed.
 *
 * @example
 * const checker = createConfigChecker();
 * await checker.check(schema, { greeting: 'Hi' }); // { ok: true, config: { greeting: 'Hi', replicas: 1 } }
 */
export function createConfigChecker(options: ConfigCheckerOptions = {}): ConfigChecker {
  const deadlineMs = options.deadlineMs ?? 2_000;
  const remembered = options.remembered ?? 64;
  const results = new Map<string, Promise<PluginConfigCheck>>();
  return {
    check(schema, values) {
      const key = JSON.stringify([schema, values ?? null]);
      const known = results.get(key);
      if (known) return known;
      const check = checkInWorker(schema, values, deadlineMs).then(({ check, answered }) => {
        // A worker that failed to start or crashed is tried again next time.
        if (!answered) results.delete(key);
        return check;
      });
      results.set(key, check);
      if (results.size > remembered) results.delete(results.keys().next().value as string);
      return check;
    },
  };
}
