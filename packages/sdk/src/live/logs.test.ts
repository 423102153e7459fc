import type { ClientMessage } from '@porthole/protocol';
import { describe, expect, it } from 'vitest';
import { resumeMarginSeconds } from './log-cursor.ts';
import { createLogsSubscription } from './logs.ts';
import type { SubscriptionChannel } from './subscription.ts';

function recordingChannel(id = 4) {
  const released: boolean[] = [];
  const channel: SubscriptionChannel = {
    id,
    send: (_: ClientMessage) => {},
    sendBytes: () => {},
    release: (cancel) => released.push(cancel),
  };
  return { channel, released };
}

const target = { cluster: 'c', namespace: 'default', pod: 'p', follow: true };
const at = (second: number, text: string) =>
  `2025-01-01T00:00:${String(second).padStart(2, '0')}.000000000Z ${text}`;

describe('createLogsSubscription', () => {
  it('always asks for timestamps and strips them unless the caller asked for them', () => {
    const { channel } = recordingChannel();
    const logs = createLogsSubscription(channel, { ...target, tailLines: 5 });
    expect(logs.request(false)).toEqual({ op: 'logs', id: 4, ...target, tailLines: 5, timestamps: true });
    const seen: string[] = [];
    logs.onLines((lines) => seen.push(...lines));
    logs.receive({ op: 'lines', id: 4, lines: [at(1, 'one'), at(2, 'two')] });
    expect(seen).toEqual(['one', 'two']);
    expect(logs.lines()).toEqual(['one', 'two']);
    expect(logs.status()).toBe('live');

    const stamped = createLogsSubscription(recordingChannel().channel, { ...target, timestamps: true });
    stamped.receive({ op: 'lines', id: 4, lines: [at(1, 'one')] });
    expect(stamped.lines()).toEqual([at(1, 'one')]);
  });

  it('after a reconnect asks for the gap since the last line and drops the overlap', () => {
    let now = 1_000_000;
    const { channel } = recordingChannel();
    const logs = createLogsSubscription(channel, { ...target, tailLines: 100 }, () => now);
    logs.receive({ op: 'lines', id: 4, lines: [at(1, 'a'), at(2, 'b'), at(2, 'c')] });
    logs.disconnected();
    expect(logs.status()).toBe('reconnecting');
    now += 4_200;
    const resumed = logs.request(true);
    expect(resumed).toEqual({
      op: 'logs',
      id: 4,
      ...target,
      timestamps: true,
      sinceSeconds: 5 + resumeMarginSeconds,
    });
    logs.receive({ op: 'lines', id: 4, lines: [at(1, 'a'), at(2, 'b'), at(2, 'c'), at(2, 'd'), at(3, 'e')] });
    expect(logs.lines()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(logs.status()).toBe('live');
  });

  it('tells why the backend is reconnecting, until lines flow again', () => {
    const { channel } = recordingChannel();
    const logs = createLogsSubscription(channel, target);
    logs.receive({ op: 'lines', id: 4, lines: [at(1, 'a')] });
    const message = 'cluster "c" (https://x) is not answering: no response after 30 s';
    logs.receive({
      op: 'status',
      id: 4,
      state: 'reconnecting',
      cause: { code: 504, reason: 'Timeout', message },
    });
    expect(logs.status()).toBe('reconnecting');
    expect(logs.cause()?.status).toMatchObject({ code: 504, message });
    logs.receive({ op: 'lines', id: 4, lines: [at(2, 'b')] });
    expect(logs.status()).toBe('live');
    expect(logs.cause()).toBeUndefined();
  });

  it('resends the original window when nothing had arrived before the drop', () => {
    let now = 0;
    const logs = createLogsSubscription(
      recordingChannel().channel,
      { ...target, sinceSeconds: 60 },
      () => now,
    );
    now = 7_500;
    expect(logs.request(true)).toMatchObject({ sinceSeconds: 68 });
  });

  it('keeps at most maxLines, and snapshots never change', () => {
    const logs = createLogsSubscription(recordingChannel().channel, { ...target, maxLines: 2 });
    logs.receive({ op: 'lines', id: 4, lines: ['x1', 'x2'] });
    const before = logs.lines();
    logs.receive({ op: 'lines', id: 4, lines: ['x3'] });
    expect(before).toEqual(['x1', 'x2']);
    expect(logs.lines()).toEqual(['x2', 'x3']);
  });

  it('resolves ended on end, rejects it with the Status on error', async () => {
    const { channel, released } = recordingChannel();
    const done = createLogsSubscription(channel, target);
    done.receive({ op: 'end', id: 4 });
    await expect(done.ended).resolves.toBeUndefined();
    expect(done.status()).toBe('ended');
    expect(done.request(true)).toBeUndefined();
    const failed = createLogsSubscription(channel, target);
    failed.receive({ op: 'error', id: 4, code: 404, reason: 'NotFound', message: 'pods "p" not found' });
    await expect(failed.ended).rejects.toMatchObject({ status: { code: 404 } });
    expect(failed.status()).toBe('error');
    expect(released).toEqual([false, false]);
  });
});
