import type { ClientMessage, ServerMessage } from '@porthole/protocol';
import { describe, expect, it } from 'vitest';
import type { LiveChange } from './live-collection.ts';
import type { SubscriptionChannel } from './subscription.ts';
import {
  createClustersSubscription,
  createHealthSubscription,
  createKubeconfigFilesSubscription,
  createWatchOneSubscription,
  createWatchSubscription,
} from './watch.ts';

function recordingChannel(id = 7) {
  const sent: ClientMessage[] = [];
  const released: boolean[] = [];
  const channel: SubscriptionChannel = {
    id,
    send: (message) => sent.push(message),
    sendBytes: () => {},
    release: (cancel) => released.push(cancel),
  };
  return { channel, sent, released };
}

const cm = (uid: string, name: string, rv: string) => ({
  metadata: { uid, name, namespace: 'default', resourceVersion: rv },
});
const target = { cluster: 'c', group: '', version: 'v1', resource: 'configmaps', namespace: 'default' };

describe('createWatchSubscription', () => {
  it('asks for a watch, then resumes from the last resourceVersion it saw', () => {
    const { channel } = recordingChannel();
    const watch = createWatchSubscription(channel, { ...target, labelSelector: 'a=b' });
    expect(watch.request(false)).toEqual({
      op: 'watch',
      id: 7,
      ...target,
      labelSelector: 'a=b',
      chunked: true,
    });
    watch.receive({ op: 'sync', id: 7, items: [cm('u1', 'a', '5')], resourceVersion: '10' });
    watch.receive({
      op: 'events',
      id: 7,
      events: [{ type: 'ADDED', object: cm('u2', 'b', '11') }],
      resourceVersion: '11',
    });
    expect(watch.request(true)).toEqual({
      op: 'watch',
      id: 7,
      ...target,
      labelSelector: 'a=b',
      chunked: true,
      resourceVersion: '11',
    });
  });

  it('goes loading → live on sync, follows the server status, and is reconnecting after a drop until data arrives', () => {
    const { channel } = recordingChannel();
    const watch = createWatchSubscription(channel, target);
    const changes: LiveChange<unknown>['type'][] = [];
    watch.subscribe((change) => changes.push(change.type));
    expect(watch.status()).toBe('loading');
    watch.receive({ op: 'sync', id: 7, items: [cm('u1', 'a', '5')], resourceVersion: '10' });
    expect(watch.status()).toBe('live');
    watch.receive({ op: 'status', id: 7, state: 'resyncing' });
    expect(watch.status()).toBe('resyncing');
    watch.receive({ op: 'sync', id: 7, items: [], resourceVersion: '12' });
    expect(watch.status()).toBe('live');
    expect(watch.items()).toEqual([]);
    watch.disconnected();
    expect(watch.status()).toBe('reconnecting');
    watch.receive({
      op: 'events',
      id: 7,
      events: [{ type: 'ADDED', object: cm('u3', 'c', '13') }],
      resourceVersion: '13',
    });
    expect(watch.status()).toBe('live');
    expect(changes).toEqual(['sync', 'status', 'sync', 'status', 'events']);
  });

  it('tells why it is reconnecting when the server says, a new cause each time, and forgets it once data arrives', () => {
    const { channel } = recordingChannel();
    const watch = createWatchSubscription(channel, target);
    const changes: LiveChange<unknown>['type'][] = [];
    watch.subscribe((change) => changes.push(change.type));
    const notAnswering = 'cluster "c" (https://x) is not answering: no TLS handshake after 10 s';
    watch.receive({
      op: 'status',
      id: 7,
      state: 'reconnecting',
      cause: { code: 504, reason: 'Timeout', message: notAnswering },
    });
    expect(watch.status()).toBe('reconnecting');
    expect(watch.cause()?.status).toMatchObject({ code: 504, reason: 'Timeout', message: notAnswering });
    watch.receive({
      op: 'status',
      id: 7,
      state: 'reconnecting',
      cause: { code: 502, reason: 'ServiceUnavailable', message: 'connection refused' },
    });
    expect(watch.cause()?.message).toBe('connection refused');
    watch.receive({ op: 'sync', id: 7, items: [], resourceVersion: '3' });
    expect(watch.status()).toBe('live');
    expect(watch.cause()).toBeUndefined();
    expect(changes).toEqual(['status', 'status', 'sync']);
  });

  it('ends on error with the Status, releases without cancel and is not resubscribed', () => {
    const { channel, released } = recordingChannel();
    const watch = createWatchSubscription(channel, target);
    watch.receive({ op: 'error', id: 7, code: 403, reason: 'Forbidden', message: 'configmaps is forbidden' });
    expect(watch.status()).toBe('error');
    expect(watch.error()?.status).toMatchObject({ code: 403, reason: 'Forbidden' });
    expect(released).toEqual([false]);
    expect(watch.request(true)).toBeUndefined();
  });

  it('close() cancels once and ignores anything after', () => {
    const { channel, released } = recordingChannel();
    const watch = createWatchSubscription(channel, target);
    watch.close();
    watch.close();
    watch.receive({
      op: 'sync',
      id: 7,
      items: [cm('u1', 'a', '5')],
      resourceVersion: '10',
    } satisfies ServerMessage);
    expect(released).toEqual([true]);
    expect(watch.items()).toEqual([]);
  });
});

