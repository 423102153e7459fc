import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { pluginMetadataSchema } from '@porthole/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { federationRuntimeGlobals } from '../build/federation-runtime.ts';
import {
  CreatePluginError,
  createPlugin,
  defaultPluginDir,
  nextSteps,
  publishedVersions,
} from './create-plugin.ts';
import { standaloneToolVersions, testToolVersions } from './templates.ts';

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

  it('refuses a name that is not a DNS label and a folder in use', async () => {
    await expect(createPlugin({ name: 'My_Plugin', dir: join(scratch, 'x') })).rejects.toThrow(
      /lowercase DNS label/,
    );
    const used = join(scratch, 'used');
    await mkdir(used);
    await writeFile(join(used, 'keep.txt'), 'mine');
    const attempt = createPlugin({ name: 'used', dir: used });
    await expect(attempt).rejects.toBeInstanceOf(CreatePluginError);
    await expect(attempt).rejects.toThrow(/not empty/);
  });

  it('outside a checkout, writes a project of its own on the published packages, with its tools', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'porthole-outside-'));
    try {
      const result = await createPlugin({ name: 'team-pods', dir: join(outside, 'team-pods') });
      expect(result.standalone).toBe(true);
      expect(result.files).toEqual(expect.arrayContaining(['biome.json', '.gitignore', 'package.json']));
      const manifest = JSON.parse(await readFile(join(result.dir, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
        dependencies: Record<string, string>;
        devDependencies: Record<string, string>;
      };
      const kit = JSON.parse(await readFile(join(repoRoot, 'packages/plugin-kit/package.json'), 'utf8')) as {
        version: string;
        peerDependencies: Record<string, string>;
      };
      expect(manifest.dependencies).toEqual({
        '@porthole/sdk': kit.peerDependencies['@porthole/sdk'],
        '@porthole/ui': kit.peerDependencies['@porthole/ui'],
        'solid-js': kit.peerDependencies['solid-js'],
      });
      expect(manifest.devDependencies).toEqual({
        '@porthole/plugin-kit': `^${kit.version}`,
        ...testToolVersions,
        ...standaloneToolVersions,
      });
      expect(Object.keys(manifest.scripts).sort()).toEqual(['build', 'dev', 'lint', 'test', 'typecheck']);
      // Nothing that only resolves inside the checkout.
      expect(await readFile(join(result.dir, 'tsconfig.json'), 'utf8')).not.toContain('porthole-source');
      const sdk = kit.peerDependencies['@porthole/sdk'];
      expect(await readFile(join(result.dir, 'src/plugin.ts'), 'utf8')).toContain(`sdk: '${sdk}'`);
      expect(nextSteps(result, 'team-pods', outside)).toContain('npm install');
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});

describe('publishedVersions', () => {
  it('takes the lowest version of each peer range and the kit its own version', () => {
    expect(
      publishedVersions({
        version: '1.2.0',
        peerDependencies: { '@porthole/sdk': '^1.1.0', '@porthole/ui': '~1.0.3', 'solid-js': '1.9.19' },
      }),
    ).toEqual({ kit: '1.2.0', sdk: '1.1.0', ui: '1.0.3', solid: '1.9.19' });
  });

  it('refuses a range it cannot start a project from', () => {
    expect(() =>
      publishedVersions({
        version: '1.0.0',
        peerDependencies: { '@porthole/sdk': '>=1 <3', '@porthole/ui': '^1.0.0', 'solid-js': '1.9.19' },
      }),
    ).toThrow(/@porthole\/sdk/);
  });
});

describe('standaloneToolVersions', () => {
  it("are the versions this repository builds and tests with, and the kit's own Rsbuild", async () => {
    const root = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    const kit = JSON.parse(await readFile(join(repoRoot, 'packages/plugin-kit/package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const { '@rsbuild/core': rsbuild, ...tools } = standaloneToolVersions;
    expect(rsbuild).toBe(kit.dependencies['@rsbuild/core']);
    for (const [pkg, version] of Object.entries(tools)) expect(version, pkg).toBe(root.devDependencies[pkg]);
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
    const text = nextSteps({ dir: '/repo/plugins/demo', files: [], standalone: false }, 'demo', '/repo');
    expect(text).toContain('cd plugins/demo');
    expect(text).toContain('?dev=demo=http://127.0.0.1:3001/');
    expect(text).toContain('demo: { path: /repo/plugins/demo/dist }');
  });
});
