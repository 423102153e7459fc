import { mkdtemp, rename, rm, truncate, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ClusterRegistry, createClusterRegistry } from './registry.ts';
import type { ClusterRegistryChange } from './registry-change.ts';

// Live behaviour against real files: each test edits a kubeconfig the way an editor or kubectl would,
// then waits for the registry to show it in list() and to publish it. No timing is asserted and no test
// sleeps hoping the registry got somewhere: each waits for what it can observe (a machine busy with
// clusters may take a second where an idle one takes 50 ms).

/** How long a change may take to show before a test gives up. */
const eventuallyMs = 10_000;

function kubeconfig(contexts: Record<string, string>, server = 'https://c.example:6443'): string {
  const entries = Object.entries(contexts).map(
    ([name, ns]) => `- { name: ${name}, context: { cluster: c, user: u, namespace: ${ns} } }`,
  );
  return `clusters: [{ name: c, cluster: { server: '${server}' } }]
users: [{ name: u, user: { token: live-secret-token } }]
contexts:
${entries.join('\n')}
`;
}

interface Watched {
  registry: ClusterRegistry;
  changes: ClusterRegistryChange[];
  /** Context names in list() order (file error entries excluded). */
  names(): string[];
  /** Resolves once `check()` holds, failing after {@link eventuallyMs}. */
  until(check: () => boolean, what: string): Promise<void>;
  /** Resolves once a change matching `check` was published. */
  published(check: (c: ClusterRegistryChange) => boolean, what: string): Promise<void>;
  /** Samples names() every few ms from now on; the returned function stops and returns every sample. */
  sample(): () => string[][];
}

const open: ClusterRegistry[] = [];
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'porthole-live-'));
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
  await rm(dir, { recursive: true, force: true });
});

async function until(check: () => boolean, what: string): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > eventuallyMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

async function watched(paths: string[], options: { settleMs?: number } = {}): Promise<Watched> {
  const registry = await createClusterRegistry({ kubeconfigs: paths, ...options });
  open.push(registry);
  const changes: ClusterRegistryChange[] = [];
  registry.subscribe((change) => changes.push(change));
  const names = () => registry.contexts().map((c) => c.name);
  return {
    registry,
    changes,
    names,
    until,
    published: (check, what) => until(() => changes.some(check), `a published change with ${what}`),
    sample() {
      const samples: string[][] = [];
      const timer = setInterval(() => samples.push(names()), 2);
      return () => {
        clearInterval(timer);
        samples.push(names());
        return samples;
      };
    },
  };
}

/**
 * Waits until the registry has read `path` after it was deleted or emptied: writes a context into `probe`
 * (another listed file) and waits for it to show. The reload that shows the probe was set off by a file
 * event after `path` changed, so it read `path` changed too.
 */
async function seenMissing(w: Watched, path: string, probe: string): Promise<void> {
  const name = `probe-${w.changes.length}`;
  await writeFile(probe, kubeconfig({ [name]: 'p' }));
  await w.until(() => w.names().includes(name), `the probe after ${path} changed`);
}

