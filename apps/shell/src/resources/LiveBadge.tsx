import type { LiveStatus } from '@porthole/sdk';
import { StatusPill, type Tone } from '@porthole/ui';

const labels: Record<LiveStatus, string> = {
  loading: 'Loading…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  resyncing: 'Resyncing…',
  error: 'Error',
};

const tones: Record<LiveStatus, Tone> = {
  loading: 'neutral',
  live: 'ok',
  reconnecting: 'warning',
  resyncing: 'warning',
  error: 'error',
};

/**
 * Where a live subscription stands, as the kit's status pill, announced politely (`data-status` carries
 * the raw state for tests).
 *
 * @example
 * <LiveBadge status={watch.status()} />
 */
export function LiveBadge(props: { status: LiveStatus }) {
  return (
    <span role="status" data-testid="live-status" data-status={props.status}>
      <StatusPill
        tone={tones[props.status]}
        title="Updates from the cluster arrive live through the multiplexer"
      >
        {labels[props.status]}
      </StatusPill>
    </span>
  );
}
