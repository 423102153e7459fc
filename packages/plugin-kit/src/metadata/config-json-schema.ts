import type { $ZodType } from 'zod/v4/core';
import { toJSONSchema } from 'zod/v4/core';

/** What {@link configJsonSchemaOf} concluded: the JSON Schema, or why the schema can't be written as one. */
export type ConfigJsonSchemaResult =
  | { ok: true; schema: Record<string, unknown> }
  | { ok: false; reason: string };

/**
 * The JSON Schema the metadata carries for a plugin's `config` zod schema: the input side (a field with
 * a default may be left out, and `default` is written so the backend fills it in), with every object
 * closed (`additionalProperties: false`) unless the schema says otherwise, so a misspelt setting in the
 * registry file is an error naming it rather than silently ignored. Transforms and custom checks have no
 * JSON Schema form: such a schema is refused with the reason.
 *
 * @example
 * configJsonSchemaOf(z.object({ greeting: z._default(z.string(), 'Hello') }));
 * // { ok: true, schema: { type: 'object', properties: { greeting: { type: 'string', default: 'Hello' } },
 * //   additionalProperties: false, ... } }
 */
export function configJsonSchemaOf(config: unknown): ConfigJsonSchemaResult {
  if (typeof config !== 'object' || config === null || !('_zod' in config))
    return { ok: false, reason: 'config must be a zod schema' };
  let schema: Record<string, unknown>;
  try {
    schema = toJSONSchema(config as $ZodType, {
      io: 'input',
      unrepresentable: 'throw',
      override: ({ jsonSchema }) => {
        if (jsonSchema.type === 'object' && jsonSchema.additionalProperties === undefined)
          jsonSchema.additionalProperties = false;
      },
    }) as Record<string, unknown>;
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return {
      ok: false,
      reason: `config cannot be written as JSON Schema (use plain zod types and checks): ${why}`,
    };
  }
  if (schema.type !== 'object')
    return {
      ok: false,
      reason: 'config must be an object schema (z.object({...})): settings are named fields',
    };
  return { ok: true, schema };
}
