import { ErrorState, LoadingState } from '@porthole/ui';
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
 * What a view shows while it waits on a cluster: the kit's `LoadingState` saying what it waits for, then
 * (after `patienceMs`, or at once when a cause is known) the kit's `ErrorState`: the cluster is not
 * answering, the seconds waited, the cause (the backend's Status message), `Retry` and a link to the
 * contexts page. Never `Loading…` forever: a hung cluster gets a 504
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
    <div data-testid="waiting-state" data-phase={worried() ? 'not-answering' : 'waiting'}>
      <Show
        when={worried()}
        fallback={<LoadingState what={`${props.what} from cluster "${props.cluster}"`} />}
      >
        <ErrorState
          title={
            unanswered(props.code)
              ? `Cluster "${props.cluster}" is not answering`
              : `Could not load ${props.what}`
          }
          error={props.cause ?? ''}
          onRetry={retry}
          actions={<Link href={contextsHref(props.cluster)}>Check the context</Link>}
        >
          {/* Ticks every second: aria-live off, so the alert is not read out again each second. */}
          <p aria-live="off">
            {props.failed ? 'Gave up' : 'Still waiting'} for {props.what} after {seconds()} s.
          </p>
        </ErrorState>
      </Show>
    </div>
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
