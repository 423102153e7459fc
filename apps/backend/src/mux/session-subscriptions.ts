import type { ExecRequest, LogsRequest, WatchRequest } from '@porthole/protocol';
import { encodeExecFrame } from '@porthole/protocol';
import type { HealthMonitor } from '../clusters/health-monitor.ts';
import type { ResolvedContext } from '../clusters/resolved-context.ts';
import { type ExecStream, startExecStream } from './exec-stream.ts';
import { startLogStream } from './log-stream.ts';
import type { SubscriptionKind } from './metrics.ts';
import type { Outbound } from './outbound.ts';
import type { MuxSessionDeps } from './session.ts';
import type { WatchHub } from './watch-hub.ts';
import { createWatchSubscriber } from './watch-subscriber.ts';

/** One open subscription of a socket. */
export interface Subscription {
  kind: SubscriptionKind;
  cluster: string | undefined;
  stop(): void;
  exec?: ExecStream;
}

/** What a subscription needs from its session: the socket's sending side and its bookkeeping. */
export interface SessionIo {
  deps: MuxSessionDeps;
  out: Outbound;
  send(message: object): void;
  sendError(id: number, code: number, reason: string, message: string): void;
  /** Records `sub` under `id` (the session checked the id is free). */
  register(id: number, sub: Subscription): void;
  /** Removes `id` if it is still `sub` (a subscription may end after being replaced). */
  forget(id: number, sub: Subscription): void;
  /** Backpressure for logs and exec: a promise while the socket is congested. */
  whenWritable(): Promise<void> | undefined;
}

// The kinds of subscription a session starts (shared/design/multiplexer.md); each returns its
// Subscription after registering it, and reports its end through `io`.

export function startWatch(io: SessionIo, request: WatchRequest, context: ResolvedContext): Subscription {
  const { deps, out } = io;
  const { id } = request;
  const sub: Subscription = { kind: 'watch', cluster: context.name, stop: () => {} };
  let snapshot: () => ReturnType<ReturnType<WatchHub['subscribe']>['snapshot']> = () => undefined;
  const subscriber = createWatchSubscriber({
    id,
    out,
    json: deps.json,
    chunked: request.chunked === true,
    snapshot: () => snapshot(),
    batchMs: deps.limits.batchMs,
    pendingBoundBytes: deps.limits.pendingBoundBytes,
    ...(deps.onEventsOut ? { onEventsOut: deps.onEventsOut } : {}),
    ...(deps.onResync ? { onResync: deps.onResync } : {}),
    onError: () => {
      io.forget(id, sub);
      held.close();
    },
  });
  const target = {
    group: request.group,
    version: request.version,
    resource: request.resource,
    namespace: request.namespace,
    name: request.name,
    labelSelector: request.labelSelector,
    fieldSelector: request.fieldSelector,
  };
  io.register(id, sub);
  // A running upstream answers a new subscriber from its cache inside `subscribe`, before `held`
  // exists to give the subscriber its snapshot: hold those updates until it does.
  let early: Parameters<typeof subscriber.update>[0][] | undefined = [];
  const held = deps.hub.subscribe(
    context,
    target,
    (u) => (early ? early.push(u) : subscriber.update(u)),
    request.resourceVersion,
    { id: deps.principalId, credentials: deps.transport.credentials },
  );
  snapshot = () => held.snapshot();
  const due = early;
  early = undefined;
  for (const u of due) subscriber.update(u);
  sub.stop = () => {
    subscriber.close();
    held.close();
  };
  return sub;
}

export function startLogs(io: SessionIo, request: LogsRequest, context: ResolvedContext): Subscription {
  const { deps, send, sendError, forget, whenWritable } = io;
  const { id } = request;
  const sub: Subscription = { kind: 'logs', cluster: context.name, stop: () => {} };
  io.register(id, sub);
  const stream = startLogStream({
    transport: { ...deps.transport, context },
    request,
    onLines(lines) {
      send({ op: 'lines', id, lines });
      return whenWritable();
    },
    onState(state, cause) {
      const why = cause && { code: cause.code, reason: cause.reason, message: cause.message };
      send({ op: 'status', id, state, ...(why ? { cause: why } : {}) });
    },
    onEnd() {
      forget(id, sub);
      send({ op: 'end', id });
    },
    onError(failure) {
      forget(id, sub);
      sendError(id, failure.code, failure.reason, failure.message);
    },
  });
  sub.stop = () => stream.cancel();
  return sub;
}

export function startExec(io: SessionIo, request: ExecRequest, context: ResolvedContext): Subscription {
  const { deps, out, send, sendError, forget, whenWritable } = io;
  const { id } = request;
  const sub: Subscription = { kind: 'exec', cluster: context.name, stop: () => {} };
  io.register(id, sub);
  const stream = startExecStream({
    transport: { ...deps.transport, context },
    request,
    onOpen(protocol) {
      send({ op: 'open', id, protocol });
    },
    onOutput(channel, payload) {
      out.send(encodeExecFrame({ id, channel, payload }));
      return whenWritable();
    },
    onExit(code, message) {
      forget(id, sub);
      send({ op: 'exit', id, code, ...(message ? { message } : {}) });
    },
    onError(failure) {
      forget(id, sub);
      sendError(id, failure.code, failure.reason, failure.message);
    },
  });
  sub.exec = stream;
  sub.stop = () => stream.cancel();
  return sub;
}

export function startClusters(io: SessionIo, id: number): Subscription {
  const { deps, send } = io;
  let version = 0;
  const sendList = () =>
    send({ op: 'sync', id, items: deps.clusters.list(), resourceVersion: String(++version) });
  const unsubscribe = deps.clusters.subscribe(sendList);
  const sub: Subscription = { kind: 'clusters', cluster: undefined, stop: unsubscribe };
  io.register(id, sub);
  sendList();
  return sub;
}

/** Every kubeconfig file's state: a full `sync` now and after each change of the registry. */
export function startFiles(io: SessionIo, id: number): Subscription {
  const { deps, send } = io;
  let version = 0;
  let last = '';
  const sendList = () => {
    const files = deps.clusters.files();
    const text = JSON.stringify(files);
    if (text === last) return;
    last = text;
    send({ op: 'sync', id, items: files, resourceVersion: String(++version) });
  };
  const unsubscribe = deps.clusters.subscribe(sendList);
  const sub: Subscription = { kind: 'kubeconfig-files', cluster: undefined, stop: unsubscribe };
  io.register(id, sub);
  sendList();
  return sub;
}

/** Every context's health: the list now (`checking` until probed), then after answers arrive. */
export function startHealth(
  io: SessionIo,
  id: number,
  health: Pick<HealthMonitor, 'list' | 'subscribe'>,
): Subscription {
  const { send } = io;
  let version = 0;
  const sendList = (items: object[]) => send({ op: 'sync', id, items, resourceVersion: String(++version) });
  const unsubscribe = health.subscribe(sendList);
  const sub: Subscription = { kind: 'health', cluster: undefined, stop: unsubscribe };
  io.register(id, sub);
  sendList(health.list());
  return sub;
}
