import { Show } from 'solid-js';

/** Props of {@link PluginErrorCard}. */
export interface PluginErrorCardProps {
  plugin: string;
  /** What failed, e.g. `the page "CronJobs"` or `the "Logs" tab`. */
  what?: string;
  reason: string;
  onRetry?: () => void;
}

/**
 * What a plugin's slot shows instead of the plugin when it failed to load or threw: which plugin, why,
 * and a Retry. Only that slot shows it; the rest of the page goes on.
 *
 * @example
 * <PluginErrorCard plugin="billing" reason="cannot fetch /plugins/billing/remoteEntry.js" onRetry={retry} />
 */
export function PluginErrorCard(props: PluginErrorCardProps) {
  return (
    <section class="plugin-error" role="alert" data-testid="plugin-error" data-plugin={props.plugin}>
      <h2 class="plugin-error-title">
        Plugin <span class="mono">{props.plugin}</span> failed
        <Show when={props.what}>{(what) => <> ({what()})</>}</Show>
      </h2>
      <p class="plugin-error-reason" data-testid="plugin-error-reason">
        {props.reason}
      </p>
      <Show when={props.onRetry}>
        {(retry) => (
          <button type="button" class="button button-small" onClick={() => retry()()}>
            Retry
          </button>
        )}
      </Show>
    </section>
  );
}
