import { createEffect, createSignal, on, onCleanup, Show } from 'solid-js';
import { clusterHref } from '../routing/app-path.ts';
import { Link } from './Link.tsx';

/** Props of {@link WaitingState}. */
export interface WaitingStateProps {
  cluster: string;
  /** What the view waits for, e.g. `the cluster's resources`, `configmaps`. */
  what: string;
  /** Why it has not come yet, when known: the backend's Status message (a 504 "not answering", ...). */
  cause?: string | undefined;
  /** The request gave up (it won't retry by itself): the wait stops counting. */
  failed?: boolean | undefined;
  /** The HTTP code of the failure, when there is one: 502-504 mean the cluster did not answer. */
  code?: number | undefined;
  /** Asks again; the wait starts over. */
  onRetry: () => void;
  /** Plain waiting before the view says the cluster is not answering; default 3 s. */
  patienceMs?: number | undefined;
}

/** The contexts page (the contexts plugin's `contexts` route) of a cluster. */
export function contextsHref(cluster: string): string {
  return clusterHref(cluster, 'contexts');
}

const unanswered = (code: number | undefined) => code === undefined || (code >= 502 && code <= 504);

/**
 * What a view shows while it waits on a cluster: what it waits for, then (after `patienceMs`, or at once
 * when a cause is known) that the cluster is not answering, with the cause, the seconds waited, a
 * `Retry` button and a link to the contexts page. Never `Loading…` forever: a hung cluster gets a 504
 * from the backend within its deadlines (10 s for a TLS handshake), and this says so meanwhile.
 *
 * @example
 * <WaitingState cluster="prod" what="the cluster's resources" cause={failure()} failed onRetry={retry} />
 */
export function WaitingState(props: WaitingStateProps) {
  const [since, setSince] = createSignal(Date.now());
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => {
    if (!props.failed) setNow(Date.now());
  }, 1000);
  onCleanup(() => clearInterval(timer));
  // Another cluster starts the count again (the page may stay mounted across a switch).
  createEffect(
    on(
      () => props.cluster,
      () => {
        setSince(Date.now());
        setNow(Date.now());
      },
      { defer: true },
    ),
  );
  const elapsedMs = () => Math.max(0, now() - since());
  const seconds = () => Math.round(elapsedMs() / 1000);
  const worried = () =>
    props.failed === true || props.cause !== undefined || elapsedMs() >= (props.patienceMs ?? 3000);
  const retry = () => {
    setSince(Date.now());
    setNow(Date.now());
    props.onRetry();
  };

  return (
    <Show
      when={worried()}
      fallback={
        <div class="state" role="status" data-testid="waiting-state" data-phase="waiting">
          <p class="res-state-title">Waiting for {props.what}…</p>
          <p class="muted">from cluster "{props.cluster}"</p>
        </div>
      }
    >
      <div class="state state-error" role="alert" data-testid="waiting-state" data-phase="not-answering">
        <h2>
          {unanswered(props.code)
            ? `Cluster "${props.cluster}" is not answering`
            : `Could not load ${props.what}`}
        </h2>
        <p data-testid="waiting-elapsed">
          {props.failed ? 'Gave up' : 'Still waiting'} for {props.what} after {seconds()} s.
        </p>
        <Show when={props.cause}>
          {(cause) => (
            <p class="state-message" data-testid="waiting-cause">
              {cause()}
            </p>
          )}
        </Show>
        <p class="waiting-actions">
          <button type="button" class="button button-small" onClick={retry}>
            Retry
          </button>{' '}
          <Link href={contextsHref(props.cluster)}>Check the context</Link>
        </p>
      </div>
    </Show>
  );
}

/**
 * A retry for a live subscription: `paused()` is true for a moment after `retry()`, so arguments that
 * read it (`createWatch(mux, () => !paused() && {...})`) close the subscription and open a new one.
 *
 * @example
 * const again = createResubscribe();
 * const pods = createWatch(mux, () => !again.paused() && { cluster, group: '', version: 'v1', resource: 'pods' });
 */
export function createResubscribe(): { paused: () => boolean; retry: () => void } {
  const [paused, setPaused] = createSignal(false);
  return {
    paused,
    retry() {
      setPaused(true);
      queueMicrotask(() => setPaused(false));
    },
  };
}
