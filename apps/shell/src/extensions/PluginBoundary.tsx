import { ErrorBoundary, type JSX } from 'solid-js';
import { reasonOf } from '../plugins/plugin-load-result.ts';
import { useShell } from '../shell-context.ts';
import { PluginErrorCard } from './PluginErrorCard.tsx';

/** Props of {@link PluginBoundary}. */
export interface PluginBoundaryProps {
  plugin: string;
  what?: string;
  children: JSX.Element;
}

/**
 * Catches what a plugin's components throw while rendering (and in their effects) and shows the error
 * card in their place; Retry renders them again. The throw is recorded for the Plugins page.
 *
 * @example
 * <PluginBoundary plugin="cronjobs" what='the "CronJobs" page'><CronJobsPage /></PluginBoundary>
 */
export function PluginBoundary(props: PluginBoundaryProps) {
  const { plugins } = useShell();
  return (
    <ErrorBoundary
      fallback={(err: unknown, reset) => {
        const reason = `threw while rendering: ${reasonOf(err)}`;
        // Not during this render: the Plugins page's state is a signal.
        queueMicrotask(() => plugins.reportCrash(props.plugin, reason));
        console.error(`[porthole] plugin ${props.plugin} threw`, err);
        return <PluginErrorCard plugin={props.plugin} what={props.what} reason={reason} onRetry={reset} />;
      }}
    >
      {props.children}
    </ErrorBoundary>
  );
}