describe('createWatchSubscription chunked sync', () => {
  const names = (items: readonly { metadata: { name?: string } }[]) => items.map((i) => i.metadata.name);
  const chunk = (
    part: number,
    items: ReturnType<typeof cm>[],
    remainingItemCount?: number,
  ): ServerMessage => ({
    op: 'sync-chunk',
    id: 7,
    part,
    items,
    ...(remainingItemCount === undefined ? {} : { remainingItemCount }),
  });

  it('shows each chunk at once while loading, with how many so far and the estimate of the rest', () => {
    const { channel } = recordingChannel();
    const watch = createWatchSubscription(channel, target);
    const changes: LiveChange<unknown>[] = [];
    watch.subscribe((change) => changes.push(change));
    watch.receive(chunk(0, [cm('u2', 'b', '1'), cm('u1', 'a', '1')], 3));
    expect(names(watch.items())).toEqual(['a', 'b']);
    expect(watch.status()).toBe('loading');
    expect(watch.progress()).toEqual({ received: 2, remaining: 3 });
    expect(watch.resourceVersion()).toBeUndefined();
    watch.receive(chunk(1, [cm('u3', 'c', '1')], 2));
    expect(watch.progress()).toEqual({ received: 3, remaining: 2 });
    watch.receive({
      op: 'sync',
      id: 7,
      items: [cm('u4', 'd', '1'), cm('u5', 'e', '1')],
      resourceVersion: '9',
      chunks: 2,
    });
    expect(names(watch.items())).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(watch.status()).toBe('live');
    expect(watch.resourceVersion()).toBe('9');
    expect(watch.progress()).toBeUndefined();
    expect(changes.map((c) => c.type)).toEqual(['chunk', 'chunk', 'chunk']);
    expect(changes[2]).toMatchObject({
      type: 'chunk',
      reset: false,
      items: [{ metadata: { name: 'd' } }, { metadata: { name: 'e' } }],
    });
  });

  it('drops what it showed when the LIST starts over (part 0 again): no stale item, none twice', () => {
    const { channel } = recordingChannel();
    const watch = createWatchSubscription(channel, target);
    const changes: LiveChange<unknown>[] = [];
    watch.subscribe((change) => changes.push(change));
    watch.receive(chunk(0, [cm('u1', 'a', '1'), cm('gone', 'stale', '1')]));
    watch.receive(chunk(1, [cm('u2', 'b', '1')]));
    watch.receive(chunk(0, [cm('u1', 'a', '2')]));
    expect(names(watch.items())).toEqual(['a']);
    expect(changes.at(-1)).toMatchObject({ type: 'chunk', reset: true });
    watch.receive({ op: 'sync', id: 7, items: [cm('u2', 'b', '2')], resourceVersion: '20', chunks: 1 });
    expect(names(watch.items())).toEqual(['a', 'b']);
    expect(watch.items()[0]?.metadata.resourceVersion).toBe('2');
  });

  it('keeps showing the last state during a resync and replaces it whole when the chunks complete', () => {
    const { channel } = recordingChannel();
    const watch = createWatchSubscription(channel, target);
    watch.receive({
      op: 'sync',
      id: 7,
      items: [cm('u1', 'a', '1'), cm('old', 'deleted-meanwhile', '1')],
      resourceVersion: '5',
    });
    watch.receive({ op: 'status', id: 7, state: 'resyncing' });
    watch.receive(chunk(0, [cm('u1', 'a', '7')], 1));
    expect(names(watch.items())).toEqual(['a', 'deleted-meanwhile']);
    expect(watch.items()[0]?.metadata.resourceVersion).toBe('1');
    expect(watch.progress()).toEqual({ received: 1, remaining: 1 });
    watch.receive({ op: 'sync', id: 7, items: [cm('u2', 'b', '7')], resourceVersion: '7', chunks: 1 });
    expect(names(watch.items())).toEqual(['a', 'b']);
    expect(watch.items()[0]?.metadata.resourceVersion).toBe('7');
    expect(watch.status()).toBe('live');
  });

  it('after a drop mid-chunks resubscribes from nothing and takes the whole answer; a whole sync discards held chunks', () => {
    const { channel } = recordingChannel();
    const watch = createWatchSubscription(channel, target);
    watch.receive(chunk(0, [cm('u1', 'a', '1'), cm('u9', 'z', '1')]));
    watch.disconnected();
    expect(watch.request(true)).not.toHaveProperty('resourceVersion');
    watch.receive({
      op: 'sync',
      id: 7,
      items: [cm('u1', 'a', '3'), cm('u2', 'b', '3')],
      resourceVersion: '3',
    });
    expect(names(watch.items())).toEqual(['a', 'b']);
    expect(watch.status()).toBe('live');
  });

  it('fails with a 500 Status (and cancels) when a sync completes chunks it does not hold', () => {
    const { channel, released } = recordingChannel();
    const watch = createWatchSubscription(channel, target);
    watch.receive(chunk(0, [cm('u1', 'a', '1')]));
    watch.receive({ op: 'sync', id: 7, items: [], resourceVersion: '3', chunks: 2 });
    expect(watch.status()).toBe('error');
    expect(watch.error()?.status.code).toBe(500);
    expect(released).toEqual([true]);
    const other = createWatchSubscription(recordingChannel().channel, target);
    other.receive(chunk(1, [cm('u1', 'a', '1')]));
    expect(other.status()).toBe('error');
  });
});

