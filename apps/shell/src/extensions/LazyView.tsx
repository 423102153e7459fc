import type { Lazy } from '@porthole/sdk';
import { type Component, createResource, Match, Switch } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { reasonOf } from '../plugins/plugin-load-result.ts';
import { PluginErrorCard } from './PluginErrorCard.tsx';

/** Props of {@link LazyView}. */
export interface LazyViewProps<P extends object> {
  plugin: string;
  what?: string;
  /** The extension's lazy code reference (`() => import('./pages/Page.tsx')`). */
  load: Lazy<Component<P>>;
  props: P;
}

/**
 * Loads a plugin's lazy component and renders it; a failed import shows the error card, and Retry
 * imports again (a failed chunk is not remembered by the bundler's runtime).
 *
 * @example
 * <LazyView plugin="cronjobs" load={route.component} props={{ cluster: 'prod', params: {} }} />
 */
export function LazyView<P extends object>(props: LazyViewProps<P>) {
  const [module, { refetch }] = createResource(
    () => props.load,
    (load) => load(),
  );
  const component = () => (module.state === 'ready' ? module()?.default : undefined);
  return (
    <Switch fallback={<p class="plugin-loading">Loading…</p>}>
      <Match when={module.error as unknown}>
        {(err) => (
          <PluginErrorCard
            plugin={props.plugin}
            what={props.what}
            reason={`could not load its code: ${reasonOf(err())}`}
            onRetry={refetch}
          />
        )}
      </Match>
      <Match when={component()}>{(c) => <Dynamic component={c()} {...props.props} />}</Match>
    </Switch>
  );
}
