import type { PluginManifest } from '@porthole/protocol';
import type { ExtensionPoint } from '@porthole/sdk';
import { type Accessor, createEffect, createMemo, createSignal, onCleanup, untrack } from 'solid-js';
import type { PluginCatalog } from './plugin-catalog.ts';
import type { PluginLoadResult } from './plugin-load-result.ts';
import type { PluginLoader } from './plugin-loader.ts';
import type { SharedSingletonState } from './shared-singletons.ts';

/** Where a plugin is, as the Plugins page shows it. */
export type PluginState =
  /** Listed, its code not needed yet (nothing of it is loaded before a route or slot needs it). */
  | { status: 'listed' }
  | { status: 'loading' }
  | PluginLoadResult
  /** Loaded, but it threw while mounting or rendering; the card in its slot says so too. */
  | { status: 'crashed'; name: string; version: string; reason: string };

/** The shell's plugins: the bundle's list, loading on demand, and what happened to each. */
export interface PluginHost {
  catalog: PluginCatalog;
  /** The plugins of the bundle, in the registry's order. */
  manifests: Accessor<readonly PluginManifest[]>;
  /** Loads a plugin of the bundle (once; a failure is retried on the next call). Never rejects. */
  load(name: string): Promise<PluginLoadResult>;
  state(name: string): PluginState;
  /** The shared singletons (Solid, the SDK) and who uses them, once a plugin was loaded. */
  shared: Accessor<SharedSingletonState[] | undefined>;
  /** Reads the share scope again (plugins' lazy chunks start using shared modules after their load). */
  refreshShared(): void;
  /** Records that a loaded plugin threw while mounting or rendering. */
  reportCrash(name: string, reason: string): void;
  /**
   * The data of every contribution to `point` from the bundle's plugins, loading the contributors (the
   * ones whose `contributes.pointExtensions` name it). Call inside a component: it follows the bundle.
   */
  extensions<Id extends string, Data>(point: ExtensionPoint<Id, Data>): Accessor<readonly Data[]>;
}

/**
 * Joins the catalog (what the bundle lists) and the loader (Module Federation) into the state the
 * shell renders from.
 *
 * @example
 * const host = createPluginHost(catalog, loader);
 * const result = await host.load('cronjobs');
 */
export function createPluginHost(catalog: PluginCatalog, loader: PluginLoader): PluginHost {
  const manifests = createMemo(() => catalog.manifest()?.plugins ?? []);
  // A plain map in a signal: a store would proxy (and merge into) the plugins' definitions.
  const [states, setStatesMap] = createSignal(new Map<string, PluginState>(), { equals: false });
  const setState = (name: string, value: PluginState) =>
    setStatesMap((map) => {
      map.set(name, value);
      return map;
    });

  // Untracked: callers may be inside effects, which must not re-run on the states this sets.
  function load(name: string): Promise<PluginLoadResult> {
    return untrack(() => loadUntracked(name));
  }

  async function loadUntracked(name: string): Promise<PluginLoadResult> {
    const manifest = manifests().find((m) => m.name === name);
    if (!manifest) {
      const bundle = catalog.manifest()?.bundle ?? 'this';
      return {
        status: 'failed',
        name,
        kind: 'not-in-bundle',
        reason: `plugin "${name}" is not in the ${bundle} bundle`,
      };
    }
    if (states().get(name)?.status !== 'loaded') setState(name, { status: 'loading' });
    const result = await loader.load(manifest);
    setState(name, result);
    setShared(loader.sharedReport());
    return result;
  }

  const [shared, setShared] = createSignal<SharedSingletonState[]>();

  function state(name: string): PluginState {
    return states().get(name) ?? { status: 'listed' };
  }

  function extensions<Id extends string, Data>(point: ExtensionPoint<Id, Data>): Accessor<readonly Data[]> {
    const [data, setData] = createSignal<readonly Data[]>([]);
    createEffect(() => {
      const contributors = manifests().filter(
        (m) => m.status === 'ok' && m.contributes.pointExtensions.includes(point.id),
      );
      let current = true;
      onCleanup(() => {
        current = false;
      });
      void Promise.all(contributors.map((m) => load(m.name))).then((results) => {
        if (!current) return;
        setData(
          results.flatMap((r) =>
            r.status === 'loaded'
              ? r.plugin.extensions.filter((e) => point.matches(e)).map((e) => e.data)
              : [],
          ),
        );
      });
    });
    return data;
  }

  return {
    catalog,
    manifests,
    load,
    state,
    shared,
    refreshShared: () => setShared(loader.sharedReport()),
    reportCrash(name, reason) {
      const current = states().get(name);
      setState(name, {
        status: 'crashed',
        name,
        version: current && 'version' in current && current.version ? current.version : '',
        reason,
      });
    },
    extensions,
  };
}
