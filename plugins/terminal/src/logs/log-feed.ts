import type { LogStatus, LogStream } from '@porthole/sdk';
import { createLogBuffer, type LogBuffer } from '@porthole/sdk/logs';
import { createSignal, onCleanup } from 'solid-js';

/** A buffer fed by log streams, with a version that changes at most once a frame. */
export interface LogFeed {
  buffer: LogBuffer;
  version: () => number;
  /** Feeds `stream`'s lines into the buffer, tagged with `source`; returns the detach function. */
  attach(stream: LogStream, source?: string): () => void;
  /** Empties the buffer (a new query). */
  clear(): void;
  /** A status line for the streams attached: loading, live, reconnecting, ended. */
  notify(): void;
}

/**
 * The buffer behind a log view. Lines are appended as they arrive; the view is told once per animation
 * frame, so a fast log costs one render per frame, not one per batch.
 *
 * @example
 * const feed = createLogFeed(100_000);
 * feed.attach(mux.logs({ cluster, namespace, pod, follow: true, timestamps: true }));
 */
export function createLogFeed(cap: number): LogFeed {
  const buffer = createLogBuffer(cap);
  const [version, setVersion] = createSignal(0);
  let scheduled = false;
  const bump = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      setVersion((v) => v + 1);
    });
  };
  const detachers = new Set<() => void>();
  onCleanup(() => {
    for (const detach of [...detachers]) detach();
  });
  return {
    buffer,
    version,
    attach(stream, source) {
      const off = stream.onLines((lines) => {
        buffer.append(lines, source);
        bump();
      });
      const detach = () => {
        off();
        stream.close();
        detachers.delete(detach);
      };
      detachers.add(detach);
      return detach;
    },
    clear() {
      buffer.clear();
      bump();
    },
    notify: bump,
  };
}

/** Words for a stream's status, for people. */
export function statusText(status: LogStatus): string {
  switch (status) {
    case 'loading':
      return 'Connecting…';
    case 'live':
      return 'Live';
    case 'reconnecting':
      return 'Reconnecting…';
    case 'ended':
      return 'Ended';
    case 'error':
      return 'Failed';
    default:
      return status;
  }
}
