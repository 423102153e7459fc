import { ErrorState } from '@porthole/ui';

/** Props of {@link PluginErrorCard}. */
export interface PluginErrorCardProps {
  plugin: string;
  /** What failed, e.g. `the page "CronJobs"` or `the "Logs" tab`. */
  what?: string;
  reason: string;
  onRetry?: () => void;
}

/**
 * What a plugin's slot shows instead of the plugin when it failed to load or threw: the kit's error
 * state naming the plugin, why, and a Retry. Only that slot shows it; the rest of the page goes on.
 *
 * @example
 * <PluginErrorCard plugin="billing" reason="cannot fetch /plugins/billing/remoteEntry.js" onRetry={retry} />
 */
export function PluginErrorCard(props: PluginErrorCardProps) {
  return (
    <div class="plugin-error" data-testid="plugin-error" data-plugin={props.plugin}>
      <ErrorState
        title={`Plugin ${props.plugin} failed${props.what ? ` (${props.what})` : ''}`}
        error={props.reason}
        onRetry={props.onRetry}
      />
    </div>
  );
}
