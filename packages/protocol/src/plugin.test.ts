import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type BundleManifest,
  bundleManifestSchema,
  jsonDepth,
  maxPluginConfigBytes,
  type PluginMetadataInput,
  pluginConfigSchemaSchema,
  pluginManifestSchema,
  pluginMetadataSchema,
  pluginNameSchema,
  StatusError,
  sriSchema,
} from './index.ts';

const integrity = `sha384-${createHash('sha384').update('x').digest('base64')}`;

const metadata: PluginMetadataInput = {
  schemaVersion: 1,
  name: 'cronjobs',
  version: '1.4.0',
  sdk: '^1.0.0',
  remoteName: 'porthole_cronjobs',
  entry: 'remoteEntry.js',
};

describe('pluginMetadataSchema', () => {
  it('accepts what the plugin kit writes', () => {
    const noContributions = {
      routes: [],
      resourceActions: [],
      resourceListActions: [],
      resourceTabs: [],
      extensionPoints: [],
      pointExtensions: [],
    };
    expect(pluginMetadataSchema.parse(metadata)).toEqual({ ...metadata, contributes: noContributions });
    const contributes = {
      ...noContributions,
      routes: [{ path: 'cronjobs', title: 'CronJobs', nav: { section: 'Workloads' } }],
    };
    expect(pluginMetadataSchema.parse({ ...metadata, contributes }).contributes).toEqual(contributes);
  });

  it('refuses an entry outside the build output, naming the field', () => {
    for (const entry of ['../x.js', '/remoteEntry.js', 'https://evil.example/x.js', 'a/./b.js', 'a\\b.js']) {
      const result = pluginMetadataSchema.safeParse({ ...metadata, entry });
      expect(result.success, entry).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(['entry']);
    }
  });

  it('refuses a remote name that is not a JavaScript identifier and an unknown schema version', () => {
    expect(pluginMetadataSchema.safeParse({ ...metadata, remoteName: 'porthole-cronjobs' }).success).toBe(
      false,
    );
    expect(pluginMetadataSchema.safeParse({ ...metadata, schemaVersion: 2 }).success).toBe(false);
  });
});

describe('pluginNameSchema', () => {
  it('takes lowercase DNS labels only', () => {
    expect(pluginNameSchema.safeParse('team-billing').success).toBe(true);
    for (const bad of ['Billing', '-x', 'x-', 'a/b', '..', '', 'a'.repeat(64)]) {
      expect(pluginNameSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});

describe('sriSchema', () => {
  it('takes a sha384 integrity value and nothing weaker', () => {
    expect(sriSchema.parse(integrity)).toBe(integrity);
    const sha256 = `sha256-${createHash('sha256').update('x').digest('base64')}`;
    expect(sriSchema.safeParse(sha256).success).toBe(false);
  });
});

describe('pluginManifestSchema', () => {
  const ok = {
    status: 'ok',
    name: 'cronjobs',
    version: '1.4.0',
    sdk: '^1.0.0',
    remoteName: 'porthole_cronjobs',
    entry: '/plugins/cronjobs/remoteEntry.js',
    integrity,
  } as const;

  it('accepts a loadable plugin and a failed one', () => {
    const contributes = {
      routes: [],
      resourceActions: [],
      resourceListActions: [],
      resourceTabs: [],
      extensionPoints: [],
      pointExtensions: [],
    };
    expect(pluginManifestSchema.parse(ok)).toEqual({ ...ok, contributes });
    const failed = { status: 'error', name: 'billing', error: 'plugin server unreachable' };
    expect(pluginManifestSchema.parse(failed)).toEqual(failed);
  });

  it('requires integrity on a loadable plugin unless it comes from a dev server', () => {
    const { integrity: _, ...withoutIntegrity } = ok;
    const result = pluginManifestSchema.safeParse(withoutIntegrity);
    expect(result.error?.issues[0]?.path).toEqual(['integrity']);
    expect(pluginManifestSchema.safeParse({ ...withoutIntegrity, dev: true }).success).toBe(true);
  });

  it('requires the reason on a failed plugin', () => {
    expect(pluginManifestSchema.safeParse({ status: 'error', name: 'billing' }).success).toBe(false);
  });
});

describe('bundleManifestSchema', () => {
  it('accepts a bundle with a registry error carried as a Status', () => {
    const manifest: BundleManifest = {
      bundle: 'default',
      bundles: ['default', 'payments'],
      plugins: [],
      registryError: StatusError.badRequest('plugins.x.path: required').status,
    };
    expect(bundleManifestSchema.parse(manifest)).toEqual(manifest);
  });
});

describe('pluginConfigSchemaSchema', () => {
  it('takes a JSON Schema object, and refuses one nested too deep or too large', () => {
    expect(pluginConfigSchemaSchema.safeParse({ type: 'object', properties: {} }).success).toBe(true);
    let deep: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 40; i++) deep = { type: 'object', properties: { a: deep } };
    expect(pluginConfigSchemaSchema.safeParse(deep).error?.issues[0]?.message).toBe(
      'must not nest deeper than 32 levels',
    );
    const big = { type: 'object', description: 'x'.repeat(maxPluginConfigBytes) };
    expect(pluginConfigSchemaSchema.safeParse(big).error?.issues[0]?.message).toBe(
      `must be at most ${maxPluginConfigBytes} bytes of JSON`,
    );
    expect(pluginConfigSchemaSchema.safeParse([1]).success).toBe(false);
  });
});

describe('jsonDepth', () => {
  it('counts nested objects and arrays, and stops counting past the limit', () => {
    expect(jsonDepth('x')).toBe(0);
    expect(jsonDepth({ a: [{ b: 1 }] })).toBe(3);
    let deep: unknown = 1;
    for (let i = 0; i < 1_000_000; i++) deep = [deep];
    expect(jsonDepth(deep, 5)).toBe(7);
  });
});
