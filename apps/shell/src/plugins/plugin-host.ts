import type { PluginManifest } from '@porthole/protocol';
import type { ExtensionPoint } from '@porthole/sdk';
import {
  type Accessor,
  createEffect,
  createMemo,
  createSignal,
  getOwner,
  onCleanup,
  untrack,
} from 'solid-js';
import type { PluginCatalog } from './plugin-catalog.ts';
import type { PluginLoadResult } from './plugin-load-result.ts';
import type { PluginLoader } from './plugin-loader.ts';
import type { SharedSingletonState } from './shared-singletons.ts';

/**
 * The event a plugin's dev server sends when a hot update re-ran the plugin's code (the plugin kit's
 * HMR boundary dispatches it on the page's window): `detail: { name, plugin }`, `plugin` being the new
 * default export of its `./plugin` module. Honoured for dev overrides (`?dev=`) only.
 */
export const pluginUpdatedEvent = 'porthole:plugin-updated';

/** The `detail` of a {@link pluginUpdatedEvent}, when it has the expected shape. */
export function pluginUpdateOf(event: Event): { name: string; plugin: unknown } | undefined {
  const detail: unknown = (event as Event & { detail?: unknown }).detail;
  if (typeof detail !== 'object' || detail === null) return undefined;
  const { name, plugin } = detail as { name?: unknown; plugin?: unknown };
  return typeof name === 'string' ? { name, plugin } : undefined;
}

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
  /**
   * How many hot updates of the plugin were taken (0 before the first). Slots render the plugin keyed
   * on it, so an update re-mounts that plugin's pages and slots and nothing else.
   */
  revision(name: string): number;
  /** Records that a loaded plugin threw while mounting or rendering. */
  reportCrash(name: string, reason: string): void;
  /**
   * The data of every contribution to `point` from the bundle's plugins, loading the contributors (the
   * ones whose `contributes.pointExtensions` name it). Call inside a component: it follows the bundle.
   */
  extensions<Id extends string, Data>(point: ExtensionPoint<Id, Data>): Accessor<readonly Data[]>;
}

/** Options of {@link createPluginHost}. */
export interface PluginHostOptions {
  /**
   * Where dev servers' {@link pluginUpdatedEvent}s arrive (the page's window). An update is taken for a
   * plugin the backend serves from a dev server (`dev: true`, only under `porthole serve --dev`); others
   * are ignored. Without it, no hot updates.
   */
  events?: EventTarget;
}

/**
 * Joins the catalog (what the bundle lists) and the loader (Module Federation) into the state the
 * shell renders from, and takes hot updates of dev-override plugins.
 *
 * @example
 * const host = createPluginHost(catalog, loader, { events: window });
 * const result = await host.load('cronjobs');
 */
export function createPluginHost(
  catalog: PluginCatalog,
  loader: PluginLoader,
  options: PluginHostOptions = {},
): PluginHost {
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

  const [revisions, setRevisions] = createSignal(new Map<string, number>(), { equals: false });
  const revision = (name: string) => revisions().get(name) ?? 0;
  function onPluginUpdated(event: Event): void {
    const update = pluginUpdateOf(event);
    if (!update) return;
    const manifest = untrack(manifests).find((m) => m.name === update.name);
    if (manifest?.status !== 'ok' || manifest.dev !== true) return;
    void loader.hotUpdate(manifest, update.plugin).then((result) => {
      setState(update.name, result);
      setRevisions((map) => map.set(update.name, (map.get(update.name) ?? 0) + 1));
    });
  }
  const { events } = options;
  if (events) {
    events.addEventListener(pluginUpdatedEvent, onPluginUpdated);
    if (getOwner()) onCleanup(() => events.removeEventListener(pluginUpdatedEvent, onPluginUpdated));
  }

  function state(name: string): PluginState {
    return states().get(name) ?? { status: 'listed' };
  }

  function extensions<Id extends string, Data>(point: ExtensionPoint<Id, Data>): Accessor<readonly Data[]> {
    const [data, setData] = createSignal<readonly Data[]>([]);
    createEffect(() => {
      revisions(); // a hot update may change a contributor's data
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
    revision,
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
