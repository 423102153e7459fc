import { isForbidden } from '@porthole/protocol';
import { describe, expect, it } from 'vitest';
import { parseServerMessage, statusErrorOf } from './server-message.ts';

describe('parseServerMessage', () => {
  it('parses small messages with the protocol schema', () => {
    expect(parseServerMessage('{"op":"ack","id":3}')).toEqual({ op: 'ack', id: 3 });
    expect(parseServerMessage('{"op":"pong","t":5}')).toEqual({ op: 'pong', t: 5 });
    expect(parseServerMessage('{"op":"status","id":1,"state":"resyncing"}')).toMatchObject({
      state: 'resyncing',
    });
    expect(parseServerMessage('{"op":"status","id":1,"state":"bored"}')).toBeUndefined();
    expect(parseServerMessage('{"op":"nope","id":1}')).toBeUndefined();
    expect(parseServerMessage('not json')).toBeUndefined();
    expect(parseServerMessage('[1,2]')).toBeUndefined();
  });

  it('checks sync-chunk envelopes and the chunk count of a completing sync by hand', () => {
    const chunk = {
      op: 'sync-chunk',
      id: 1,
      part: 2,
      items: [{ metadata: { uid: 'u' } }],
      remainingItemCount: 40,
    };
    expect(parseServerMessage(JSON.stringify(chunk))).toEqual(chunk);
    for (const bad of [
      { ...chunk, part: -1 },
      { ...chunk, part: '1' },
      { ...chunk, items: [7] },
      { ...chunk, remainingItemCount: -3 },
      { ...chunk, id: 'x' },
    ])
      expect(parseServerMessage(JSON.stringify(bad)), JSON.stringify(bad)).toBeUndefined();
    const sync = { op: 'sync', id: 1, items: [], resourceVersion: '9', chunks: 3 };
    expect(parseServerMessage(JSON.stringify(sync))).toEqual(sync);
    expect(parseServerMessage(JSON.stringify({ ...sync, chunks: 0 }))).toBeUndefined();
    expect(parseServerMessage(JSON.stringify({ ...sync, chunks: 1.5 }))).toBeUndefined();
  });

  it('checks sync and events envelopes and keeps unknown fields of objects', () => {
    const sync = parseServerMessage(
      JSON.stringify({
        op: 'sync',
        id: 1,
        resourceVersion: '9',
        items: [{ metadata: { uid: 'u' }, spec: { x: 1 } }],
      }),
    );
    expect(sync).toEqual({
      op: 'sync',
      id: 1,
      resourceVersion: '9',
      items: [{ metadata: { uid: 'u' }, spec: { x: 1 } }],
    });
    expect(parseServerMessage('{"op":"sync","id":1,"resourceVersion":"9","items":[1]}')).toBeUndefined();
    expect(parseServerMessage('{"op":"sync","id":-1,"resourceVersion":"9","items":[]}')).toBeUndefined();
    expect(parseServerMessage('{"op":"sync","id":1,"items":[]}')).toBeUndefined();
    const event = { type: 'MODIFIED', object: { metadata: { uid: 'u' }, data: {} } };
    expect(
      parseServerMessage(JSON.stringify({ op: 'events', id: 2, resourceVersion: '3', events: [event] })),
    ).toEqual({
      op: 'events',
      id: 2,
      resourceVersion: '3',
      events: [event],
    });
    const bad = { type: 'BOOKMARK', object: { metadata: {} } };
    expect(
      parseServerMessage(JSON.stringify({ op: 'events', id: 2, resourceVersion: '3', events: [bad] })),
    ).toBeUndefined();
    const noMetadata = { type: 'ADDED', object: {} };
    expect(
      parseServerMessage(JSON.stringify({ op: 'events', id: 2, resourceVersion: '3', events: [noMetadata] })),
    ).toBeUndefined();
  });
});

describe('statusErrorOf', () => {
  it('builds a StatusError carrying the error message as a Kubernetes Status', () => {
    const error = statusErrorOf({ code: 403, reason: 'Forbidden', message: 'pods is forbidden' });
    expect(isForbidden(error)).toBe(true);
    expect(error.message).toBe('pods is forbidden');
    expect(error.status).toMatchObject({ kind: 'Status', status: 'Failure', code: 403 });
  });
});
