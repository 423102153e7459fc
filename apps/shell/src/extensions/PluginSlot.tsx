import type { PluginConfig } from '@porthole/protocol';
import { type PluginDefinition, PortholeContext, usePorthole } from '@porthole/sdk';
import { createResource, type JSX, Match, onCleanup, Switch } from 'solid-js';
import type { PluginLoadResult } from '../plugins/plugin-load-result.ts';
import { createScopedMux } from '../services/scoped-mux.ts';
import { useShell } from '../shell-context.ts';
import { PluginBoundary } from './PluginBoundary.tsx';
import { PluginErrorCard } from './PluginErrorCard.tsx';

/** Props of {@link PluginSlot}. */
export interface PluginSlotProps {
  plugin: string;
  /** What the slot holds, for the error card (`the "Logs" tab`). */
  what?: string;
  /** What to render with the loaded plugin; it runs inside a {@link PluginBoundary}. */
  children: (plugin: PluginDefinition) => JSX.Element;
}

/**
 * Loads a plugin when the slot first renders (its code is fetched now, not at start-up), then renders
 * `children` with its definition inside an error boundary. A failed load shows the error card with the
 * reason; Retry loads again (the failure was not cached). A hot update of the plugin (dev overrides
 * only, see `PluginHost.revision`) re-mounts the content with the new definition.
 *
 * @example
 * <PluginSlot plugin="cronjobs" what="the CronJobs page">{(plugin) => <RouteView plugin={plugin} />}</PluginSlot>
 */
export function PluginSlot(props: PluginSlotProps) {
  const { plugins } = useShell();
  // Keyed on the plugin's hot-update revision too: a dev server's update loads the new definition.
  const [result, { refetch }] = createResource(
    () => ({ name: props.plugin, revision: plugins.revision(props.plugin) }),
    ({ name }): Promise<PluginLoadResult> => plugins.load(name),
  );
  const loaded = () => {
    const r = result.state === 'ready' ? result() : undefined;
    return r?.status === 'loaded' ? r : undefined;
  };
  const failed = () => {
    const r = result.state === 'ready' ? result() : undefined;
    return r?.status === 'failed' ? r : undefined;
  };
  return (
    <Switch
      fallback={
        <p class="plugin-loading" role="status" data-testid="plugin-loading">
          Loading {props.plugin}…
        </p>
      }
    >
      <Match when={failed()}>
        {(f) => (
          <PluginErrorCard plugin={props.plugin} what={props.what} reason={f().reason} onRetry={refetch} />
        )}
      </Match>
      {/* Keyed: a new result (a hot update) re-mounts the plugin's content with the new definition. */}
      <Match when={loaded()} keyed>
        {(r) => (
          <ScopedPorthole config={r.config}>
            <PluginBoundary plugin={props.plugin} what={props.what}>
              {props.children(r.plugin)}
            </PluginBoundary>
          </ScopedPorthole>
        )}
      </Match>
    </Switch>
  );
}

/**
 * Gives the plugin content its settings (`pluginConfig`) and a view of the tab's multiplexer client of its own: what the plugin opens
 * ends when the slot unmounts (even subscriptions opened outside a Solid owner), and its `mux.close()`
 * ends only its own subscriptions, never the tab's socket.
 */
function ScopedPorthole(props: { config: PluginConfig | undefined; children: JSX.Element }) {
  const porthole = usePorthole();
  const scope = createScopedMux(porthole.mux);
  onCleanup(scope.closeAll);
  // The plugin's own settings (its bundle's values) for usePluginConfig; a plugin without any sees none.
  return (
    <PortholeContext.Provider value={{ ...porthole, mux: scope.client, pluginConfig: props.config }}>
      {props.children}
    </PortholeContext.Provider>
  );
}
