/**
 * Where a log stream stands, for a resume after the client's socket dropped: the kubelet timestamp of the
 * last line delivered (normalised so strings compare in time order) and how many delivered lines carried
 * exactly that timestamp.
 */
export interface LogCursor {
  time: string;
  count: number;
}

const timestampPattern = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d) /;

/**
 * Splits a line the kubelet prefixed with its RFC 3339 timestamp (`timestamps=true`). `time` is the
 * timestamp in UTC with 9 fraction digits, so that string order is time order (Go's RFC3339Nano drops
 * trailing zeros: `.1Z` sorts after `.12Z` as written). `undefined` when the line has no timestamp.
 *
 * @example
 * splitTimestamp('2025-01-02T03:04:05.5Z hello'); // { time: '2025-01-02T03:04:05.500000000', text: 'hello' }
 */
export function splitTimestamp(line: string): { time: string; text: string } | undefined {
  const match = timestampPattern.exec(line);
  if (!match) return undefined;
  const [whole, seconds = '', fraction = '', zone = 'Z'] = match;
  let utcSeconds = seconds;
  if (zone !== 'Z') {
    const ms = Date.parse(`${seconds}${zone}`);
    if (Number.isNaN(ms)) return undefined;
    utcSeconds = new Date(ms).toISOString().slice(0, 19);
  }
  return { time: `${utcSeconds}.${fraction.padEnd(9, '0')}`, text: line.slice(whole.length) };
}

/** The cursor after delivering one more line stamped `time`. */
export function advanceCursor(cursor: LogCursor | undefined, time: string): LogCursor {
  return cursor?.time === time ? { time, count: cursor.count + 1 } : { time, count: 1 };
}

/**
 * Decides, line by line in order, which lines of a resumed stream are new: those stamped before the cursor
 * are dropped, and of those stamped exactly at it, as many as were already delivered. The first new line
 * ends the overlap; every later line is new.
 *
 * @example
 * const isNew = createOverlapFilter({ time: t2, count: 1 });
 * [t1, t2, t3].map((t) => isNew(t)); // [false, false, true]
 */
export function createOverlapFilter(cursor: LogCursor): (time: string | undefined) => boolean {
  let sameLeft = cursor.count;
  let past = false;
  return (time) => {
    if (past) return true;
    if (time !== undefined && time < cursor.time) return false;
    if (time === cursor.time && sameLeft > 0) {
      sameLeft--;
      return false;
    }
    past = true;
    return true;
  };
}

/** Slack for how long a line takes from the kubelet to the client, beyond the time measured locally. */
export const resumeMarginSeconds = 10;

/**
 * `sinceSeconds` for a resume: the time since the last line arrived, measured on the client's own clock
 * (so a skew between the client and the node does not matter), plus {@link resumeMarginSeconds} for the
 * line's own trip. The overlap this asks for is removed with {@link createOverlapFilter}.
 */
export function resumeSinceSeconds(lastReceivedAtMs: number, nowMs: number): number {
  return Math.max(1, Math.ceil((nowMs - lastReceivedAtMs) / 1000) + resumeMarginSeconds);
}
