import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { pluginMetadataSchema } from '@porthole/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { federationRuntimeGlobals } from '../build/federation-runtime.ts';
import { CreatePluginError, createPlugin, defaultPluginDir, nextSteps } from './create-plugin.ts';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
// As from a terminal: vitest's NODE_ENV=test would make `rsbuild build` a development build.
const { NODE_ENV: _vitestMode, ...env } = process.env;
const npm = (cwd: string, ...args: string[]) => run('npm', ['run', '--silent', ...args], { cwd, env });

// Inside the checkout (gitignored), as a newcomer's plugins/NAME would be: dependencies resolve through
// the repository's node_modules.
let scratch: string;
beforeAll(async () => {
  await mkdir(join(repoRoot, '.test-results'), { recursive: true });
  scratch = await mkdtemp(join(repoRoot, '.test-results', 'create-plugin-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('createPlugin', () => {
  it('scaffolds a plugin that builds to a remote with its metadata, passes its own test and typechecks', async () => {
    const dir = join(scratch, 'my-plugin');
    const result = await createPlugin({ name: 'my-plugin', dir });
    expect(result.files.sort()).toEqual([
      'README.md',
      'package.json',
      'rsbuild.config.ts',
      'src/pages/PodsPage.test.tsx',
      'src/pages/PodsPage.tsx',
      'src/plugin.ts',
      'src/pods.test.ts',
      'src/pods.ts',
      'tsconfig.json',
      'vitest.config.ts',
    ]);
    expect((await readFile(join(dir, 'rsbuild.config.ts'), 'utf8')).split('\n').length).toBeLessThan(8);

    await npm(dir, 'build');
    const metadata = pluginMetadataSchema.parse(
      JSON.parse(await readFile(join(dir, 'dist/porthole-plugin.json'), 'utf8')),
    );
    expect(metadata).toMatchObject({
      name: 'my-plugin',
      version: '0.1.0',
      remoteName: 'porthole_my_plugin',
      entry: 'remoteEntry.js',
      contributes: { routes: [{ path: 'my-plugin/pods', title: 'Pods', nav: { section: 'My Plugin' } }] },
    });
    const entry = await readFile(join(dir, 'dist/remoteEntry.js'), 'utf8');
    expect(entry).toContain('porthole_my_plugin');
    // The page's federation runtime, not a copy: the runtime core and the federation SDK are read from
    // the globals the shell provides (their code, e.g. the SDK's error texts, is not in the entry).
    expect(entry).toContain('_FEDERATION_RUNTIME_CORE');
    expect(entry).toContain(federationRuntimeGlobals.sdk);
    expect(entry).not.toContain('Failed to get remoteEntry exports');
    const chunks = await readdir(join(dir, 'dist/static/js/async'));
    expect(chunks.length).toBeGreaterThan(0);
    for (const chunk of chunks) expect(chunk).toMatch(/\.[0-9a-f]{8,}\.js$/);

    // The page uses the portal's kit, which the plugin takes from the shell: no copy of its code or CSS.
    const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(manifest.dependencies['@porthole/ui']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(await readFile(join(dir, 'src/pages/PodsPage.tsx'), 'utf8')).toContain("from '@porthole/ui'");
    const built = await readdir(join(dir, 'dist'), { recursive: true });
    for (const file of built.filter((f) => /\.(js|css)$/.test(f))) {
      const text = await readFile(join(dir, 'dist', file), 'utf8');
      expect(text, file).not.toContain('Select all rows');
      expect(text, file).not.toContain('.pt-table');
    }

    const tests = await npm(dir, 'test');
    // Its unit tests and its page's tests with the SDK's test kit (@porthole/sdk/testing, in happy-dom).
    expect(tests.stdout).toMatch(/5 passed/);
    await npm(dir, 'typecheck');
  }, 120_000);

  it('refuses a name that is not a DNS label, a folder in use, and a folder outside a checkout', async () => {
    await expect(createPlugin({ name: 'My_Plugin', dir: join(scratch, 'x') })).rejects.toThrow(
      /lowercase DNS label/,
    );
    const used = join(scratch, 'used');
    await mkdir(used);
    await writeFile(join(used, 'keep.txt'), 'mine');
    await expect(createPlugin({ name: 'used', dir: used })).rejects.toThrow(/not empty/);
    const outside = await mkdtemp(join(tmpdir(), 'porthole-outside-'));
    try {
      const attempt = createPlugin({ name: 'lost', dir: join(outside, 'lost') });
      await expect(attempt).rejects.toBeInstanceOf(CreatePluginError);
      await expect(attempt).rejects.toThrow(/outside a Porthole checkout/);
      expect(existsSync(join(outside, 'lost'))).toBe(false);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});

describe('defaultPluginDir', () => {
  it('is plugins/NAME of the checkout, from anywhere inside it', () => {
    expect(defaultPluginDir('demo', join(repoRoot, 'apps/backend'))).toBe(join(repoRoot, 'plugins/demo'));
    expect(defaultPluginDir('demo', tmpdir())).toBe(join(tmpdir(), 'demo'));
  });
});

describe('nextSteps', () => {
  it('says where the plugin is and how to build, develop and register it', () => {
    const text = nextSteps({ dir: '/repo/plugins/demo', files: [] }, 'demo', '/repo');
    expect(text).toContain('cd plugins/demo');
    expect(text).toContain('?dev=demo=http://127.0.0.1:3001/');
    expect(text).toContain('demo: { path: /repo/plugins/demo/dist }');
  });
});
