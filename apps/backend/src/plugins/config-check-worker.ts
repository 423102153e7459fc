// The config check worker: compiles a plugin's settings schema and checks one set of values with it, off
// the server's thread, so a schema pattern that backtracks without end can be stopped (config-checker.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { type ConfigParse, compileConfigSchema, parseConfig } from './config-schema.ts';

const { schema, values } = workerData as { schema: Record<string, unknown>; values: unknown };
// Loaded (zod included): the deadline starts now, and covers only the check.
parentPort?.postMessage('ready');
const compiled = compileConfigSchema(schema);
const result: ConfigParse =
  typeof compiled === 'string'
    ? { ok: false, issues: [{ path: [], message: `the plugin's config schema ${compiled}` }] }
    : parseConfig(compiled, values);
parentPort?.postMessage(result);
