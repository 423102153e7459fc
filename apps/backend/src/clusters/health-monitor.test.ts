import type { ContextHealth } from '@porthole/protocol';
import { describe, expect, it } from 'vitest';
import { createHealthMonitor } from './health-monitor.ts';
import type { ClusterRegistryChange } from './registry-change.ts';
import type { ResolvedContext } from './resolved-context.ts';

function contextNamed(name: string, fingerprint = 'f1'): ResolvedContext {
  return {
    name,
    namespace: 'default',
    source: '/k',
    distribution: 'kubernetes',
    cluster: undefined,
    user: undefined,
    fingerprint,
  };
}

/** A registry of plain contexts whose changes the test publishes. */
function registryOf(names: string[]) {
  let contexts = names.map((n) => contextNamed(n));
  const listeners = new Set<(c: ClusterRegistryChange) => void>();
  return {
    contexts: () => contexts,
    subscribe(listener: (c: ClusterRegistryChange) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next: ResolvedContext[], change: Partial<ClusterRegistryChange>) {
      contexts = next;
      for (const l of listeners)
        l({ added: [], removed: [], changed: [], clusters: [], files: [], ...change });
    },
  };
}

const until = async (check: () => boolean) => {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > 5000) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('createHealthMonitor', () => {
  it('probes nothing until someone watches, then every context with at most `concurrency` at once', async () => {
    const names = Array.from({ length: 300 }, (_, i) => `ctx-${i}`);
    const registry = registryOf(names);
    let open = 0;
    let most = 0;
    let calls = 0;
    const monitor = createHealthMonitor({
      registry,
      concurrency: 8,
      publishMs: 10,
      probe: async (c) => {
        calls++;
        most = Math.max(most, ++open);
        await new Promise((r) => setTimeout(r, 2));
        open--;
        return { name: c.name, state: 'unreachable', cause: 'connection refused' };
      },
    });
    try {
      await new Promise((r) => setTimeout(r, 30));
      expect(calls).toBe(0);
      expect(monitor.list().every((h) => h.state === 'checking')).toBe(true);
      const seen: ContextHealth[][] = [];
      const stop = monitor.subscribe((list) => seen.push(list));
      await until(() => seen.at(-1)?.every((h) => h.state === 'unreachable') ?? false);
      expect(calls).toBe(300);
      expect(most).toBe(8);
      // Gathered: far fewer lists than answers.
      expect(seen.length).toBeLessThan(100);
      stop();
    } finally {
      monitor.close();
    }
  });

  it('probes an added or changed context, forgets a removed one, and checks again on demand', async () => {
    const registry = registryOf(['a', 'b']);
    const probed: string[] = [];
    const monitor = createHealthMonitor({
      registry,
      publishMs: 1,
      probe: async (c) => {
        probed.push(`${c.name}:${c.fingerprint}`);
        return { name: c.name, state: 'ok', version: c.fingerprint };
      },
    });
    try {
      const stop = monitor.subscribe(() => {});
      await until(() => monitor.list().every((h) => h.state === 'ok'));
      registry.set([contextNamed('b', 'f2'), contextNamed('c')], {
        added: ['c'],
        removed: ['a'],
        changed: ['b'],
      });
      await until(() => monitor.list().every((h) => h.state === 'ok'));
      expect(monitor.list().map((h) => [h.name, h.version])).toEqual([
        ['b', 'f2'],
        ['c', 'f1'],
      ]);
      monitor.check(['c', '../../etc/passwd']);
      await until(() => probed.filter((p) => p === 'c:f1').length === 2);
      expect(probed).not.toContain('../../etc/passwd:f1');
      stop();
    } finally {
      monitor.close();
    }
  });
});
