import { createMuxClient, type MuxClient } from '@porthole/sdk';
import { describe, expect, it, type MockInstance, vi } from 'vitest';
import { createScopedMux } from './scoped-mux.ts';

/** A real client (on a port nothing listens on) whose subscriptions' close() calls are counted. */
function spiedClient() {
  const real = createMuxClient({ url: 'ws://127.0.0.1:9/ws' });
  const closes: MockInstance[] = [];
  const spied = <T extends { close(): void }>(subscription: T): T => {
    closes.push(vi.spyOn(subscription as { close(): void }, 'close'));
    return subscription;
  };
  const mux: MuxClient = {
    ...real,
    watch: (options) => spied(real.watch(options)),
    watchOne: (options) => spied(real.watchOne(options)),
    logs: (options) => spied(real.logs(options)),
    exec: (options) => spied(real.exec(options)),
    clusters: () => spied(real.clusters()),
    close: vi.fn(),
  };
  return { mux, closes, real };
}

describe('createScopedMux', () => {
  it('ends every subscription opened through it (once), and none opened elsewhere', () => {
    const { mux, closes, real } = spiedClient();
    mux.clusters();
    const scope = createScopedMux(mux);
    scope.client.watch({ cluster: 'c', group: '', version: 'v1', resource: 'pods' });
    const logs = scope.client.logs({ cluster: 'c', namespace: 'n', pod: 'p', follow: true });
    scope.client.clusters();
    expect(scope.openCount()).toBe(3);
    logs.close();
    expect(scope.openCount()).toBe(2);
    scope.closeAll();
    expect(scope.openCount()).toBe(0);
    expect(closes.map((c) => c.mock.calls.length)).toEqual([0, 1, 1, 1]);
    real.close();
  });

  it("close() on the scoped client ends its subscriptions, never the tab's socket", () => {
    const { mux, closes, real } = spiedClient();
    const scope = createScopedMux(mux);
    scope.client.watchOne({
      cluster: 'c',
      group: '',
      version: 'v1',
      resource: 'pods',
      namespace: 'n',
      name: 'p',
    });
    scope.client.close();
    expect(closes.map((c) => c.mock.calls.length)).toEqual([1]);
    expect(mux.close).not.toHaveBeenCalled();
    real.close();
  });
});
