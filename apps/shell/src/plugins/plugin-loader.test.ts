import { createHash } from 'node:crypto';
import type { PluginManifest } from '@porthole/protocol';
import { definePlugin } from '@porthole/sdk';
import { describe, expect, it, vi } from 'vitest';
import type { RemoteLoader, RemoteRef } from './federation.ts';
import { createPluginLoader, onceUntilFailure } from './plugin-loader.ts';
import { sdkMismatch } from './sdk-range.ts';
import { sharedSingletonReport } from './shared-singletons.ts';

const entryBytes = 'var porthole_hello = {};\n';
const integrity = `sha384-${createHash('sha384').update(entryBytes).digest('base64')}`;

const manifest: Extract<PluginManifest, { status: 'ok' }> = {
  status: 'ok',
  name: 'hello',
  version: '1.0.0',
  sdk: '^1.0.0',
  remoteName: 'porthole_hello',
  entry: '/plugins/hello/remoteEntry.js',
  integrity,
  contributes: {
    routes: [],
    resourceActions: [],
    resourceListActions: [],
    resourceTabs: [],
    extensionPoints: [],
    pointExtensions: [],
  },
};

const hello = definePlugin({ name: 'hello', version: '1.0.0', sdk: '^1.0.0', extensions: [] });

function remotesThat(
  loadPlugin: (ref: RemoteRef) => Promise<unknown>,
  options: { solidIsShells?: boolean } = {},
) {
  const remote: RemoteLoader = {
    hostName: 'porthole_shell',
    loadPlugin: vi.fn(loadPlugin),
    sharedReport: () =>
      sharedSingletonReport(
        {
          'solid-js': { '1.9.19': { from: 'porthole_shell', loaded: true, useIn: ['porthole_shell'] } },
        },
        ['solid-js'],
      ),
    solidIsShells: () => options.solidIsShells ?? true,
  };
  return remote;
}

function loaderWith(remote: RemoteLoader, fetchFn: typeof fetch = async () => new Response(entryBytes)) {
  return createPluginLoader({
    sdkVersion: '1.0.0',
    fetch: fetchFn,
    remotes: async () => remote,
    sdkMismatch: async () => sdkMismatch,
  });
}

