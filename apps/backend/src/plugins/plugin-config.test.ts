import { maxPluginConfigBytes, type PluginManifest } from '@porthole/protocol';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileConfigSchema } from './config-schema.ts';
import {
  configuredManifest,
  mergePluginConfig,
  pluginConfigValuesSchema,
  settingsWithoutSchema,
  validatePluginConfig,
} from './plugin-config.ts';

// What the plugin kit writes for z.object({ greeting: z._default(z.string().check(z.maxLength(40)), 'Hello'),
// replicas: z.optional(int >= 1), links: z.optional(z.array(z.object({ url: z.string() }))) }).
const schemaJson = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    greeting: { default: 'Hello', type: 'string', maxLength: 40 },
    replicas: { type: 'integer', minimum: 1 },
    links: {
      type: 'array',
      items: {
        type: 'object',
        properties: { url: { type: 'string' } },
        required: ['url'],
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
};

function compiled() {
  const schema = compileConfigSchema(schemaJson);
  if (typeof schema === 'string') throw new Error(schema);
  return schema;
}

const manifest: PluginManifest = {
  status: 'ok',
  name: 'hello',
  version: '1.0.0',
  sdk: '^0.1.0',
  remoteName: 'porthole_hello',
  entry: '/plugins/hello/remoteEntry.js',
  integrity: `sha384-${'A'.repeat(64)}`,
  contributes: {
    routes: [],
    resourceActions: [],
    resourceListActions: [],
    resourceTabs: [],
    extensionPoints: [],
    pointExtensions: [],
  },
};

describe('mergePluginConfig', () => {
  it("puts the bundle's fields over the plugin's, a whole field at a time", () => {
    expect(
      mergePluginConfig({ greeting: 'Hi', links: [{ url: 'a' }] }, { greeting: 'Hello payments' }),
    ).toEqual({
      greeting: 'Hello payments',
      links: [{ url: 'a' }],
    });
    expect(mergePluginConfig({ links: [{ url: 'a' }, { url: 'b' }] }, { links: [{ url: 'c' }] })).toEqual({
      links: [{ url: 'c' }],
    });
    expect(mergePluginConfig(undefined, undefined)).toBeUndefined();
  });
});

describe('validatePluginConfig', () => {
  it('fills in the defaults from the schema', () => {
    expect(validatePluginConfig(compiled(), { replicas: 2 })).toEqual({
      ok: true,
      config: { greeting: 'Hello', replicas: 2 },
    });
    expect(validatePluginConfig(compiled(), undefined)).toEqual({ ok: true, config: { greeting: 'Hello' } });
  });

  it('names each bad field, nested ones by path, and a misspelt setting', () => {
    const check = validatePluginConfig(compiled(), { greeting: 7, replicas: 0, links: [{}], greting: 'x' });
    expect(check.ok).toBe(false);
    expect(!check.ok && check.causes).toEqual([
      { field: 'greeting', message: 'Invalid input: expected string, received number' },
      { field: 'replicas', message: expect.stringContaining('>=1') },
      { field: 'links[0].url', message: 'Invalid input: expected string, received undefined' },
      { field: 'greting', message: 'unknown setting' },
    ]);
  });
});

describe('pluginConfigValuesSchema', () => {
  it('refuses prototype keys anywhere, values nested too deep and values too large', () => {
    const issues = (value: unknown) =>
      pluginConfigValuesSchema
        .safeParse(value)
        .error?.issues.map((i) => ({ path: i.path, message: i.message }));
    expect(issues(JSON.parse('{"a":{"b":[{"__proto__":{"x":1}}]}}'))).toEqual([
      { path: ['a', 'b[0]', '__proto__'], message: 'this key is not allowed in config' },
    ]);
    expect(issues({ constructor: { prototype: 1 } })).toEqual([
      { path: ['constructor'], message: 'this key is not allowed in config' },
    ]);
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = { a: deep };
    expect(issues(deep)).toEqual([{ path: [], message: 'nests deeper than 32 levels' }]);
    expect(issues({ big: 'x'.repeat(maxPluginConfigBytes) })).toEqual([
      { path: [], message: `is larger than ${maxPluginConfigBytes} bytes as JSON` },
    ]);
    expect(issues({ greeting: 'Hi', links: [{ url: 'https://x' }] })).toBeUndefined();
  });
});

describe('configuredManifest', () => {
  it('serves the validated values, or an error that names the field and keeps what is known', () => {
    const check = (values: Record<string, unknown>) => validatePluginConfig(compiled(), values);
    expect(configuredManifest(manifest, check({ greeting: 'Hi' }), 'default')).toEqual({
      ...manifest,
      config: { greeting: 'Hi' },
    });
    expect(configuredManifest(manifest, check({ greeting: 7 }), 'payments')).toEqual({
      status: 'error',
      name: 'hello',
      version: '1.0.0',
      sdk: '^0.1.0',
      remoteName: 'porthole_hello',
      entry: '/plugins/hello/remoteEntry.js',
      error:
        'its config in bundle "payments" is invalid: greeting: Invalid input: expected string, received number',
      configErrors: [{ field: 'greeting', message: 'Invalid input: expected string, received number' }],
    });
  });

  it('leaves a plugin without settings alone, and refuses settings for a plugin that declares none', () => {
    expect(configuredManifest(manifest, undefined, 'default')).toBe(manifest);
    expect(configuredManifest(manifest, settingsWithoutSchema, 'default')).toMatchObject({
      status: 'error',
      error:
        'its config in bundle "default" is invalid: config: the plugin declares no settings (no config schema)',
    });
  });

  it('accepts the JSON Schema zod itself writes', () => {
    const json = z.toJSONSchema(z.object({ n: z.number().default(3) }), { io: 'input' });
    const schema = compileConfigSchema(json as Record<string, unknown>);
    expect(typeof schema === 'string' ? schema : validatePluginConfig(schema, {})).toEqual({
      ok: true,
      config: { n: 3 },
    });
  });
});
