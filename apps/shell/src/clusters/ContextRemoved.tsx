import { Show } from 'solid-js';

/** Props of {@link ContextRemoved}. */
export interface ContextRemovedProps {
  /** The context in the URL. */
  name: string;
  /** True when this tab saw the context before: it was removed, not mistyped. */
  removed: boolean;
  /** Where the contexts are listed (a contexts page of another cluster, or the start page). */
  contextsHref: string;
}

/**
 * What a page of a context shows once the context is no longer in the kubeconfig (removed or renamed
 * in a file, or never there): it says so instead of stale data or a blank, and offers the way back.
 * The backend has already ended the context's live views.
 *
 * @example
 * <ContextRemoved name="old@prod" removed contextsHref="/c/admin%40prod/contexts" />
 */
export function ContextRemoved(props: ContextRemovedProps) {
  return (
    <section class="panel" role="alert" aria-labelledby="context-removed-title" data-testid="context-removed">
      <div class="panel-header">
        <h1 id="context-removed-title">
          <Show when={props.removed} fallback="Context not found">
            Context removed
          </Show>
        </h1>
      </div>
      <div class="state">
        <p class="state-message">
          <Show
            when={props.removed}
            fallback={<>No kubeconfig file defines a context named “{props.name}”.</>}
          >
            The context “{props.name}” was removed from the kubeconfig (or renamed). Its live views have
            ended.
          </Show>
        </p>
        <a class="button" href={props.contextsHref}>
          Go to the contexts
        </a>
      </div>
    </section>
  );
}
