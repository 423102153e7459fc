import type { KubeObject } from '@porthole/protocol';
import { createRoot, createSignal } from 'solid-js';
import { unwrap } from 'solid-js/store';
import { describe, expect, it } from 'vitest';
import type { LiveCollection } from '../live/live-collection.ts';
import type { WatchOptions } from '../live/watch.ts';
import { createClusters } from './create-clusters.ts';
import { createWatch, createWatchOne } from './create-watch.ts';
import { drivenClient } from './driven-client.ts';

const cm = (uid: string, name: string, data: Record<string, string> = {}): KubeObject => ({
  metadata: { uid, name, namespace: 'default' },
  data,
});
const target = (namespace: string): WatchOptions => ({
  cluster: 'c',
  group: '',
  version: 'v1',
  resource: 'configmaps',
  namespace,
});

describe('createWatch', () => {
  it('reads items from a store keyed by uid: rows keep identity, fields update in place', () => {
    const { client, server } = drivenClient();
    const { watch, dispose } = createRoot((dispose) => ({
      watch: createWatch(client, () => target('default')),
      dispose,
    }));
    expect(watch.status()).toBe('loading');
    server({ op: 'sync', id: 1, items: [cm('u2', 'b'), cm('u1', 'a', { x: '1' })], resourceVersion: '5' });
    expect(watch.status()).toBe('live');
    expect(watch.items().map((o) => o.metadata.name)).toEqual(['a', 'b']);
    const rowA = watch.items()[0];
    server({
      op: 'events',
      id: 1,
      events: [
        { type: 'MODIFIED', object: cm('u1', 'a', { x: '2' }) },
        { type: 'ADDED', object: cm('u0', '0') },
        { type: 'DELETED', object: cm('u2', 'b') },
      ],
      resourceVersion: '7',
    });
    expect(watch.items().map((o) => o.metadata.name)).toEqual(['0', 'a']);
    expect(watch.items()[1]).toBe(rowA);
    expect(rowA?.data).toEqual({ x: '2' });
    expect(watch.resourceVersion()).toBe('7');
    // A fresh sync with the same object keeps its row too.
    server({ op: 'sync', id: 1, items: [cm('u1', 'a', { x: '3' })], resourceVersion: '9' });
    expect(watch.items()).toEqual([rowA]);
    expect(watch.items()[0]).toBe(rowA);
    expect(rowA?.data).toEqual({ x: '3' });
    dispose();
  });

  it('shows the rows of a chunked sync as they arrive, with progress, until the completing sync', () => {
    const { client, server } = drivenClient();
    const { watch, dispose } = createRoot((dispose) => ({
      watch: createWatch(client, () => target('default')),
      dispose,
    }));
    server({
      op: 'sync-chunk',
      id: 1,
      part: 0,
      items: [cm('u2', 'b'), cm('u1', 'a')],
      remainingItemCount: 2,
    });
    expect(watch.items().map((o) => o.metadata.name)).toEqual(['a', 'b']);
    expect(watch.status()).toBe('loading');
    expect(watch.progress()).toEqual({ received: 2, remaining: 2 });
    const rowA = watch.items()[0];
    // The LIST started over: the rows shown are replaced, never doubled.
    server({ op: 'sync-chunk', id: 1, part: 0, items: [cm('u1', 'a')], remainingItemCount: 3 });
    expect(watch.items().map((o) => o.metadata.name)).toEqual(['a']);
    server({ op: 'sync-chunk', id: 1, part: 1, items: [cm('u3', 'c')] });
    server({ op: 'sync', id: 1, items: [cm('u4', 'd')], resourceVersion: '8', chunks: 2 });
    expect(watch.items().map((o) => o.metadata.name)).toEqual(['a', 'c', 'd']);
    expect(watch.status()).toBe('live');
    expect(watch.progress()).toBeUndefined();
    expect(watch.resourceVersion()).toBe('8');
    expect(rowA).toBeDefined();
    dispose();
  });

  it('shows a first chunk at once, catches up in steps while chunks pour in, and ends with every row', () => {
    const { client, server } = drivenClient();
    const { watch, dispose } = createRoot((dispose) => ({
      watch: createWatch(client, () => target('default')),
      dispose,
    }));
    const name = (i: number) => `cm-${String(i).padStart(3, '0')}`;
    const shown: number[] = [];
    server({
      op: 'sync-chunk',
      id: 1,
      part: 0,
      items: Array.from({ length: 8 }, (_, i) => cm(`u${i}`, name(i))),
    });
    shown.push(watch.items().length);
    for (let part = 1; part <= 12; part++) {
      server({ op: 'sync-chunk', id: 1, part, items: [cm(`u${7 + part}`, name(7 + part))] });
      shown.push(watch.items().length);
      expect(watch.progress()?.received).toBe(8 + part);
    }
    expect(shown[0]).toBe(8);
    // Not one store update per chunk: some chunks wait for the rows to grow by a quarter.
    expect(new Set(shown).size).toBeLessThan(shown.length);
    expect(shown.at(-1)).toBeLessThanOrEqual(20);
    server({ op: 'sync', id: 1, items: [cm('u20', name(20))], resourceVersion: '4', chunks: 13 });
    expect(watch.items().map((o) => o.metadata.name)).toEqual(Array.from({ length: 21 }, (_, i) => name(i)));
    expect(watch.status()).toBe('live');
    dispose();
  });

  it('holds one copy of each object: the collection takes the store objects a modify or a sync reconciled into', () => {
    const { client, server } = drivenClient();
    let collection: LiveCollection<KubeObject> | undefined;
    const open = client.watch.bind(client);
    client.watch = <T extends KubeObject>(o: WatchOptions) => {
      const opened = open<T>(o);
      collection = opened as unknown as LiveCollection<KubeObject>;
      return opened;
    };
    const { watch, dispose } = createRoot((dispose) => ({
      watch: createWatch(client, () => target('default')),
      dispose,
    }));
    server({ op: 'sync', id: 1, items: [cm('u1', 'a', { x: '1' }), cm('u2', 'b')], resourceVersion: '5' });
    const [rowA, rowB] = watch.items();
    server({
      op: 'events',
      id: 1,
      events: [{ type: 'MODIFIED', object: cm('u1', 'a', { x: '2' }) }],
      resourceVersion: '6',
    });
    expect(unwrap(rowA)?.data).toEqual({ x: '2' });
    expect(collection?.get('u1')).toBe(unwrap(rowA));
    server({
      op: 'sync',
      id: 1,
      items: [cm('u1', 'a', { x: '3' }), cm('u2', 'b', { y: '1' })],
      resourceVersion: '9',
    });
    expect(watch.items()).toEqual([rowA, rowB]);
    expect(collection?.items().map((o) => o)).toEqual([unwrap(rowA), unwrap(rowB)]);
    expect(collection?.get('u1')).toBe(unwrap(rowA));
    expect(collection?.get('u2')).toBe(unwrap(rowB));
    dispose();
  });

  it('follows its arguments: a new namespace cancels the old watch; disposal cancels the last', () => {
    const { client, server, sent, live } = drivenClient();
    const [namespace, setNamespace] = createSignal<string | undefined>('one');
    const { watch, dispose } = createRoot((dispose) => ({
      watch: createWatch(client, () => {
        const ns = namespace();
        return ns ? target(ns) : undefined;
      }),
      dispose,
    }));
    server({ op: 'sync', id: 1, items: [cm('u1', 'a')], resourceVersion: '5' });
    expect(watch.items()).toHaveLength(1);
    setNamespace('two');
    expect(sent).toContainEqual({ op: 'cancel', id: 1 });
    expect(sent).toContainEqual(expect.objectContaining({ op: 'watch', id: 2, namespace: 'two' }));
    expect(watch.items()).toEqual([]);
    expect(watch.status()).toBe('loading');
    setNamespace(undefined);
    expect(sent).toContainEqual({ op: 'cancel', id: 2 });
    setNamespace('two');
    expect(live()).toEqual([3]);
    dispose();
    expect(live()).toEqual([]);
    expect(sent.at(-1)).toEqual({ op: 'cancel', id: 3 });
  });

  it('shows the error that ended the watch', () => {
    const { client, server } = drivenClient();
    const { watch, dispose } = createRoot((dispose) => ({
      watch: createWatch(client, () => target('default')),
      dispose,
    }));
    server({ op: 'error', id: 1, code: 403, reason: 'Forbidden', message: 'configmaps is forbidden' });
    expect(watch.status()).toBe('error');
    expect(watch.error()?.code).toBe(403);
    dispose();
  });
});

