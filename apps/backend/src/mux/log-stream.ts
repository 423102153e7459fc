import type { LogsRequest } from '@porthole/protocol';
import { type LogState, podAnswer, type ReadEnd, runLogLoop, stateReporter } from './log-follow.ts';
import { createLogLineReader } from './log-lines.ts';
import {
  abortableDelay,
  backoffDelay,
  defaultUpstreamBackoff,
  failureOf,
  isUpstreamFailure,
  openGet,
  podPath,
  readBody,
  responseFailure,
  type UpstreamFailure,
  type WatchTransport,
} from './watch-request.ts';

export interface LogStreamOptions {
  transport: WatchTransport;
  request: LogsRequest;
  /** Whole lines only, in order, none twice; a returned promise holds back reading upstream until it settles. */
  onLines(lines: string[]): void | Promise<void>;
  /** The log ended: the output was complete (follow off), or the container terminated or the pod is gone. */
  onEnd(): void;
  /** The stream is over for good (403, 404, 400, ...). At most once, never after onEnd. */
  onError(failure: UpstreamFailure): void;
  /** What the upstream is doing: `reconnecting` after a drop, `live` once a resumed request is answered. */
  onState?(state: LogState, cause?: UpstreamFailure): void;
  backoff?: { initialMs: number; maxMs: number };
}

/** A running log stream. */
export interface LogStream {
  /** Stops everything; no callback runs after it. */
  cancel(): void;
}

/**
 * The pod log URL path and query. Timestamps are always asked for (they are the resume point); `tailLines`
 * and `sinceSeconds` apply to the first request only, a resume asks for `sinceTime` instead.
 *
 * @example
 * logPath({ namespace: 'demo', pod: 'web', follow: true, tailLines: 10 }, undefined);
 * // '/api/v1/namespaces/demo/pods/web/log?timestamps=true&follow=true&tailLines=10'
 */
export function logPath(
  request: Pick<
    LogsRequest,
    'namespace' | 'pod' | 'container' | 'follow' | 'tailLines' | 'sinceSeconds' | 'previous'
  >,
  sinceTime: string | undefined,
): string {
  const query = new URLSearchParams({ timestamps: 'true' });
  if (request.follow) query.set('follow', 'true');
  if (request.container) query.set('container', request.container);
  if (request.previous) query.set('previous', 'true');
  if (sinceTime !== undefined) query.set('sinceTime', sinceTime);
  else {
    if (request.tailLines !== undefined) query.set('tailLines', String(request.tailLines));
    if (request.sinceSeconds !== undefined) query.set('sinceSeconds', String(request.sinceSeconds));
  }
  return `${podPath(request.namespace, request.pod, 'log')}?${query}`;
}

/**
 * Streams a pod's log upstream as whole lines. A drop (connection error, or a clean close while the
 * container still runs) resumes from the last delivered line's timestamp with neither gap nor repeat
 * (see log-lines.ts); transient failures are retried with backoff. A clean close counts as the end once
 * the API server says the container terminated or the pod is gone; a container that was restarted
 * meanwhile is followed on into its new run.
 *
 * @example
 * const stream = startLogStream({
 *   transport, request: { op: 'logs', id: 1, cluster: 'prod', namespace: 'demo', pod: 'web', follow: true },
 *   onLines: (lines) => send({ op: 'lines', id: 1, lines }),
 *   onEnd: () => send({ op: 'end', id: 1 }),
 *   onError: (f) => send({ op: 'error', id: 1, ...f }),
 * });
 * // later
 * stream.cancel();
 */
export function startLogStream(options: LogStreamOptions): LogStream {
  const { transport, request } = options;
  const backoff = options.backoff ?? defaultUpstreamBackoff;
  const reader = createLogLineReader({ timestamps: request.timestamps ?? false });
  const controller = new AbortController();
  const { signal } = controller;
  let attempt = 0;
  const setState = stateReporter(options.onState);

  function finish(callback: () => void): void {
    if (signal.aborted) return;
    controller.abort();
    callback();
  }
  const fail = (failure: UpstreamFailure) => finish(() => options.onError(failure));

  async function deliver(lines: string[]): Promise<void> {
    if (lines.length === 0 || signal.aborted) return;
    try {
      await options.onLines(lines);
    } catch (err) {
      fail(failureOf(err, 500, 'InternalError'));
    }
  }

  async function pause(failure?: UpstreamFailure): Promise<void> {
    const delay = backoffDelay(attempt++, backoff);
    await abortableDelay(Math.max(delay, (failure?.retryAfterSeconds ?? 0) * 1000), signal);
  }

  /** One upstream request, read to its end. */
  async function readOnce(): Promise<ReadEnd> {
    const started = Date.now();
    let response: Awaited<ReturnType<typeof openGet>>;
    try {
      response = await openGet(transport, logPath(request, reader.position()?.time), signal);
    } catch (err) {
      const failure = isUpstreamFailure(err) ? err : failureOf(err, 503, 'ServiceUnavailable');
      return { kind: 'dropped', failure };
    }
    if (response.statusCode !== 200) {
      return {
        kind: 'refused',
        failure: responseFailure(response, await readBody(response).catch(() => '')),
      };
    }
    setState('live');
    response.setEncoding('utf8');
    try {
      for await (const chunk of response) {
        const lines = reader.push(chunk as string);
        if (lines.length > 0) attempt = 0;
        await deliver(lines);
        if (signal.aborted) break;
      }
    } catch (err) {
      return { kind: 'dropped', failure: failureOf(err, 503, 'ServiceUnavailable') };
    } finally {
      response.destroy();
    }
    return { kind: 'closed', lastedMs: Date.now() - started };
  }

  async function end(): Promise<void> {
    await deliver(reader.flush());
    finish(options.onEnd);
  }

  async function run(): Promise<void> {
    await runLogLoop(request, signal, {
      read: (resumed) => {
        if (resumed) reader.resume();
        return readOnce();
      },
      podFinished: () => containerFinished(transport, request, signal),
      reconnect: (cause) => {
        setState('reconnecting', cause);
        return pause(cause);
      },
      end,
      fail,
    });
  }

  void run().catch((err: unknown) => fail(failureOf(err, 500, 'InternalError')));
  return { cancel: () => controller.abort() };
}

/**
 * Asks the API server whether the log's container has stopped (see {@link podAnswer}); the failure when
 * the API server can't be reached.
 */
async function containerFinished(
  transport: WatchTransport,
  request: Pick<LogsRequest, 'namespace' | 'pod' | 'container'>,
  signal: AbortSignal,
): Promise<boolean | UpstreamFailure> {
  try {
    const response = await openGet(transport, podPath(request.namespace, request.pod), signal);
    return podAnswer(response, await readBody(response), request.container);
  } catch (err) {
    return isUpstreamFailure(err) ? err : failureOf(err, 503, 'ServiceUnavailable');
  }
}