describe('createWatchOneSubscription', () => {
  it('reads one object by name, undefined once deleted', () => {
    const { channel } = recordingChannel();
    const one = createWatchOneSubscription(channel, { ...target, name: 'a' });
    expect(one.request(false)).toMatchObject({ op: 'watch', name: 'a' });
    expect(one.object()).toBeUndefined();
    one.receive({ op: 'sync', id: 7, items: [cm('u1', 'a', '5')], resourceVersion: '5' });
    expect(one.object()?.metadata.uid).toBe('u1');
    one.receive({
      op: 'events',
      id: 7,
      events: [{ type: 'DELETED', object: cm('u1', 'a', '6') }],
      resourceVersion: '6',
    });
    expect(one.object()).toBeUndefined();
    expect(one.status()).toBe('live');
  });
});

describe('createClustersSubscription', () => {
  it('keeps the cluster list by name from full syncs, leaving out entries that are not ClusterSummary', () => {
    const { channel } = recordingChannel(3);
    const clusters = createClustersSubscription(channel);
    expect(clusters.request(false)).toEqual({ op: 'clusters', id: 3 });
    const summary = { server: 'https://x', distribution: 'kubernetes', namespace: 'default', source: '/k' };
    clusters.receive({
      op: 'sync',
      id: 3,
      items: [{ name: 'b', ...summary }, { name: 'a', ...summary, error: 'bad token' }, { name: 'broken' }],
      resourceVersion: '1',
    });
    expect(clusters.items().map((c) => c.name)).toEqual(['a', 'b']);
    expect(clusters.get('a')?.error).toBe('bad token');
    clusters.receive({ op: 'sync', id: 3, items: [{ name: 'b', ...summary }], resourceVersion: '2' });
    expect(clusters.items().map((c) => c.name)).toEqual(['b']);
  });
});

describe('createKubeconfigFilesSubscription and createHealthSubscription', () => {
  it('keep files by path in merge order and health by name, leaving out entries that do not fit', () => {
    const { channel } = recordingChannel(4);
    const files = createKubeconfigFilesSubscription(channel);
    expect(files.request(false)).toEqual({ op: 'kubeconfig-files', id: 4 });
    const file = { state: 'ok', keptLastGood: false, contexts: [], problems: [] };
    files.receive({
      op: 'sync',
      id: 4,
      items: [
        { path: '/z', order: 0, ...file },
        { path: '/a', order: 1, ...file, state: 'missing', message: 'does not exist' },
        { path: '/bad', order: 2, state: 'weird' },
      ],
      resourceVersion: '1',
    });
    expect(files.items().map((f) => [f.path, f.state])).toEqual([
      ['/z', 'ok'],
      ['/a', 'missing'],
    ]);

    const { channel: healthChannel } = recordingChannel(5);
    const health = createHealthSubscription(healthChannel);
    expect(health.request(false)).toEqual({ op: 'health', id: 5 });
    health.receive({
      op: 'sync',
      id: 5,
      items: [
        { name: 'b', state: 'checking' },
        { name: 'a', state: 'ok', version: 'v1.20.2' },
        { name: 'x' },
      ],
      resourceVersion: '1',
    });
    expect(health.items().map((h) => [h.name, h.state])).toEqual([
      ['a', 'ok'],
      ['b', 'checking'],
    ]);
  });
});