describe('createWatchOne', () => {
  it('reads one object, updated in place, undefined once deleted', () => {
    const { client, server } = drivenClient();
    const { one, dispose } = createRoot((dispose) => ({
      one: createWatchOne(client, () => ({ ...target('default'), name: 'a' })),
      dispose,
    }));
    expect(one.object()).toBeUndefined();
    server({ op: 'sync', id: 1, items: [cm('u1', 'a', { x: '1' })], resourceVersion: '5' });
    const first = one.object();
    server({
      op: 'events',
      id: 1,
      events: [{ type: 'MODIFIED', object: cm('u1', 'a', { x: '2' }) }],
      resourceVersion: '6',
    });
    expect(one.object()).toBe(first);
    expect(one.object()?.data).toEqual({ x: '2' });
    server({
      op: 'events',
      id: 1,
      events: [{ type: 'DELETED', object: cm('u1', 'a') }],
      resourceVersion: '7',
    });
    expect(one.object()).toBeUndefined();
    dispose();
  });
});

describe('createClusters', () => {
  it('keeps the cluster list by name and cancels with its owner', () => {
    const { client, server, sent } = drivenClient();
    const summary = { server: 'https://x', distribution: 'kubernetes', namespace: 'default', source: '/k' };
    const { clusters, dispose } = createRoot((dispose) => ({ clusters: createClusters(client), dispose }));
    server({
      op: 'sync',
      id: 1,
      items: [
        { name: 'b', ...summary },
        { name: 'a', ...summary },
      ],
      resourceVersion: '1',
    });
    const b = clusters.items()[1];
    server({ op: 'sync', id: 1, items: [{ name: 'b', ...summary, error: 'gone' }], resourceVersion: '2' });
    expect(clusters.items().map((c) => c.name)).toEqual(['b']);
    expect(clusters.items()[0]).toBe(b);
    expect(b?.error).toBe('gone');
    dispose();
    expect(sent.at(-1)).toEqual({ op: 'cancel', id: 1 });
  });
});
