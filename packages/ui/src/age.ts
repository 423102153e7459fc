import { type Accessor, createSignal, onCleanup } from 'solid-js';

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;
const year = 365 * day;

/**
 * A duration as kubectl prints ages (apimachinery's `duration.HumanDuration`): precise while short
 * (`90s`, `3m20s`), coarser as it grows (`5h`, `12d`, `2y30d`).
 *
 * @example
 * formatDuration(200_000); // '3m20s'
 * formatDuration(50 * 3_600_000); // '2d2h'
 */
export function formatDuration(ms: number): string {
  const seconds = Math.floor(ms / second);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(ms / minute);
  if (minutes < 10) return withPart(`${minutes}m`, seconds % 60, 's');
  if (minutes < 3 * 60) return `${minutes}m`;
  const hours = Math.floor(ms / hour);
  if (hours < 8) return withPart(`${hours}h`, minutes % 60, 'm');
  if (hours < 48) return `${hours}h`;
  const days = Math.floor(ms / day);
  if (hours < 8 * 24) return withPart(`${days}d`, hours % 24, 'h');
  if (hours < 2 * 365 * 24) return `${days}d`;
  const years = Math.floor(ms / year);
  if (hours < 8 * 365 * 24) return withPart(`${years}y`, days % 365, 'd');
  return `${years}y`;
}

function withPart(head: string, rest: number, unit: string): string {
  return rest === 0 ? head : `${head}${rest}${unit}`;
}

/**
 * The age of an object from its `metadata.creationTimestamp` at `now`; `''` when it has none.
 *
 * @example
 * formatAge('2024-01-01T00:00:00Z', Date.parse('2024-01-01T00:01:30Z')); // '90s'
 */
export function formatAge(timestamp: string | undefined, now: number): string {
  if (!timestamp) return '';
  const created = Date.parse(timestamp);
  return Number.isNaN(created) ? '' : formatDuration(now - created);
}

/**
 * The current time as a signal that ticks every `intervalMs` while its owner lives, so ages move.
 *
 * @example
 * const now = createNow();
 * <td>{formatAge(created, now())}</td>
 */
export function createNow(intervalMs = 5_000): Accessor<number> {
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), intervalMs);
  onCleanup(() => clearInterval(timer));
  return now;
}
