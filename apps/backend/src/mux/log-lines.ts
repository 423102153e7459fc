/**
 * The pure part of a resumable log stream: cutting upstream text into whole lines, reading each line's
 * timestamp, and skipping after a resume the lines that were already delivered.
 *
 * Why counting is needed: a resumed request asks for `sinceTime` = the last delivered line's timestamp,
 * and the API server passes it on to the kubelet truncated to whole seconds (RFC 3339, see LogLocation in
 * pkg/registry/core/pod/strategy.go), which returns every line at or after that second. Lines older than
 * the last delivered one were all delivered (the log is in time order). Lines carrying exactly the last
 * delivered timestamp may be several (a fast printer, a coarse clock): as many of them as were already
 * delivered are skipped, the rest are new.
 */

/** Where a log stands: the last delivered timestamp and how many delivered lines carry it. */
export interface LogPosition {
  /** The timestamp as the kubelet wrote it (RFC 3339, nanoseconds), used as `sinceTime`. */
  time: string;
  ns: bigint;
  count: number;
}

const timestampPattern = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Nanoseconds since the epoch of an RFC 3339 timestamp with up to nine fraction digits (Go's
 * RFC3339Nano drops trailing zeros, so the texts do not sort as strings), or undefined.
 *
 * @example
 * parseLogTimestamp('2024-05-01T10:00:00.5Z'); // 1714557600500000000n
 */
export function parseLogTimestamp(text: string): bigint | undefined {
  const match = timestampPattern.exec(text);
  if (!match) return undefined;
  const [, seconds, fraction = '', zone] = match;
  const ms = Date.parse(`${seconds}${zone}`);
  if (!Number.isFinite(ms)) return undefined;
  return BigInt(ms) * 1_000_000n + BigInt(fraction.padEnd(9, '0'));
}

/** Reads one upstream log (`timestamps=true`) across resumes. */
export interface LogLineReader {
  /** The new whole lines in `chunk` (a partial last line waits for the next chunk), as the client wants them. */
  push(chunk: string): string[];
  /** At a clean end: the partial last line, if it is new. */
  flush(): string[];
  /** A new upstream response starts (a resume from {@link LogLineReader.position}): forget the partial line and skip what was delivered. */
  resume(): void;
  /** The last delivered position, or undefined before the first line. */
  position(): LogPosition | undefined;
}

/**
 * A {@link LogLineReader}: with `timestamps: false` the timestamp is cut from each line the client gets.
 *
 * @example
 * const reader = createLogLineReader({ timestamps: false });
 * reader.push('2024-05-01T10:00:00.1Z one\n2024-05-01T10:00:00.2Z tw'); // ['one']
 * reader.resume(); // after a drop; ask upstream for sinceTime=reader.position().time
 * reader.push('2024-05-01T10:00:00.1Z one\n2024-05-01T10:00:00.2Z two\n'); // ['two']
 */
export function createLogLineReader(options: { timestamps: boolean }): LogLineReader {
  let partial = '';
  let last: LogPosition | undefined;
  // While skipping after a resume: how many more lines at `last.ns` were delivered before.
  let skipping: { remaining: number } | undefined;

  /** True when the line at `ns` is new; records it as delivered. */
  function accept(ns: bigint): boolean {
    if (skipping && last) {
      if (ns < last.ns) return false;
      if (ns === last.ns && skipping.remaining > 0) {
        skipping.remaining--;
        return false;
      }
      skipping = undefined;
    }
    if (last && ns === last.ns) last.count++;
    return true;
  }

  function take(lines: string[]): string[] {
    const out: string[] = [];
    for (const line of lines) {
      const space = line.indexOf(' ');
      const time = space < 0 ? line : line.slice(0, space);
      const ns = parseLogTimestamp(time);
      // A line without a timestamp can't be placed: pass it on as it is (never seen from a kubelet).
      if (ns === undefined) {
        out.push(line);
        continue;
      }
      if (!accept(ns)) continue;
      if (!last || last.ns !== ns) last = { time, ns, count: 1 };
      out.push(options.timestamps || space < 0 ? line : line.slice(space + 1));
    }
    return out;
  }

  return {
    push(chunk) {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      return take(lines);
    },
    flush() {
      const rest = partial;
      partial = '';
      return rest === '' ? [] : take([rest]);
    },
    resume() {
      partial = '';
      skipping = last ? { remaining: last.count } : undefined;
    },
    position: () => (last ? { ...last } : undefined),
  };
}
