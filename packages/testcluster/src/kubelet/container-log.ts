import { EventEmitter } from 'node:events';

/** One line a container printed, with its time at nanosecond resolution (as a CRI runtime keeps it). */
export interface LogLine {
  /** RFC 3339 with nanoseconds, e.g. `2026-11-22T10:00:00.123456789Z`. */
  time: string;
  epochNs: bigint;
  text: string;
}

/** Query of `/containerLogs/...`, as the API server forwards it. */
export interface LogQuery {
  follow: boolean;
  timestamps: boolean;
  tailLines?: number;
  limitBytes?: number;
  sinceTime?: Date;
  sinceSeconds?: number;
}

const maxLines = 20_000;
const startEpochNs = BigInt(Date.now()) * 1_000_000n;
const startHr = process.hrtime.bigint();

function nowNs(): bigint {
  return startEpochNs + (process.hrtime.bigint() - startHr);
}

function formatNs(ns: bigint): string {
  const ms = Number(ns / 1_000_000n);
  const iso = new Date(ms).toISOString(); // ...T10:00:00.123Z
  const fraction = (ns % 1_000_000_000n).toString().padStart(9, '0');
  return `${iso.slice(0, 19)}.${fraction}Z`;
}

/**
 * The log of one run of one container: lines appended as the process prints them, readable with the
 * kubelet's query options, followable until the run ends.
 */
export interface ContainerLog {
  append(text: string): void;
  /** Marks the run over; followers get everything and then their stream ends. */
  close(): void;
  readonly closed: boolean;
  /**
   * Writes the selected lines to `write` (awaiting each write: that is the backpressure); with `follow`,
   * keeps writing until the run ends or `signal` aborts.
   */
  stream(query: LogQuery, write: (chunk: Buffer) => Promise<void>, signal: AbortSignal): Promise<void>;
}

export function createContainerLog(): ContainerLog {
  const lines: LogLine[] = [];
  const events = new EventEmitter();
  events.setMaxListeners(0);
  let closed = false;

  return {
    get closed() {
      return closed;
    },
    append(text) {
      if (closed) return;
      const ns = nowNs();
      const line = { time: formatNs(ns), epochNs: ns, text };
      lines.push(line);
      if (lines.length > maxLines) lines.splice(0, lines.length - maxLines);
      events.emit('line', line);
    },
    close() {
      closed = true;
      events.emit('close');
    },
    async stream(query, write, signal) {
      let sinceNs: bigint | undefined;
      if (query.sinceTime) sinceNs = BigInt(query.sinceTime.getTime()) * 1_000_000n;
      if (query.sinceSeconds !== undefined) sinceNs = nowNs() - BigInt(query.sinceSeconds) * 1_000_000_000n;
      let selected = sinceNs === undefined ? lines.slice() : lines.filter((l) => l.epochNs >= sinceNs);
      if (query.tailLines !== undefined)
        selected = query.tailLines === 0 ? [] : selected.slice(-query.tailLines);
      let budget = query.limitBytes ?? Number.POSITIVE_INFINITY;
      /** Writes one line (cut at limitBytes); false once the budget is spent. */
      const emit = async (line: LogLine): Promise<boolean> => {
        const bytes = Buffer.from(`${query.timestamps ? `${line.time} ` : ''}${line.text}\n`);
        const chunk = bytes.length > budget ? bytes.subarray(0, budget) : bytes;
        budget -= chunk.length;
        await write(chunk);
        return budget > 0;
      };
      let followFrom = lines.length;
      for (const line of selected) {
        if (signal.aborted || !(await emit(line))) return;
      }
      if (!query.follow || signal.aborted) return;
      // Lines appended while the backlog was written (writes wait for the reader) come next, in order.
      followFrom = Math.min(followFrom, lines.length);
      const pending: LogLine[] = lines.slice(followFrom);
      await new Promise<void>((resolve) => {
        let writing = false;
        let ended = closed;
        const finish = () => {
          events.off('line', onLine);
          events.off('close', onClose);
          signal.removeEventListener('abort', finish);
          resolve();
        };
        const drain = async () => {
          if (writing) return;
          writing = true;
          while (pending.length > 0 && !signal.aborted) {
            if (!(await emit(pending.shift()!))) return finish();
          }
          writing = false;
          if (ended || signal.aborted) finish();
        };
        const onLine = (line: LogLine) => {
          pending.push(line);
          void drain();
        };
        const onClose = () => {
          ended = true;
          void drain();
        };
        events.on('line', onLine);
        events.on('close', onClose);
        signal.addEventListener('abort', finish);
        void drain();
      });
    },
  };
}
