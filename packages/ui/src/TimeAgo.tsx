import { type Accessor, createMemo } from 'solid-js';
import { createNow, formatAge } from './age.ts';

/** Props of {@link TimeAgo}. */
export interface TimeAgoProps {
  /** An RFC 3339 timestamp, e.g. `metadata.creationTimestamp`. */
  timestamp: string | undefined;
  /** A clock to share between many (a table's rows); default one ticking every 5 s. */
  now?: Accessor<number>;
  /** Appends " ago" (default true). */
  suffix?: boolean;
}

/**
 * How long ago, as kubectl prints ages (`3m20s`), in a `<time>` carrying the exact instant (also its
 * tooltip). It moves as time passes.
 *
 * @example
 * <TimeAgo timestamp={pod.metadata.creationTimestamp} />
 */
export function TimeAgo(props: TimeAgoProps) {
  const now = props.now ?? createNow();
  const text = createMemo(() => formatAge(props.timestamp, now()));
  const exact = () => {
    const time = props.timestamp ? Date.parse(props.timestamp) : Number.NaN;
    return Number.isNaN(time) ? undefined : new Date(time).toISOString();
  };
  return (
    <time datetime={exact()} title={exact()}>
      {text() === '' ? '—' : `${text()}${props.suffix === false ? '' : ' ago'}`}
    </time>
  );
}
