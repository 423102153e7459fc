import { type ServerMessage, StatusError, serverMessageSchema } from '@porthole/protocol';

const eventTypes = new Set(['ADDED', 'MODIFIED', 'DELETED']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isId(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffffffff;
}

/**
 * Checks `sync`, `sync-chunk` and `events` envelopes by hand: a sync can carry 10,000 objects, and running the zod
 * schema over each of them would cost more than the rest of the message's handling. Items are trusted
 * to be Kubernetes objects (or cluster summaries) once they are objects; the reducer then skips any
 * without a key.
 */
function isCount(value: unknown, least: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= least;
}

function parseBulk(message: Record<string, unknown>): ServerMessage | undefined {
  if (!isId(message.id)) return undefined;
  if (message.op === 'sync-chunk') {
    if (!isCount(message.part, 0)) return undefined;
    if (message.remainingItemCount !== undefined && !isCount(message.remainingItemCount, 0)) return undefined;
  } else if (typeof message.resourceVersion !== 'string') return undefined;
  if (message.op === 'sync' || message.op === 'sync-chunk') {
    const items = message.items;
    if (!Array.isArray(items) || !items.every(isRecord)) return undefined;
    if (message.chunks !== undefined && !isCount(message.chunks, 1)) return undefined;
    return message as ServerMessage;
  }
  const events = message.events;
  if (!Array.isArray(events)) return undefined;
  for (const event of events) {
    if (!isRecord(event) || !eventTypes.has(event.type as string)) return undefined;
    if (!isRecord(event.object) || !isRecord(event.object.metadata)) return undefined;
  }
  return message as ServerMessage;
}

/**
 * Parses one text frame from the multiplexer; `undefined` when it is not a valid server message (the
 * client ignores it). Small messages go through the protocol's schema; `sync` and `events` get a cheap
 * envelope check (see {@link parseBulk}).
 *
 * @example
 * const message = parseServerMessage(event.data);
 * if (message?.op === 'sync') collection.sync(message.items, message.resourceVersion);
 */
export function parseServerMessage(text: string): ServerMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  if (value.op === 'sync' || value.op === 'sync-chunk' || value.op === 'events') return parseBulk(value);
  const parsed = serverMessageSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/**
 * The `StatusError` an `error` message stands for.
 *
 * @example
 * statusErrorOf({ op: 'error', id: 3, code: 403, reason: 'Forbidden', message: 'pods is forbidden' });
 */
export function statusErrorOf(message: { code: number; reason: string; message: string }): StatusError {
  return new StatusError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    code: message.code,
    reason: message.reason,
    message: message.message,
  });
}