describe('createClusterRegistry (live)', () => {
  it('shows an added context and publishes it as added', async () => {
    const path = join(dir, 'config');
    await writeFile(path, kubeconfig({ one: 'a' }));
    const w = await watched([path]);
    expect(w.names()).toEqual(['one']);

    await writeFile(path, kubeconfig({ one: 'a', two: 'b' }));
    await Promise.all([
      w.until(() => w.names().includes('two'), 'context two'),
      w.published((c) => c.added.includes('two'), 'added two'),
    ]);
    expect(w.changes.at(-1)).toMatchObject({ added: ['two'], removed: [], changed: [] });
    expect(w.changes.at(-1)?.clusters.map((c) => c.name)).toEqual(['one', 'two']);
    expect(w.registry.list().find((c) => c.name === 'two')).toMatchObject({ namespace: 'b', source: path });
  });

  it('drops a removed context and tells subscribers it was removed', async () => {
    const path = join(dir, 'config');
    await writeFile(path, kubeconfig({ one: 'a', two: 'b' }));
    const w = await watched([path]);
    const seen: string[][] = [];
    w.registry.subscribe(({ removed }) => seen.push(removed));

    await writeFile(path, kubeconfig({ one: 'a' }));
    await w.until(() => !w.names().includes('two'), 'two to go');
    await w.published((c) => c.removed.includes('two'), 'removed two');
    expect(seen).toEqual([['two']]);
    expect(w.registry.get('two')).toBeUndefined();
    expect(JSON.stringify(w.changes)).not.toContain('live-secret-token');
  });

  it('publishes a renamed context as one removed and one added', async () => {
    const path = join(dir, 'config');
    await writeFile(path, kubeconfig({ old: 'a' }));
    const w = await watched([path]);
    await writeFile(path, kubeconfig({ renamed: 'a' }));
    await w.published((c) => c.removed.includes('old') && c.added.includes('renamed'), 'the rename');
    expect(w.names()).toEqual(['renamed']);
  });

  it('sees a save by rename (write a temporary file, rename it over) and reports the change', async () => {
    const path = join(dir, 'config');
    await writeFile(path, kubeconfig({ one: 'a' }));
    const w = await watched([path]);
    const before = w.registry.get('one')?.fingerprint;
    const stop = w.sample();

    await writeFile(`${path}.tmp`, kubeconfig({ one: 'a' }, 'https://moved.example:6443'));
    await rename(`${path}.tmp`, path);
    await w.until(() => w.registry.list()[0]?.server === 'https://moved.example:6443', 'the new server');
    await w.published((c) => c.changed.includes('one'), 'changed one');
    expect(w.registry.get('one')?.fingerprint).not.toBe(before);
    expect(stop().every((names) => names.includes('one'))).toBe(true);
    expect(w.changes.flatMap((c) => c.removed)).toEqual([]);
  });

  it('keeps the contexts through a delete-and-recreate save, then shows the new contents', async () => {
    const path = join(dir, 'config');
    const probe = join(dir, 'probe');
    await writeFile(path, kubeconfig({ one: 'a', two: 'b' }));
    const settleMs = 1_500;
    const w = await watched([path, probe], { settleMs });
    const stop = w.sample();

    await unlink(path);
    await seenMissing(w, path, probe);
    await writeFile(path, kubeconfig({ one: 'a', two: 'b', three: 'c' }));
    await w.until(() => w.names().includes('three'), 'context three');
    // Past the settle time of the deletion: nothing may be dropped late. (When the machine is so slow that
    // the recheck has not run yet, this passes without proving it; it can't fail for being slow.)
    await new Promise((r) => setTimeout(r, settleMs + 200));
    expect(stop().every((names) => names.includes('one') && names.includes('two'))).toBe(true);
    expect(w.changes.flatMap((c) => c.removed)).toEqual([]);
    expect(w.registry.list().some((c) => c.error)).toBe(false);
  });

  it('drops the contexts of a deleted file that does not come back, and lists it as missing', async () => {
    const path = join(dir, 'config');
    await writeFile(path, kubeconfig({ one: 'a' }));
    const w = await watched([path]);
    await unlink(path);
    await w.published((c) => c.removed.includes('one'), 'removed one');
    expect(w.registry.list()).toEqual([
      expect.objectContaining({ name: path, error: `kubeconfig ${path} does not exist` }),
    ]);
  });

  it('picks up a listed file that does not exist yet when it appears', async () => {
    const first = join(dir, 'first');
    const later = join(dir, 'later');
    await writeFile(first, kubeconfig({ one: 'a' }));
    const w = await watched([first, later]);
    expect(w.registry.list().map((c) => [c.name, c.error])).toEqual([
      ['one', undefined],
      [later, `kubeconfig ${later} does not exist`],
    ]);

    await writeFile(
      later,
      kubeconfig({ one: 'ignored', two: 'b' })
        .replace(/name: c\b/g, 'name: c2')
        .replace(/cluster: c,/g, 'cluster: c2,'),
    );
    await w.until(() => w.names().includes('two'), 'context two');
    expect(w.registry.list().map((c) => [c.name, c.source, c.namespace, c.error])).toEqual([
      ['one', first, 'a', undefined],
      ['two', later, 'b', undefined],
    ]);
    await w.published((c) => c.added.includes('two'), 'added two');
  });

  it('keeps the last good contexts of a half-written file and reports its error until it is fixed', async () => {
    const path = join(dir, 'config');
    const full = kubeconfig({ one: 'a', two: 'b' });
    await writeFile(path, full);
    const w = await watched([path]);
    const stop = w.sample();

    // A writer that stopped halfway: the flow mapping of the last context is cut off.
    await writeFile(path, full.slice(0, full.lastIndexOf('namespace')));
    await w.until(() => w.registry.list().some((c) => c.name === path), 'the file error');
    const entry = w.registry.list().find((c) => c.name === path);
    expect(entry?.error).toMatch(
      new RegExp(
        `^kubeconfig ${path} cannot be parsed: .* at line \\d+, column \\d+; the contexts it defined before are kept`,
      ),
    );
    expect(entry?.error).not.toContain('live-secret-token');
    expect(w.names()).toEqual(['one', 'two']);
    await w.published((c) => c.clusters.some((s) => s.name === path), 'the file error');

    await writeFile(path, kubeconfig({ one: 'a', two: 'fixed' }));
    await w.until(() => w.registry.get('two')?.namespace === 'fixed', 'the fixed namespace');
    expect(w.registry.list().some((c) => c.error)).toBe(false);
    expect(stop().every((names) => names.includes('one') && names.includes('two'))).toBe(true);
    expect(w.changes.flatMap((c) => c.removed)).toEqual([]);
    expect(w.changes.at(-1)).toMatchObject({ changed: ['two'], added: [], removed: [] });
  });

  it('keeps the contexts while a file is truncated to empty and rewritten', async () => {
    const path = join(dir, 'config');
    await writeFile(path, kubeconfig({ one: 'a' }));
    const probe = join(dir, 'probe');
    const w = await watched([path, probe], { settleMs: 1_500 });
    const stop = w.sample();
    await truncate(path, 0);
    await seenMissing(w, path, probe);
    await writeFile(path, kubeconfig({ one: 'a', two: 'b' }));
    await w.until(() => w.names().includes('two'), 'context two');
    expect(stop().every((names) => names.includes('one'))).toBe(true);
    expect(w.changes.flatMap((c) => c.removed)).toEqual([]);
  });

  it('watches every file of KUBECONFIG, in different folders', async () => {
    const other = await mkdtemp(join(tmpdir(), 'porthole-live-other-'));
    try {
      const a = join(dir, 'a');
      const b = join(other, 'b');
      await writeFile(a, kubeconfig({ one: 'a' }));
      await writeFile(b, kubeconfig({ two: 'b' }));
      const w = await watched([a, b]);
      await writeFile(b, kubeconfig({ two: 'b', three: 'c' }));
      await w.until(() => w.names().includes('three'), 'three from b');
      await writeFile(a, kubeconfig({ one: 'a', three: 'wins' }));
      await w.until(() => w.registry.get('three')?.namespace === 'wins', 'a to win');
      expect(w.changes.at(-1)).toMatchObject({ changed: ['three'] });
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('publishes nothing after close()', async () => {
    const path = join(dir, 'config');
    await writeFile(path, kubeconfig({ one: 'a' }));
    const w = await watched([path]);
    const witness = await watched([path]);
    await w.registry.close();
    await writeFile(path, kubeconfig({ two: 'b' }));
    // An open registry on the same file has seen the write and published it; the closed one did not.
    await witness.published((c) => c.added.includes('two'), 'added two (the open registry)');
    expect(w.changes).toEqual([]);
    expect(w.names()).toEqual(['one']);
  });

  it('keeps publishing to the others when a subscriber throws, and logs it', async () => {
    const path = join(dir, 'config');
    await writeFile(path, kubeconfig({ one: 'a' }));
    const logged: string[] = [];
    const registry = await createClusterRegistry({ kubeconfigs: [path], log: (m) => logged.push(m) });
    open.push(registry);
    registry.subscribe(() => {
      throw new Error('subscriber bug');
    });
    const seen: ClusterRegistryChange[] = [];
    const unsubscribe = registry.subscribe((c) => seen.push(c));
    // Subscribed after the others, so it is told last: once it has a change, every subscriber was called.
    const witnessed: ClusterRegistryChange[] = [];
    registry.subscribe((c) => witnessed.push(c));
    await writeFile(path, kubeconfig({ two: 'b' }));
    await until(() => witnessed.length === 1, 'the first change');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ added: ['two'], removed: ['one'] });
    expect(logged.join('\n')).toContain('subscriber bug');
    unsubscribe();
    await writeFile(path, kubeconfig({ three: 'c' }));
    await until(() => witnessed.some((c) => c.added.includes('three')), 'the second change');
    expect(seen).toHaveLength(1);
  });
});
