import { z } from 'zod/mini';

/**
 * The multiplexer's wire messages (`GET /ws`, subprotocol `porthole.v1`; see shared/design/multiplexer.md),
 * written once for the backend and the SDK.
 */
export const muxSubprotocol = 'porthole.v1';

const id = z.int().check(z.nonnegative(), z.maximum(0xffffffff));
const name = z.string().check(z.minLength(1));
const optionalText = z.optional(z.string().check(z.minLength(1)));

/**
 * Client → server: list then watch a resource (one object with `name`; resume with `resourceVersion`).
 * With `chunked: true` the client also understands `sync-chunk` (see {@link syncChunkMessageSchema}): the
 * initial LIST then arrives page by page instead of as one `sync` at the end. Older servers ignore the
 * field and send one `sync`, which a chunked client handles as before.
 */
export const watchRequestSchema = z.object({
  op: z.literal('watch'),
  id,
  cluster: name,
  group: z.string(),
  version: name,
  resource: name,
  namespace: optionalText,
  name: optionalText,
  labelSelector: optionalText,
  fieldSelector: optionalText,
  resourceVersion: optionalText,
  chunked: z.optional(z.boolean()),
});

/** Client → server: a pod's log lines. */
export const logsRequestSchema = z.object({
  op: z.literal('logs'),
  id,
  cluster: name,
  namespace: name,
  pod: name,
  container: optionalText,
  follow: z.boolean(),
  tailLines: z.optional(z.int().check(z.nonnegative())),
  sinceSeconds: z.optional(z.int().check(z.positive())),
  timestamps: z.optional(z.boolean()),
  previous: z.optional(z.boolean()),
});

/** Client → server: a command or shell in a container. */
export const execRequestSchema = z.object({
  op: z.literal('exec'),
  id,
  cluster: name,
  namespace: name,
  pod: name,
  container: optionalText,
  command: z.array(z.string()).check(z.minLength(1)),
  tty: z.boolean(),
  stdin: z.boolean(),
});

