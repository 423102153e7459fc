import { describe, expect, expectTypeOf, it } from 'vitest';
import * as z from 'zod/mini';
import { checkPluginDefinition, definePlugin } from './define-plugin.ts';
import { PluginConfigError, readPluginConfig } from './plugin-config.ts';

const settings = z.object({
  greeting: z._default(z.string().check(z.maxLength(40)), 'Hello'),
  replicas: z.optional(z.number().check(z.int(), z.minimum(1))),
});

describe('readPluginConfig', () => {
  it('fills in the defaults and types the values from the schema', () => {
    const config = readPluginConfig(settings, { replicas: 2 });
    expect(config).toEqual({ greeting: 'Hello', replicas: 2 });
    expectTypeOf(config).toEqualTypeOf<{ greeting: string; replicas?: number | undefined }>();
    expect(readPluginConfig(settings, undefined)).toEqual({ greeting: 'Hello' });
  });

  it('throws an error that names each field and why', () => {
    const read = () => readPluginConfig(settings, { greeting: 7, replicas: 0 });
    expect(read).toThrow(PluginConfigError);
    expect(read).toThrow(/^the plugin's config is invalid: greeting: .+; replicas: .+$/);
    try {
      read();
    } catch (err) {
      expect((err as PluginConfigError).causes.map((c) => c.field)).toEqual(['greeting', 'replicas']);
    }
  });
});

describe('definePlugin config', () => {
  it('keeps the schema on the definition, and checkPluginDefinition refuses a config that is not a schema', () => {
    const plugin = definePlugin({
      name: 'demo',
      version: '1.0.0',
      sdk: '^0.1.0',
      extensions: [],
      config: settings,
    });
    expect(plugin.config).toBe(settings);
    expect(checkPluginDefinition(plugin)).toEqual({ ok: true, plugin });
    expect(checkPluginDefinition({ ...plugin, config: { greeting: 'x' } })).toEqual({
      ok: false,
      reason: "the plugin definition's config is not a zod schema: it is an object with keys greeting",
    });
  });
});
