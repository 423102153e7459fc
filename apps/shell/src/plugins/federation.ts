import { createInstance, getInstance, type ModuleFederation } from '@module-federation/enhanced/runtime';
import * as shellSolid from 'solid-js';
import { provideFederationRuntime } from './provide-federation-runtime.ts';
import { type SharedSingletonState, type ShareScope, sharedSingletonReport } from './shared-singletons.ts';

/**
 * The SDK's entries that the shell provides to plugins but never imports itself. Module Federation
 * provides a shared module only when the build sees it imported, so they are imported here, lazily: each
 * loads when the first plugin asks for it (its `shared` is `import: false`).
 */
export const sdkEntriesForPlugins = {
  '@porthole/sdk/merge': () => import('@porthole/sdk/merge'),
  '@porthole/sdk/logs': () => import('@porthole/sdk/logs'),
  '@porthole/sdk/workloads': () => import('@porthole/sdk/workloads'),
  '@porthole/sdk/schema': () => import('@porthole/sdk/schema'),
};

/** One remote to load: the registry's `remoteName`, its entry URL and the entry's SRI value. */
export interface RemoteRef {
  remoteName: string;
  entry: string;
  integrity?: string | undefined;
}

/** Loads plugins' `./plugin` modules through Module Federation. */
export interface RemoteLoader {
  /** Registers the remote (again, if its entry or integrity changed) and loads its `./plugin`. Rejects on failure. */
  loadPlugin(remote: RemoteRef): Promise<unknown>;
  /** The name of the shell's container (`porthole_shell`). */
  hostName: string;
  /** The shared singletons as the share scope holds them now. */
  sharedReport(): SharedSingletonState[];
  /**
   * True when the `solid-js` the share scope hands out (what every plugin gets) is the very module the
   * shell itself runs on.
   */
  solidIsShells(): boolean;
}

/**
 * The Module Federation side of the plugin loader, imported on first use. It uses the instance the
 * shell's build created (`getInstance()`): that instance holds the shell's share scope, so plugins
 * (which bring no Solid and no SDK of their own) get the shell's copies. `createInstance` is the
 * fallback for a page without the build plugin. The federation modules plugins don't bundle are put
 * where they look for them first (`provideFederationRuntime`). Remotes are registered at run time, never at start-up.
 * Every entry `<script>` gets the integrity the registry advertised (the runtime's `createScript`
 * hook), so the browser refuses an entry whose bytes changed.
 *
 * @example
 * const loader = createRemoteLoader();
 * const module = await loader.loadPlugin({ remoteName: 'porthole_hello', entry: '/plugins/hello/remoteEntry.js', integrity: 'sha384-...' });
 */
export function createRemoteLoader(): RemoteLoader {
  const instance: ModuleFederation =
    getInstance() ?? createInstance({ name: 'porthole_shell', remotes: [], shared: {} });
  provideFederationRuntime();
  const integrityOf = new Map<string, string | undefined>();
  const registered = new Map<string, string>();
  instance.registerPlugins([
    {
      name: 'porthole-entry-integrity',
      createScript({ url, remoteInfo }) {
        if (!remoteInfo || !integrityOf.has(remoteInfo.name)) return undefined;
        const script = document.createElement('script');
        script.src = url;
        const integrity = integrityOf.get(remoteInfo.name);
        if (integrity) {
          script.integrity = integrity;
          script.crossOrigin = 'anonymous';
        }
        return { script, timeout: 20_000 };
      },
    },
  ]);
  return {
    hostName: instance.name,
    sharedReport: () =>
      sharedSingletonReport(
        instance.shareScopeMap.default as ShareScope | undefined,
        Object.keys(instance.options.shared),
      ),
    solidIsShells() {
      const factory = instance.loadShareSync<typeof shellSolid>('solid-js');
      return typeof factory === 'function' && factory() === shellSolid;
    },
    async loadPlugin({ remoteName, entry, integrity }) {
      const url = new URL(entry, document.baseURI).href;
      const key = `${url} ${integrity ?? ''}`;
      if (registered.get(remoteName) !== key) {
        instance.registerRemotes([{ name: remoteName, entry: url }], { force: registered.has(remoteName) });
        registered.set(remoteName, key);
      }
      integrityOf.set(remoteName, integrity);
      const module = await instance.loadRemote<unknown>(`${remoteName}/plugin`);
      if (module === null || module === undefined) throw new Error(`${remoteName}/plugin loaded as nothing`);
      return module;
    },
  };
}
