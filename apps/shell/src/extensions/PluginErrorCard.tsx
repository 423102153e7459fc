import { ErrorState } from '@porthole/ui';
import { For, Show } from 'solid-js';

/** Props of {@link PluginErrorCard}. */
export interface PluginErrorCardProps {
  plugin: string;
  /** What failed, e.g. `the page "CronJobs"` or `the "Logs" tab`. */
  what?: string;
  reason: string;
  /** Each problem by field, e.g. the settings of its bundle that don't fit its schema. */
  causes?: readonly { field: string; message: string }[] | undefined;
  onRetry?: () => void;
}

/**
 * What a plugin's slot shows instead of the plugin when it failed to load or threw: the kit's error
 * state naming the plugin, why, and a Retry. Only that slot shows it; the rest of the page goes on.
 *
 * @example
 * <PluginErrorCard plugin="billing" reason="cannot fetch /plugins/billing/remoteEntry.js" onRetry={retry} />
 * <PluginErrorCard plugin="billing" reason="its config ... is invalid" causes={[{ field: 'team', message: 'required' }]} />
 */
export function PluginErrorCard(props: PluginErrorCardProps) {
  return (
    <div class="plugin-error" data-testid="plugin-error" data-plugin={props.plugin}>
      <ErrorState
        title={`Plugin ${props.plugin} failed${props.what ? ` (${props.what})` : ''}`}
        error={props.reason}
        onRetry={props.onRetry}
      />
      <Show when={props.causes?.length}>
        <ul class="plugin-error-causes" aria-label={`What to fix for ${props.plugin}`}>
          <For each={props.causes}>
            {(cause) => (
              <li>
                <code>{cause.field || '(the whole config)'}</code>: {cause.message}
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  );
}
