import type { ClustersStore } from '@porthole/sdk';
import { For, Show } from 'solid-js';
import { ClustersView } from '../clusters/ClustersView.tsx';
import { PluginErrorCard } from '../extensions/PluginErrorCard.tsx';
import type { PluginHost } from '../plugins/plugin-host.ts';

/** Props of {@link ClusterHome}. */
export interface ClusterHomeProps {
  cluster: string;
  clusters: ClustersStore;
  plugins: PluginHost;
}

/**
 * A cluster's start page: every kubeconfig context (the current one marked), and an error card for
 * each plugin of the bundle the registry could not offer (its server is down, its build is broken):
 * such a plugin has no page or slot of its own to show it in, since what it contributes is unknown.
 *
 * @example
 * <ClusterHome cluster="admin@prod" clusters={clusters} plugins={host} />
 */
export function ClusterHome(props: ClusterHomeProps) {
  const unavailable = () => props.plugins.manifests().filter((m) => m.status === 'error');
  return (
    <div class="page-stack">
      <Show when={unavailable().length > 0}>
        <section class="plugin-problems" aria-label="Plugins that could not be offered">
          <For each={unavailable()}>
            {(plugin) => (
              <PluginErrorCard
                plugin={plugin.name}
                what={
                  plugin.status === 'error' && plugin.configErrors
                    ? 'its settings are invalid'
                    : 'not offered by the registry'
                }
                reason={plugin.status === 'error' ? plugin.error : ''}
                causes={plugin.status === 'error' ? plugin.configErrors : undefined}
                onRetry={() => void props.plugins.catalog.refresh()}
              />
            )}
          </For>
        </section>
      </Show>
      <ClustersView clusters={props.clusters} current={props.cluster} />
    </div>
  );
}
