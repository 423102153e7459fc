import { appendFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type KubeconfigWatch, watchKubeconfigFiles } from './kubeconfig-watch.ts';

let dir: string;
let watch: KubeconfigWatch | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'porthole-watch-'));
});
afterEach(async () => {
  watch?.close();
  watch = undefined;
  await rm(dir, { recursive: true, force: true });
});

/** Starts a watch whose onChange also refreshes it (as the registry does); counts calls. */
function counting(paths: string[]) {
  const calls: number[] = [];
  watch = watchKubeconfigFiles({
    paths,
    onChange: () => {
      calls.push(performance.now());
      setImmediate(() => watch?.refresh());
    },
  });
  const settle = () => new Promise((r) => setTimeout(r, 60));
  const next = async (what: string) => {
    const start = performance.now();
    const seen = calls.length;
    while (calls.length === seen) {
      if (performance.now() - start > 10_000) throw new Error(`no change seen for ${what}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  return { calls, settle, next };
}

describe('watchKubeconfigFiles', () => {
  it('reports changes to the watched file, not to its neighbours', async () => {
    const path = join(dir, 'config');
    await writeFile(path, 'a');
    const w = counting([path]);
    await writeFile(join(dir, 'other'), 'x');
    await w.settle();
    expect(w.calls).toEqual([]);
    const seen = w.next('an append');
    await appendFile(path, 'b');
    await seen;
  });

  it('sees a file appear in a folder that does not exist yet', async () => {
    const path = join(dir, 'later', 'deeper', 'config');
    const w = counting([path]);
    const seen = w.next('the new file');
    await mkdir(join(dir, 'later', 'deeper'), { recursive: true });
    await writeFile(path, 'a');
    await seen;
    // Once the folder exists the watch switches to it: a later save is seen too.
    await w.settle();
    const again = w.next('a second save');
    await appendFile(path, 'b');
    await again;
  });

  it('keeps watching when the folder is deleted and created again', async () => {
    const sub = join(dir, 'sub');
    const path = join(sub, 'config');
    await mkdir(sub);
    await writeFile(path, 'a');
    const w = counting([path]);
    await rm(sub, { recursive: true });
    await w.settle();
    const seen = w.next('the recreated file');
    await mkdir(sub);
    await writeFile(path, 'b');
    await seen;
    await w.settle();
    const again = w.next('a save in the new folder');
    await appendFile(path, 'c');
    await again;
  });

  it('follows a symlinked kubeconfig to the file it points to', async () => {
    const target = join(dir, 'dotfiles', 'kubeconfig');
    await mkdir(join(dir, 'dotfiles'));
    await mkdir(join(dir, 'home'));
    await writeFile(target, 'a');
    const link = join(dir, 'home', 'config');
    await symlink(target, link);
    const w = counting([link]);
    const seen = w.next('an edit of the target');
    await appendFile(target, 'b');
    await seen;
  });

  it('stops reporting after close()', async () => {
    const path = join(dir, 'config');
    const w = counting([path]);
    watch?.close();
    await writeFile(path, 'a');
    await w.settle();
    expect(w.calls).toEqual([]);
  });
});
