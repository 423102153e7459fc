import type { PluginManifest } from '@porthole/protocol';
import { Badge, Button, EmptyState, LoadingState, StatusPill, type Tone } from '@porthole/ui';
import { For, onCleanup, onMount, Show } from 'solid-js';
import type { PluginHost, PluginState } from '../plugins/plugin-host.ts';

/** A plugin's status as a tone: loaded is fine, loading and not loaded yet are neutral, the rest failed. */
function toneOf(status: string): Tone {
  if (status === 'loaded') return 'ok';
  return status === 'loading' || status === 'not loaded' ? 'neutral' : 'error';
}

/** What the Plugins page says of one plugin: a short status and, when it is not running, why. */
export function describePlugin(
  manifest: PluginManifest,
  state: PluginState,
): { status: string; reason?: string; version?: string } {
  const version = manifest.version;
  if (manifest.status === 'error') {
    const status = manifest.configErrors ? 'invalid-config' : 'unavailable';
    return { status, reason: manifest.error, version };
  }
  switch (state.status) {
    case 'listed':
      return { status: 'not loaded', reason: 'loads when one of its pages or slots is shown', version };
    case 'loading':
      return { status: 'loading', version };
    case 'loaded':
      return { status: 'loaded', version: state.version };
    case 'crashed':
      return { status: 'crashed', reason: state.reason, version };
    case 'failed':
      return { status: state.kind, reason: state.reason, version };
  }
}

/**
 * Every plugin of the bundle: version, status (not loaded / loading / loaded / why it failed), the
 * reason, and a Retry or Load button. A registry file problem is shown above the list.
 *
 * @example
 * <PluginsPage plugins={host} />
 */
export function PluginsPage(props: { plugins: PluginHost }) {
  const manifest = () => props.plugins.catalog.manifest();
  onMount(() => {
    props.plugins.refreshShared();
    const timer = setInterval(() => props.plugins.refreshShared(), 2_000);
    onCleanup(() => clearInterval(timer));
  });
  return (
    <section class="panel" data-testid="plugins-page">
      <div class="panel-header">
        <h1>Plugins</h1>
        <Show when={manifest()}>
          {(m) => (
            <span class="panel-count">
              bundle <span data-testid="plugins-bundle">{m().bundle}</span>: {m().plugins.length} plugins
            </span>
          )}
        </Show>
      </div>
      <Show when={props.plugins.catalog.error()}>
        {(status) => (
          <p class="banner banner-error" role="alert">
            Could not refresh the plugin list: {status().message}
          </p>
        )}
      </Show>
      <Show when={manifest()?.registryError}>
        {(status) => (
          <p class="banner banner-error" role="alert">
            The registry file has a problem (showing its last good version): {status().message}
          </p>
        )}
      </Show>
      <Show
        when={(manifest()?.plugins.length ?? 0) > 0}
        fallback={
          <Show when={manifest()} fallback={<LoadingState what="the plugin list" />}>
            <EmptyState title="This bundle has no plugins" />
          </Show>
        }
      >
        <table class="clusters">
          <thead>
            <tr>
              <th scope="col">Plugin</th>
              <th scope="col">Version</th>
              <th scope="col">Status</th>
              <th scope="col">Reason</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            <For each={props.plugins.manifests()}>
              {(plugin) => {
                const info = () => describePlugin(plugin, props.plugins.state(plugin.name));
                const failed = () => !['loaded', 'loading', 'not loaded'].includes(info().status);
                return (
                  <tr
                    data-testid="plugin-row"
                    data-plugin={plugin.name}
                    classList={{ 'has-error': failed() }}
                  >
                    <th scope="row">
                      <span class="mono">{plugin.name}</span>
                      <Show when={plugin.dev}>
                        <Badge tone="warning">dev</Badge>
                      </Show>
                    </th>
                    <td class="mono" data-testid="plugin-version">
                      {info().version ?? '—'}
                    </td>
                    <td>
                      <span data-testid="plugin-status" data-status={info().status}>
                        <StatusPill tone={toneOf(info().status)}>{info().status}</StatusPill>
                      </span>
                    </td>
                    <td class="mono plugin-reason" data-testid="plugin-reason">
                      {info().reason ?? ''}
                    </td>
                    <td>
                      <Show
                        when={
                          plugin.status === 'ok' && info().status !== 'loaded' && info().status !== 'loading'
                        }
                      >
                        <Button size="small" onClick={() => void props.plugins.load(plugin.name)}>
                          {failed() ? 'Retry' : 'Load'}
                        </Button>
                      </Show>
                    </td>
                  </tr>
                );
              }}
            </For>
          </tbody>
        </table>
      </Show>
      <Show when={props.plugins.shared()}>
        {(shared) => (
          <div class="shared-singletons" data-testid="shared-singletons">
            <h2 class="subheading">Shared with plugins (one copy per page)</h2>
            <ul>
              <For each={shared()}>
                {(module) => (
                  <li
                    data-testid="shared-singleton"
                    data-name={module.name}
                    data-copies={module.registrations.length}
                  >
                    <span class="mono">{module.name}</span>{' '}
                    <For each={module.registrations}>
                      {(r) => (
                        <span class="muted">
                          {r.version} from {r.from}, used by{' '}
                          <span data-testid="shared-users">{r.useIn.join(', ')}</span>
                        </span>
                      )}
                    </For>
                  </li>
                )}
              </For>
            </ul>
          </div>
        )}
      </Show>
    </section>
  );
}
