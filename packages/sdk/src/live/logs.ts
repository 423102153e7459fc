import type { LogsRequest, ServerMessage, StatusError, UpstreamState } from '@porthole/protocol';
import {
  advanceCursor,
  createOverlapFilter,
  type LogCursor,
  resumeSinceSeconds,
  splitTimestamp,
} from './log-cursor.ts';
import { statusErrorOf } from './server-message.ts';
import type { Subscription, SubscriptionChannel } from './subscription.ts';

/** Which log to read: the wire `logs` request, plus how many lines {@link LogStream.lines} keeps. */
export interface LogsOptions extends Omit<LogsRequest, 'op' | 'id'> {
  /** {@link LogStream.lines} keeps at most this many of the latest lines (default 10,000). */
  maxLines?: number;
}

/** `loading` until the server accepts; `ended` when the log ended or the stream was closed. */
export type LogStatus = 'loading' | UpstreamState | 'ended' | 'error';

/**
 * A pod's log lines, live. Lines arrive whole and in order.
 *
 * What a reconnect of the client's own socket guarantees: the stream is requested again with the kubelet's
 * timestamps and a `sinceSeconds` window reaching back past the last line delivered (measured on the
 * client's clock, plus a margin), and lines at or before that line's timestamp are dropped, so no line is
 * delivered twice; lines printed while the socket was down are delivered, as long as the kubelet still has
 * them. Lines are told apart by their nanosecond timestamps (a runtime stamps each line); two lines with
 * the same timestamp are told apart by their count. Timestamps are stripped again unless `timestamps` was
 * asked for. (Drops between the backend and the API server are the backend's to repair.)
 */
export interface LogStream {
  /** Calls `listener` with each batch of new lines; returns the unsubscribe function. */
  onLines(listener: (lines: readonly string[]) => void): () => void;
  /** The latest lines (at most `maxLines`); a snapshot that later lines never mutate. */
  lines(): readonly string[];
  status(): LogStatus;
  error(): StatusError | undefined;
  /** While `reconnecting`: why, when the backend said (e.g. a 504 "cluster ... is not answering"). */
  cause(): StatusError | undefined;
  /** Resolves when the log ends (`end`) or the stream is closed; rejects with the StatusError of an `error`. */
  ended: Promise<void>;
  /** Stops the stream (`cancel`); `ended` resolves. */
  close(): void;
}

/** The subscription behind {@link MuxClient.logs}. */
export function createLogsSubscription(
  channel: SubscriptionChannel,
  options: LogsOptions,
  now: () => number = Date.now,
): LogStream & Subscription {
  const { maxLines = 10_000 } = options;
  // Only the fields the wire knows: an options object may carry more.
  const query: Omit<LogsRequest, 'op' | 'id'> = {
    cluster: options.cluster,
    namespace: options.namespace,
    pod: options.pod,
    follow: options.follow,
  };
  for (const key of ['container', 'tailLines', 'sinceSeconds', 'timestamps', 'previous'] as const)
    if (options[key] !== undefined) Object.assign(query, { [key]: options[key] });
  const lineListeners = new Set<(lines: readonly string[]) => void>();
  let kept: string[] = [];
  let shared = false;
  let cause: StatusError | undefined;
  let status: LogStatus = 'loading';
  let failure: StatusError | undefined;
  let over = false;
  let cursor: LogCursor | undefined;
  let lastReceivedAt = 0;
  let isNew: ((time: string | undefined) => boolean) | undefined;
  const startedAt = now();

  let settle!: (error?: StatusError) => void;
  const ended = new Promise<void>((resolve, reject) => {
    settle = (error) => (error ? reject(error) : resolve());
  });
  // A caller that never looks at `ended` must not get an unhandled rejection.
  ended.catch(() => {});

  const finish = (next: 'ended' | 'error', error?: StatusError) => {
    if (over) return;
    over = true;
    status = next;
    failure = error;
    settle(error);
  };

  function request(resumed: boolean): LogsRequest | undefined {
    if (over) return undefined;
    // Always ask for timestamps: they are what a resume finds its place by.
    const wire: LogsRequest = { ...query, op: 'logs', id: channel.id, timestamps: true };
    if (!resumed) return wire;
    if (cursor) {
      isNew = createOverlapFilter(cursor);
      delete wire.tailLines;
      wire.sinceSeconds = resumeSinceSeconds(lastReceivedAt, now());
    } else if (query.sinceSeconds !== undefined) {
      // Nothing arrived yet: the same window, reaching back to when the stream was first asked for.
      wire.sinceSeconds = query.sinceSeconds + Math.ceil((now() - startedAt) / 1000);
    }
    return wire;
  }

  function receiveLines(raw: readonly string[]) {
    const fresh: string[] = [];
    for (const line of raw) {
      const split = splitTimestamp(line);
      if (isNew && !isNew(split?.time)) continue;
      if (split) cursor = advanceCursor(cursor, split.time);
      fresh.push(split && !query.timestamps ? split.text : line);
    }
    lastReceivedAt = now();
    if (status === 'loading' || status === 'reconnecting') status = 'live';
    cause = undefined;
    if (fresh.length === 0) return;
    if (shared) {
      kept = kept.slice();
      shared = false;
    }
    for (const line of fresh) kept.push(line);
    if (kept.length > maxLines) kept.splice(0, kept.length - maxLines);
    for (const listener of [...lineListeners]) listener(fresh);
  }

  function receive(message: ServerMessage) {
    if (over) return;
    if (message.op === 'lines') receiveLines(message.lines);
    else if (message.op === 'ack' && status === 'loading') status = 'live';
    else if (message.op === 'status') {
      status = message.state;
      cause = message.cause && statusErrorOf(message.cause);
    } else if (message.op === 'end') {
      finish('ended');
      channel.release(false);
    } else if (message.op === 'error') {
      finish('error', statusErrorOf(message));
      channel.release(false);
    }
  }

  return {
    request,
    receive,
    disconnected() {
      if (!over) status = 'reconnecting';
    },
    terminated: () => finish('ended'),
    onLines(listener) {
      lineListeners.add(listener);
      return () => lineListeners.delete(listener);
    },
    lines() {
      shared = true;
      return kept;
    },
    status: () => status,
    error: () => failure,
    cause: () => cause,
    ended,
    close() {
      if (over) return;
      finish('ended');
      channel.release(true);
    },
  };
}