export const clientMessageSchema = z.discriminatedUnion('op', [
  watchRequestSchema,
  logsRequestSchema,
  execRequestSchema,
  z.object({
    op: z.literal('resize'),
    id,
    cols: z.int().check(z.positive(), z.maximum(10_000)),
    rows: z.int().check(z.positive(), z.maximum(10_000)),
  }),
  z.object({ op: z.literal('stdin-close'), id }),
  z.object({ op: z.literal('clusters'), id }),
  // Every kubeconfig file's state (KubeconfigFileState items), live.
  z.object({ op: z.literal('kubeconfig-files'), id }),
  // Every context's health (ContextHealth items); the backend probes while someone subscribes.
  z.object({ op: z.literal('health'), id }),
  z.object({ op: z.literal('cancel'), id }),
  z.object({ op: z.literal('ping'), t: z.number() }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;
export type WatchRequest = z.infer<typeof watchRequestSchema>;
export type LogsRequest = z.infer<typeof logsRequestSchema>;
export type ExecRequest = z.infer<typeof execRequestSchema>;

/** A Kubernetes object as the multiplexer carries it: raw JSON, never narrowed to a typed model. */
export const kubeObjectSchema = z.looseObject({
  metadata: z.looseObject({
    name: z.optional(z.string()),
    uid: z.optional(z.string()),
    resourceVersion: z.optional(z.string()),
  }),
});
export type KubeObject = z.infer<typeof kubeObjectSchema>;

export const watchEventSchema = z.object({
  type: z.enum(['ADDED', 'MODIFIED', 'DELETED']),
  object: kubeObjectSchema,
});
export type WatchEvent = z.infer<typeof watchEventSchema>;

/**
 * Why a subscription's upstream is `reconnecting`: its last attempt's failure, as the Status it was
 * (`code`, `reason`, `message`), e.g. `{ code: 504, reason: 'Timeout', message: 'cluster "prod" (...) is not
 * answering: no TLS handshake after 10 s' }`.
 */
export const upstreamCauseSchema = z.object({
  code: z.int(),
  reason: z.string(),
  message: z.string(),
});
export type UpstreamCause = z.infer<typeof upstreamCauseSchema>;

/**
 * Server → client, only to a `watch` that asked `chunked: true`: part of a `sync` still being listed,
 * sent as each page of the upstream LIST arrives so a big list shows its first rows at once.
 *
 * Rules (the wire contract; the backend and SDK both follow them):
 * - `part` counts the chunks of one listing from 0. A chunk with `part: 0` starts a new chunked sync and
 *   discards any chunks held since the last `sync` (the upstream LIST started over: a continue token
 *   expired, a relist after a 410, a reconnect); chunks are never merged across a `part: 0`.
 * - A `sync` with `chunks: N` completes the chunked sync: the complete set is the items of parts 0..N-1
 *   plus the `sync`'s own `items` (the last page), at its `resourceVersion`; an object is in exactly one
 *   of them. A client holding any other parts than 0..N-1 (which an ordered socket never produces)
 *   cannot trust its state and reports the subscription as failed (the SDK: status `error`, code 500).
 * - A `sync` without `chunks` is the complete set, as always: chunks held are discarded (the server
 *   gave up streaming this listing to a slow socket, or the client joined it half-way).
 * - Until that `sync`, the chunks are not a state to resume from (they carry no resourceVersion): a
 *   client that reconnects mid-way resubscribes as if it held nothing new, and the answer starts over
 *   with `part: 0` or a whole `sync`.
 * - `remainingItemCount` is the API server's estimate of the objects still to come (absent when it
 *   gives none, e.g. with a field selector); it is a hint for a progress display, not a promise.
 * - A client that holds a state (it had a `sync` before: a resync after a 410) should keep showing that
 *   state and apply the chunks only with the completing `sync`; a client that holds nothing may show the
 *   chunks as they come (`loading`, with the items so far).
 *
 * @example
 * // The first page of 10,000 pods, then the last one:
 * { op: 'sync-chunk', id: 3, part: 0, items: [pod1, ...pod500], remainingItemCount: 9500 }
 * // ... parts 1-18 ...
 * { op: 'sync', id: 3, items: [pod9501, ...pod10000], resourceVersion: '81234', chunks: 19 }
 */
export const syncChunkMessageSchema = z.object({
  op: z.literal('sync-chunk'),
  id,
  part: z.int().check(z.nonnegative()),
  items: z.array(z.looseObject({})),
  remainingItemCount: z.optional(z.int().check(z.nonnegative())),
});

/** One `sync-chunk` message (see {@link syncChunkMessageSchema}). */
export type SyncChunkMessage = z.infer<typeof syncChunkMessageSchema>;

export const serverMessageSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('ack'), id }),
  // Items are Kubernetes objects for `watch`, ClusterSummary entries for `clusters`, KubeconfigFileState
  // for `kubeconfig-files`, ContextHealth for `health`: the subscription's request says which.
  // With `chunks`: completes a chunked sync of that many `sync-chunk`s (parts 0..chunks-1, see
  // syncChunkMessageSchema); without: the complete set, and any chunks held are discarded.
  z.object({
    op: z.literal('sync'),
    id,
    items: z.array(z.looseObject({})),
    resourceVersion: z.string(),
    chunks: z.optional(z.int().check(z.positive())),
  }),
  syncChunkMessageSchema,
  z.object({ op: z.literal('events'), id, events: z.array(watchEventSchema), resourceVersion: z.string() }),
  z.object({ op: z.literal('lines'), id, lines: z.array(z.string()) }),
  z.object({ op: z.literal('open'), id, protocol: z.string() }),
  z.object({ op: z.literal('exit'), id, code: z.int(), message: z.optional(z.string()) }),
  z.object({
    op: z.literal('status'),
    id,
    state: z.enum(['live', 'reconnecting', 'resyncing']),
    // Why the upstream is reconnecting (the failure of its last attempt, e.g. a 504 "not answering");
    // absent for `live` and from older servers.
    cause: z.optional(upstreamCauseSchema),
  }),
  z.object({ op: z.literal('error'), id, code: z.int(), reason: z.string(), message: z.string() }),
  z.object({ op: z.literal('end'), id }),
  z.object({ op: z.literal('pong'), t: z.number() }),
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;
/** One server message of the given `op`. */
export type ServerMessageOf<Op extends ServerMessage['op']> = Extract<ServerMessage, { op: Op }>;
/** Subscription states the server reports with `status`. */
export type UpstreamState = ServerMessageOf<'status'>['state'];

/** Channels of a binary exec frame. */
export const execChannel = { stdin: 0, stdout: 1, stderr: 2 } as const;
export type ExecChannel = (typeof execChannel)[keyof typeof execChannel];

/** One binary frame: the subscription, the channel, the bytes. */
export interface ExecFrame {
  id: number;
  channel: ExecChannel;
  payload: Uint8Array;
}

/**
 * Encodes a binary exec frame: 4 bytes subscription id (big-endian), 1 byte channel, payload.
 *
 * @example
 * socket.send(encodeExecFrame({ id: 7, channel: execChannel.stdin, payload: new TextEncoder().encode('ls\n') }));
 */
export function encodeExecFrame(frame: ExecFrame): Uint8Array {
  const out = new Uint8Array(5 + frame.payload.length);
  new DataView(out.buffer).setUint32(0, frame.id);
  out[4] = frame.channel;
  out.set(frame.payload, 5);
  return out;
}

/**
 * Decodes a binary exec frame; `undefined` when it is shorter than its header or names an unknown channel.
 *
 * @example
 * const frame = decodeExecFrame(new Uint8Array(event.data));
 */
export function decodeExecFrame(bytes: Uint8Array): ExecFrame | undefined {
  if (bytes.length < 5) return undefined;
  const channel = bytes[4];
  if (channel !== 0 && channel !== 1 && channel !== 2) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { id: view.getUint32(0), channel, payload: bytes.subarray(5) };
}
