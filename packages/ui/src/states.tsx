import { For, type JSX, Show } from 'solid-js';
import { Button } from './Button.tsx';
import { type ErrorLike, statusOf } from './status-of.ts';

/** Props of {@link EmptyState}. */
export interface EmptyStateProps {
  title: string;
  children?: JSX.Element;
  /** What the user can do about it, e.g. a "Create" button. */
  action?: JSX.Element;
}

/**
 * What a view shows when there is nothing to show, saying why (and what to do).
 *
 * @example
 * <EmptyState title="No pods in default">Pods appear here as they are created.</EmptyState>
 */
export function EmptyState(props: EmptyStateProps) {
  return (
    <div class="pt-state" role="status" data-testid="empty-state">
      <h2>{props.title}</h2>
      <Show when={props.children}>
        <p>{props.children}</p>
      </Show>
      <Show when={props.action}>
        <div class="pt-state-actions">{props.action}</div>
      </Show>
    </div>
  );
}

/**
 * A wait, saying what is awaited ("Loading pods…"), announced politely.
 *
 * @example
 * <LoadingState what="pods in default" />
 */
export function LoadingState(props: { what: string }) {
  return (
    <div class="pt-state pt-state-loading" role="status" data-testid="loading-state">
      <span class="pt-spinner" aria-hidden="true" />
      <span>Loading {props.what}…</span>
    </div>
  );
}

/** Props of {@link ErrorState}. */
export interface ErrorStateProps {
  /** What failed, as a heading, e.g. "Could not list pods". */
  title: string;
  error: ErrorLike;
  /** Shows a Retry button. */
  onRetry?: () => void;
  /** More actions beside Retry. */
  actions?: JSX.Element;
  /** More about the failure, under the title (e.g. how long it was awaited). */
  children?: JSX.Element;
}

/**
 * A failure, as an alert: the Kubernetes `Status`'s reason and message, and each cause (`field: message`).
 *
 * @example
 * <ErrorState title="Could not list pods" error={watch.error()} onRetry={retry} />
 */
export function ErrorState(props: ErrorStateProps) {
  const status = () => statusOf(props.error);
  return (
    <div class="pt-state pt-state-error" role="alert" data-testid="error-state">
      <h2>{props.title}</h2>
      {props.children}
      <Show when={status().reason}>
        {(reason) => (
          <p data-testid="error-reason">
            <strong>{reason()}</strong>
            <Show when={status().code}>{(code) => <> ({code()})</>}</Show>
          </p>
        )}
      </Show>
      <Show when={status().message}>
        <p data-testid="error-message">{status().message}</p>
      </Show>
      <Show when={status().details?.causes?.length}>
        <ul class="pt-state-causes" aria-label="Causes">
          <For each={status().details?.causes}>
            {(cause) => (
              <li>
                <Show when={cause.field}>
                  <code>{cause.field}</code>:{' '}
                </Show>
                {cause.message ?? cause.reason}
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={props.onRetry || props.actions}>
        <div class="pt-state-actions">
          <Show when={props.onRetry}>
            {(retry) => (
              <Button size="small" onClick={() => retry()()}>
                Retry
              </Button>
            )}
          </Show>
          {props.actions}
        </div>
      </Show>
    </div>
  );
}