describe('createPluginLoader', () => {
  it('loads a plugin and keeps the result: a second load does not fetch again', async () => {
    const remote = remotesThat(async () => ({ default: hello }));
    const loader = loaderWith(remote);
    expect(await loader.load(manifest)).toMatchObject({ status: 'loaded', name: 'hello', version: '1.0.0' });
    await loader.load(manifest);
    expect(remote.loadPlugin).toHaveBeenCalledTimes(1);
    expect(remote.loadPlugin).toHaveBeenCalledWith(manifest);
  });

  it("hands over the bundle's config with the loaded plugin, and calls a config error invalid-config", async () => {
    const loader = loaderWith(remotesThat(async () => ({ default: hello })));
    expect(await loader.load({ ...manifest, config: { greeting: 'Hi' } })).toMatchObject({
      status: 'loaded',
      config: { greeting: 'Hi' },
    });
    // New settings in the registry: the next load has them.
    expect(await loader.load({ ...manifest, config: { greeting: 'Bonjour' } })).toMatchObject({
      config: { greeting: 'Bonjour' },
    });
    const error =
      'its config in bundle "default" is invalid: greeting: Invalid input: expected string, received number';
    expect(
      await loader.load({
        status: 'error',
        name: 'hello',
        error,
        configErrors: [{ field: 'greeting', message: 'Invalid input: expected string, received number' }],
      }),
    ).toEqual({ status: 'failed', name: 'hello', kind: 'invalid-config', reason: error });
  });

  it("passes on the registry's reason for a plugin it can't offer", async () => {
    const loader = loaderWith(remotesThat(async () => ({ default: hello })));
    const result = await loader.load({
      status: 'error',
      name: 'down',
      error: 'plugin server is unreachable',
    });
    expect(result).toEqual({
      status: 'failed',
      name: 'down',
      kind: 'unavailable',
      reason: 'plugin server is unreachable',
    });
  });

  it('refuses an incompatible SDK range before loading any code', async () => {
    const remote = remotesThat(async () => ({ default: hello }));
    const result = await loaderWith(remote).load({ ...manifest, sdk: '^2.0.0' });
    expect(result).toMatchObject({
      status: 'failed',
      kind: 'incompatible-sdk',
      reason: 'needs @porthole/sdk ^2.0.0; this shell provides 1.0.0',
    });
    expect(remote.loadPlugin).not.toHaveBeenCalled();
  });

  it('says the entry does not match its integrity when the fetched bytes hash differently', async () => {
    const remote = remotesThat(async () => {
      throw new Error('ScriptNetworkError');
    });
    const result = await loaderWith(remote, async () => new Response('tampered();')).load(manifest);
    expect(result).toMatchObject({ status: 'failed', kind: 'integrity' });
    expect(result.status === 'failed' && result.reason).toContain(`expected ${integrity}, got sha384-`);
  });

  it("says the entry can't be fetched, with the server's Status message", async () => {
    const remote = remotesThat(async () => {
      throw new Error('ScriptNetworkError');
    });
    const down = async () =>
      new Response(JSON.stringify({ kind: 'Status', message: 'plugin server is unreachable' }), {
        status: 502,
      });
    const result = await loaderWith(remote, down).load(manifest);
    expect(result).toMatchObject({
      status: 'failed',
      kind: 'unreachable',
      reason: '/plugins/hello/remoteEntry.js answered 502: plugin server is unreachable',
    });
  });

  it('forgets a failure, so the next load tries again', async () => {
    let attempt = 0;
    const remote = remotesThat(async () => {
      attempt += 1;
      if (attempt === 1) throw new Error('ScriptNetworkError');
      return { default: hello };
    });
    const loader = loaderWith(remote, async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await loader.load(manifest)).toMatchObject({ status: 'failed', kind: 'unreachable' });
    expect(await loader.load(manifest)).toMatchObject({ status: 'loaded' });
  });

  it('refuses an export that is not a plugin definition, or one with another name', async () => {
    const notAPlugin = await loaderWith(remotesThat(async () => ({ default: { hello: 1 } }))).load(manifest);
    expect(notAPlugin).toMatchObject({ status: 'failed', kind: 'invalid-definition' });
    expect(notAPlugin.status === 'failed' && notAPlugin.reason).toContain('not a definePlugin() result');
    const other = definePlugin({ name: 'other', version: '1.0.0', sdk: '^1.0.0', extensions: [] });
    const renamed = await loaderWith(remotesThat(async () => ({ default: other }))).load(manifest);
    expect(renamed).toMatchObject({ status: 'failed', kind: 'invalid-definition' });
  });

  it('refuses a plugin that does not run on the shell’s Solid', async () => {
    const remote = remotesThat(async () => ({ default: hello }), { solidIsShells: false });
    expect(await loaderWith(remote).load(manifest)).toMatchObject({
      status: 'failed',
      kind: 'shared-mismatch',
    });
  });

  it("takes a dev server's hot update of a dev override: later loads return the new definition", async () => {
    const { integrity: _pinned, ...registered } = manifest;
    const devManifest = { ...registered, entry: 'http://127.0.0.1:3001/remoteEntry.js', dev: true as const };
    const remote = remotesThat(async () => ({ default: hello }));
    const loader = loaderWith(remote);
    expect(await loader.load(devManifest)).toMatchObject({ status: 'loaded', version: '1.0.0' });
    const edited = definePlugin({ name: 'hello', version: '1.0.1', sdk: '^1.0.0', extensions: [] });
    const updated = await loader.hotUpdate(devManifest, edited);
    expect(updated).toEqual({ status: 'loaded', name: 'hello', version: '1.0.1', plugin: edited });
    expect(await loader.load(devManifest)).toBe(updated);
    expect(remote.loadPlugin).toHaveBeenCalledTimes(1);

    // A broken definition is refused and not kept: the next load asks the remote again.
    expect(await loader.hotUpdate(devManifest, { nope: true })).toMatchObject({
      status: 'failed',
      kind: 'invalid-definition',
    });
    await loader.load(devManifest);
    expect(remote.loadPlugin).toHaveBeenCalledTimes(2);
  });

  it('refuses a hot update for a plugin the registry serves (not a dev override)', async () => {
    const remote = remotesThat(async () => ({ default: hello }));
    const loader = loaderWith(remote);
    const loaded = await loader.load(manifest);
    const edited = definePlugin({ name: 'hello', version: '6.6.6', sdk: '^1.0.0', extensions: [] });
    expect(await loader.hotUpdate(manifest, edited)).toMatchObject({ status: 'failed', kind: 'unavailable' });
    expect(await loader.load(manifest)).toBe(loaded);
  });
});

describe('onceUntilFailure', () => {
  it('shares one attempt and retries after a rejection', async () => {
    let calls = 0;
    const load = onceUntilFailure(async () => {
      calls += 1;
      if (calls === 1) throw new Error('chunk failed');
      return calls;
    });
    await expect(Promise.all([load(), load()])).rejects.toThrow('chunk failed');
    expect(calls).toBe(1);
    expect(await load()).toBe(2);
    expect(await load()).toBe(2);
  });
});
