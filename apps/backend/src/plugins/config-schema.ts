import { z } from 'zod';

/** A plugin's compiled settings schema; see {@link compileConfigSchema}. */
export type CompiledConfigSchema = z.ZodType;

/** A `$defs` entry that is only a `$ref` chain back to itself: it can never check anything. */
function refLoop(schema: Readonly<Record<string, unknown>>): string | undefined {
  const defs = schema.$defs;
  if (typeof defs !== 'object' || defs === null) return undefined;
  const table = defs as Record<string, unknown>;
  const refOf = (node: unknown) => {
    const ref = (node as { $ref?: unknown } | null)?.$ref;
    return typeof ref === 'string' && ref.startsWith('#/$defs/') ? ref.slice('#/$defs/'.length) : undefined;
  };
  for (const start of Object.keys(table)) {
    const seen = new Set<string>();
    for (let name: string | undefined = start; name !== undefined; name = refOf(table[name])) {
      if (seen.has(name)) return `$defs.${start} refers to itself without end`;
      seen.add(name);
      if (!Object.hasOwn(table, name)) break;
    }
  }
  return undefined;
}

/**
 * Compiles the JSON Schema a plugin's metadata carries (written by the kit from its zod schema) into a
 * validator, with zod's `fromJSONSchema` (no code generation). A schema that is not an object schema,
 * refers outside itself, recurses without end or can't be read gives the reason instead; nothing thrown
 * escapes. Imports nothing but zod: the config check worker runs it too.
 *
 * @example
 * const compiled = compileConfigSchema(metadata.config);
 * if (typeof compiled === 'string') fail(`config schema: ${compiled}`);
 */
export function compileConfigSchema(
  schema: Readonly<Record<string, unknown>>,
): CompiledConfigSchema | string {
  if (schema.type !== 'object') return 'must be an object schema ("type": "object")';
  const loop = refLoop(schema);
  if (loop !== undefined) return loop;
  try {
    return z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
  } catch (err) {
    const message = err instanceof RangeError ? 'it refers to itself without end' : (err as Error).message;
    return `cannot be read as JSON Schema: ${String(message).split('\n')[0]}`;
  }
}

/** One problem with a plugin's settings, as plain data (it crosses the worker boundary). */
export interface ConfigIssue {
  path: (string | number)[];
  message: string;
  /** For settings the schema does not know: their names. */
  unknownKeys?: string[];
}

/** What {@link parseConfig} found: the settings with the defaults filled in, or the problems. */
export type ConfigParse =
  | { ok: true; config: Record<string, unknown> }
  | { ok: false; issues: ConfigIssue[] };

/**
 * Checks settings against a compiled schema. Runs the schema's `pattern`s: call it in the config check
 * worker (`config-checker.ts`), where a pattern that backtracks without end can be stopped.
 *
 * @example
 * parseConfig(compiled, { greeting: 7 });
 * // { ok: false, issues: [{ path: ['greeting'], message: 'Invalid input: expected string, received number' }] }
 */
export function parseConfig(schema: CompiledConfigSchema, values: unknown): ConfigParse {
  let parsed: ReturnType<typeof schema.safeParse>;
  try {
    parsed = schema.safeParse(values ?? {});
  } catch (err) {
    return {
      ok: false,
      issues: [{ path: [], message: `the schema could not check it: ${(err as Error).message}` }],
    };
  }
  if (parsed.success) return { ok: true, config: parsed.data as Record<string, unknown> };
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => ({
      path: issue.path.map((key) => (typeof key === 'number' ? key : String(key))),
      message: issue.message,
      ...(issue.code === 'unrecognized_keys' ? { unknownKeys: issue.keys } : {}),
    })),
  };
}
