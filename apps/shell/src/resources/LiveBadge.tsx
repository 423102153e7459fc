import type { LiveStatus } from '@porthole/sdk';

const labels: Record<LiveStatus, string> = {
  loading: 'Loading…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  resyncing: 'Resyncing…',
  error: 'Error',
};

/**
 * Where a live subscription stands, as a small badge (`data-status` carries the raw state for tests).
 *
 * @example
 * <LiveBadge status={watch.status()} />
 */
export function LiveBadge(props: { status: LiveStatus }) {
  return (
    <span
      class={`res-live res-live-${props.status}`}
      role="status"
      data-testid="live-status"
      data-status={props.status}
      title="Updates from the cluster arrive live through the multiplexer"
    >
      <span class="res-live-dot" aria-hidden="true" />
      {labels[props.status]}
    </span>
  );
}
