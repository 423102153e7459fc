import { describe, expect, it } from 'vitest';
import {
  clientMessageSchema,
  decodeExecFrame,
  encodeExecFrame,
  execChannel,
  serverMessageSchema,
} from './index.ts';

describe('clientMessageSchema', () => {
  it('accepts every request of the protocol', () => {
    const messages = [
      {
        op: 'watch',
        id: 1,
        cluster: 'prod',
        group: '',
        version: 'v1',
        resource: 'pods',
        namespace: 'default',
        resourceVersion: '42',
      },
      {
        op: 'logs',
        id: 2,
        cluster: 'prod',
        namespace: 'default',
        pod: 'web-1',
        follow: true,
        tailLines: 100,
      },
      {
        op: 'exec',
        id: 3,
        cluster: 'prod',
        namespace: 'default',
        pod: 'web-1',
        command: ['sh'],
        tty: true,
        stdin: true,
      },
      { op: 'resize', id: 3, cols: 120, rows: 40 },
      { op: 'stdin-close', id: 3 },
      { op: 'clusters', id: 4 },
      { op: 'cancel', id: 1 },
      { op: 'ping', t: 1700000000000 },
    ];
    for (const m of messages) expect(clientMessageSchema.safeParse(m).success, JSON.stringify(m)).toBe(true);
  });

  it('rejects an unknown op, a missing field and a negative id with the path of the problem', () => {
    expect(clientMessageSchema.safeParse({ op: 'subscribe', id: 1 }).success).toBe(false);
    const missing = clientMessageSchema.safeParse({
      op: 'watch',
      id: 1,
      cluster: 'prod',
      group: '',
      version: 'v1',
    });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues.map((i) => i.path.join('.'))).toContain('resource');
    expect(clientMessageSchema.safeParse({ op: 'cancel', id: -1 }).success).toBe(false);
  });
});

describe('serverMessageSchema', () => {
  it('accepts a sync and an events batch carrying raw objects with unknown fields', () => {
    const object = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'a', uid: 'u1', resourceVersion: '5' },
      data: { x: '1' },
    };
    const sync = serverMessageSchema.parse({ op: 'sync', id: 1, items: [object], resourceVersion: '5' });
    expect(sync).toEqual({ op: 'sync', id: 1, items: [object], resourceVersion: '5' });
    expect(
      serverMessageSchema.safeParse({
        op: 'events',
        id: 1,
        events: [{ type: 'DELETED', object }],
        resourceVersion: '6',
      }).success,
    ).toBe(true);
    expect(
      serverMessageSchema.safeParse({
        op: 'events',
        id: 1,
        events: [{ type: 'BOOKMARK', object }],
        resourceVersion: '6',
      }).success,
    ).toBe(false);
  });
});

describe('serverMessageSchema status', () => {
  it('accepts a status with the cause of a reconnect, and one without (older servers, live)', () => {
    const cause = { code: 504, reason: 'Timeout', message: 'cluster "prod" (https://x) is not answering' };
    expect(serverMessageSchema.parse({ op: 'status', id: 1, state: 'reconnecting', cause })).toEqual({
      op: 'status',
      id: 1,
      state: 'reconnecting',
      cause,
    });
    expect(serverMessageSchema.parse({ op: 'status', id: 1, state: 'live' })).toEqual({
      op: 'status',
      id: 1,
      state: 'live',
    });
    expect(
      serverMessageSchema.safeParse({ op: 'status', id: 1, state: 'reconnecting', cause: { code: 'x' } })
        .success,
    ).toBe(false);
  });
});

describe('encodeExecFrame', () => {
  it('round-trips through decodeExecFrame with a big-endian id', () => {
    const payload = new TextEncoder().encode('héllo');
    const bytes = encodeExecFrame({ id: 0x01020304, channel: execChannel.stdout, payload });
    expect([...bytes.subarray(0, 5)]).toEqual([1, 2, 3, 4, 1]);
    const frame = decodeExecFrame(bytes);
    expect(frame?.id).toBe(0x01020304);
    expect(frame?.channel).toBe(1);
    expect(new TextDecoder().decode(frame?.payload)).toBe('héllo');
  });

  it('refuses frames that are too short or name an unknown channel', () => {
    expect(decodeExecFrame(new Uint8Array([0, 0, 0]))).toBeUndefined();
    expect(decodeExecFrame(new Uint8Array([0, 0, 0, 1, 9, 65]))).toBeUndefined();
  });
});

describe('syncChunkMessageSchema', () => {
  const pod = { metadata: { name: 'p-1', uid: 'u-1' }, spec: { nodeName: 'n' } };

  it('accepts a chunk of raw objects with its part and the API server estimate of what remains', () => {
    const parsed = serverMessageSchema.parse({
      op: 'sync-chunk',
      id: 3,
      part: 0,
      items: [pod],
      remainingItemCount: 9500,
    });
    expect(parsed).toEqual({ op: 'sync-chunk', id: 3, part: 0, items: [pod], remainingItemCount: 9500 });
    expect(serverMessageSchema.safeParse({ op: 'sync-chunk', id: 3, part: 7, items: [] }).success).toBe(true);
  });

  it('accepts a sync that completes chunks, and refuses a chunk count that is not a positive integer', () => {
    const sync = { op: 'sync', id: 3, items: [pod], resourceVersion: '9' };
    expect(serverMessageSchema.parse({ ...sync, chunks: 19 })).toMatchObject({ chunks: 19 });
    expect(serverMessageSchema.parse(sync)).not.toHaveProperty('chunks');
    for (const chunks of [0, -1, 2.5, '3'])
      expect(serverMessageSchema.safeParse({ ...sync, chunks }).success, String(chunks)).toBe(false);
  });

  it('rejects a chunk without a part, with a negative or fractional part, or with items that are not objects', () => {
    for (const bad of [
      { op: 'sync-chunk', id: 3, items: [pod] },
      { op: 'sync-chunk', id: 3, part: -1, items: [pod] },
      { op: 'sync-chunk', id: 3, part: 1.5, items: [pod] },
      { op: 'sync-chunk', id: 3, part: 0, items: ['pod'] },
      { op: 'sync-chunk', id: 3, part: 0, items: [pod], remainingItemCount: -2 },
    ])
      expect(serverMessageSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });
});

describe('watchRequestSchema chunked', () => {
  const watch = { op: 'watch', id: 1, cluster: 'prod', group: '', version: 'v1', resource: 'pods' };

  it('accepts a watch that asks for chunks, and one that does not (older clients)', () => {
    expect(clientMessageSchema.parse({ ...watch, chunked: true })).toMatchObject({ chunked: true });
    expect(clientMessageSchema.parse(watch)).not.toHaveProperty('chunked');
  });

  it('rejects a chunked flag that is not a boolean', () => {
    expect(clientMessageSchema.safeParse({ ...watch, chunked: 'yes' }).success).toBe(false);
  });
});
