import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { configJsonSchemaOf } from './config-json-schema.ts';

describe('configJsonSchemaOf', () => {
  it('writes the input side with defaults, and closes every object so a misspelt setting is an error', () => {
    const result = configJsonSchemaOf(
      z.object({
        greeting: z._default(z.string().check(z.maxLength(40)), 'Hello'),
        links: z.optional(z.array(z.object({ url: z.string() }))),
      }),
    );
    expect(result).toMatchObject({
      ok: true,
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          greeting: { type: 'string', default: 'Hello', maxLength: 40 },
          links: { type: 'array', items: { type: 'object', additionalProperties: false, required: ['url'] } },
        },
      },
    });
    expect(result.ok && result.schema.required).toBeUndefined();
  });

  it('refuses what JSON Schema cannot say (a Date), a schema that is not an object, and a non-schema', () => {
    expect(configJsonSchemaOf(z.object({ since: z.date() }))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('cannot be written as JSON Schema'),
    });
    expect(configJsonSchemaOf(z.string())).toMatchObject({
      ok: false,
      reason: expect.stringContaining('object schema'),
    });
    expect(configJsonSchemaOf({ greeting: 'x' })).toEqual({
      ok: false,
      reason: 'config must be a zod schema',
    });
  });
});
