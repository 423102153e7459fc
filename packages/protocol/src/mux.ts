import { z } from 'zod';

/**
 * The multiplexer's wire messages (`GET /ws`, subprotocol `porthole.v1`; see shared/design/multiplexer.md),
 * written once for the backend and the SDK.
 */
export const muxSubprotocol = 'porthole.v1';

const id = z.number().int().nonnegative().max(0xffffffff);
const name = z.string().min(1);
const optionalText = z.string().min(1).optional();

/** Client → server: list then watch a resource (one object with `name`; resume with `resourceVersion`). */
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
  tailLines: z.number().int().nonnegative().optional(),
  sinceSeconds: z.number().int().positive().optional(),
  timestamps: z.boolean().optional(),
  previous: z.boolean().optional(),
});

/** Client → server: a command or shell in a container. */
export const execRequestSchema = z.object({
  op: z.literal('exec'),
  id,
  cluster: name,
  namespace: name,
  pod: name,
  container: optionalText,
  command: z.array(z.string()).min(1),
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
    cols: z.number().int().positive().max(10_000),
    rows: z.number().int().positive().max(10_000),
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
    name: z.string().optional(),
    uid: z.string().optional(),
    resourceVersion: z.string().optional(),
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
  code: z.number().int(),
  reason: z.string(),
  message: z.string(),
});
export type UpstreamCause = z.infer<typeof upstreamCauseSchema>;

export const serverMessageSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('ack'), id }),
  // Items are Kubernetes objects for `watch`, ClusterSummary entries for `clusters`, KubeconfigFileState
  // for `kubeconfig-files`, ContextHealth for `health`: the subscription's request says which.
  z.object({ op: z.literal('sync'), id, items: z.array(z.looseObject({})), resourceVersion: z.string() }),
  z.object({ op: z.literal('events'), id, events: z.array(watchEventSchema), resourceVersion: z.string() }),
  z.object({ op: z.literal('lines'), id, lines: z.array(z.string()) }),
  z.object({ op: z.literal('open'), id, protocol: z.string() }),
  z.object({ op: z.literal('exit'), id, code: z.number().int(), message: z.string().optional() }),
  z.object({
    op: z.literal('status'),
    id,
    state: z.enum(['live', 'reconnecting', 'resyncing']),
    // Why the upstream is reconnecting (the failure of its last attempt, e.g. a 504 "not answering");
    // absent for `live` and from older servers.
    cause: upstreamCauseSchema.optional(),
  }),
  z.object({ op: z.literal('error'), id, code: z.number().int(), reason: z.string(), message: z.string() }),
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
