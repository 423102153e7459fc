import { splitTimestamp } from '../live/log-cursor.ts';

/** One log line as a view keeps it. */
export interface LogLine {
  /** Unique and increasing in arrival order within one buffer: a stable key for rendering. */
  seq: number;
  /** The runtime's timestamp in UTC with 9 fraction digits (`2024-05-01T10:00:00.123000000`, no zone: string order is time order), when the line had one. */
  time?: string;
  /** The line without its timestamp, ANSI escapes kept. */
  text: string;
  /** Where it came from (`pod/container`) in a view of several logs. */
  source?: string;
}

/** A bounded, time-ordered list of log lines; see {@link createLogBuffer}. */
export interface LogBuffer {
  /** Lines kept now. */
  readonly length: number;
  /** Lines dropped from the front since the buffer was created (or cleared) to stay under the cap. */
  readonly dropped: number;
  readonly cap: number;
  /** The line at `index` (0 is the oldest kept). */
  at(index: number): LogLine | undefined;
  /** A copy of the kept lines, oldest first. */
  toArray(): LogLine[];
  /**
   * Adds raw lines (as the kubelet sends them, `timestamps` on or off) from `source`. Lines are kept in
   * time order: a line older than the newest is inserted where it belongs (lines of several pods
   * interleave); lines without a timestamp go at the end. Returns how many lines were added.
   */
  append(raw: readonly string[], source?: string): number;
  /** Forgets every line and the dropped count. */
  clear(): void;
}

/**
 * A buffer of log lines with a cap (default 100,000): when more arrive, the oldest are dropped and
 * counted, so memory stays bounded however long a log follows. Appends and drops are amortised O(1)
 * for lines arriving in order; a line arriving out of order (another pod's, a little older) costs a
 * binary search and an insert near the end.
 *
 * @example
 * const buffer = createLogBuffer(2);
 * buffer.append(['2024-01-01T00:00:01Z b', '2024-01-01T00:00:00Z a', '2024-01-01T00:00:02Z c'], 'web-1/app');
 * buffer.toArray().map((l) => l.text); // ['b', 'c'] — 'a' was older than both, so it was dropped
 * buffer.dropped; // 1
 */
export function createLogBuffer(cap = 100_000): LogBuffer {
  if (!Number.isInteger(cap) || cap < 1)
    throw new RangeError(`the line cap must be a positive integer, not ${cap}`);
  let items: LogLine[] = [];
  let start = 0;
  let dropped = 0;
  let seq = 0;

  const length = () => items.length - start;
  // Index in `items` where a line stamped `time` goes: after every line stamped at or before it.
  const insertionPoint = (time: string): number => {
    let lo = start;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const other = items[mid]?.time;
      if (other === undefined || other <= time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  function trim() {
    const over = length() - cap;
    if (over <= 0) return;
    start += over;
    dropped += over;
    // Compact once the dead prefix is as large as the cap, so memory stays within twice the cap.
    if (start >= cap) {
      items = items.slice(start);
      start = 0;
    }
  }

  return {
    get length() {
      return length();
    },
    get dropped() {
      return dropped;
    },
    cap,
    at: (index) => (index < 0 ? undefined : items[start + index]),
    toArray: () => items.slice(start),
    append(raw, source) {
      for (const line of raw) {
        const split = splitTimestamp(line);
        const entry: LogLine = split
          ? { seq: seq++, time: split.time, text: split.text }
          : { seq: seq++, text: line };
        if (source !== undefined) entry.source = source;
        const last = items[items.length - 1];
        if (!split || !last?.time || last.time <= split.time) items.push(entry);
        else {
          const at = insertionPoint(split.time);
          if (at === start && length() >= cap) {
            // Older than everything kept, and the buffer is full: it would be dropped at once.
            dropped += 1;
            continue;
          }
          items.splice(at, 0, entry);
        }
      }
      trim();
      return raw.length;
    },
    clear() {
      items = [];
      start = 0;
      dropped = 0;
    },
  };
}
