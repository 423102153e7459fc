import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pluginMetadataSchema } from '@porthole/protocol';
import { createRsbuild } from '@rsbuild/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePluginBuild } from './define-plugin-build.ts';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

const pluginTs = (name: string, extra = '') => `import { definePlugin } from '@porthole/sdk';
export default definePlugin({
  name: '${name}', version: '1.0.0', sdk: '^1.0.0',
  extensions: [{ type: 'route', path: 'demo', title: 'Demo', nav: { section: 'Demo' },
    component: () => import('./Page.tsx') }${extra}],
});
`;

async function writePlugin(dir: string, plugin: string): Promise<void> {
  await mkdir(join(dir, 'src'), { recursive: true });
  await writeFile(
    join(dir, 'package.json'),
    '{ "name": "demo-plugin", "private": true, "type": "module" }\n',
  );
  await writeFile(join(dir, 'src/plugin.ts'), plugin);
  await writeFile(join(dir, 'src/Page.tsx'), 'export default function Page() { return <p>Demo page</p>; }\n');
}

// Inside the checkout (gitignored) so the plugin resolves @porthole/sdk and solid-js as a workspace would.
let scratch: string;
beforeAll(async () => {
  await mkdir(join(repoRoot, '.test-results'), { recursive: true });
  scratch = await mkdtemp(join(repoRoot, '.test-results', 'plugin-build-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('definePluginBuild', () => {
  it('fails the build with the reason when the definition is wrong', async () => {
    const root = join(scratch, 'broken');
    await writePlugin(
      root,
      pluginTs('demo', ", { type: 'resource.tab', match: { group: '', kind: 'Pod' }, title: 'Logs' }"),
    );
    const rsbuild = await createRsbuild({
      cwd: root,
      rsbuildConfig: definePluginBuild({ name: 'demo', root }),
    });
    await expect(rsbuild.build()).rejects.toThrow(
      /extension 1 \(resource\.tab\): its code must be a lazy import/,
    );
  }, 60_000);

  it('serves the remote and porthole-plugin.json from the dev server, with CORS for the portal and local portals only', async () => {
    const root = join(scratch, 'dev');
    await writePlugin(root, pluginTs('demo-dev'));
    const rsbuild = await createRsbuild({
      cwd: root,
      rsbuildConfig: definePluginBuild({
        name: 'demo-dev',
        root,
        dev: { port: 0, portalOrigins: ['https://porthole.dev.example.com'] },
        // `rsbuild dev` runs in development mode; under vitest NODE_ENV is `test`, so say it.
        rsbuild: { mode: 'development', dev: { cliShortcuts: false }, server: { printUrls: false } },
      }),
    });
    const server = await rsbuild.startDevServer();
    try {
      const base = `http://127.0.0.1:${server.port}`;
      const metadata = await (await fetch(`${base}/porthole-plugin.json`)).json();
      expect(metadata).toMatchObject({
        name: 'demo-dev',
        remoteName: 'porthole_demo_dev',
        entry: 'remoteEntry.js',
        contributes: { routes: [{ path: 'demo', title: 'Demo' }] },
      });
      const portal = await fetch(`${base}/remoteEntry.js`, {
        headers: { Origin: 'https://porthole.dev.example.com' },
      });
      expect(portal.status).toBe(200);
      expect(portal.headers.get('access-control-allow-origin')).toBe('https://porthole.dev.example.com');
      const local = await fetch(`${base}/remoteEntry.js`, { headers: { Origin: 'http://127.0.0.1:41234' } });
      expect(local.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:41234');
      expect(await portal.text()).toContain('porthole_demo_dev');
      const other = await fetch(`${base}/remoteEntry.js`, { headers: { Origin: 'https://evil.example' } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();

      // Under rsbuild dev, ./plugin is the kit's HMR boundary around src/plugin.ts, in a chunk of its own.
      const entry = await (await fetch(`${base}/remoteEntry.js`)).text();
      const chunk = /"([^"]*hot-boundary[^"]*)"/.exec(entry)?.[1];
      expect(chunk).toBeDefined();
      const boundary = await (await fetch(`${base}/static/js/async/${chunk}.js`)).text();
      expect(boundary).toContain('module.hot.accept("./src/plugin.ts"');
      expect(boundary).toContain("'porthole:plugin-updated'");
      expect(boundary).toContain('name: "demo-dev"');

      // A change to the definition shows in the metadata after the recompile.
      await writeFile(
        join(root, 'src/plugin.ts'),
        pluginTs('demo-dev').replace("title: 'Demo'", "title: 'Renamed'"),
      );
      await expect
        .poll(
          async () =>
            pluginMetadataSchema.parse(await (await fetch(`${base}/porthole-plugin.json`)).json()).contributes
              .routes[0]?.title,
          {
            timeout: 20_000,
          },
        )
        .toBe('Renamed');
    } finally {
      await server.server.close();
    }
  }, 60_000);

  it('writes metadata next to a content-hashed build', async () => {
    const root = join(scratch, 'ok');
    await writePlugin(root, pluginTs('demo-ok'));
    // `rsbuild build` builds for production; under vitest NODE_ENV is `test`, so say it.
    const rsbuildConfig = definePluginBuild({ name: 'demo-ok', root, rsbuild: { mode: 'production' } });
    const rsbuild = await createRsbuild({ cwd: root, rsbuildConfig });
    const { stats } = await rsbuild.build();
    const files = Object.keys(stats?.toJson({ assets: true }).assetsByChunkName ?? {});
    expect(files.length).toBeGreaterThan(0);
    const assets = (stats?.toJson({ assets: true }).assets ?? []).map((a) => a.name);
    expect(assets).toContain('remoteEntry.js');
    expect(assets.filter((a) => a !== 'remoteEntry.js').every((a) => /\.[0-9a-f]{8,}\.js$/.test(a))).toBe(
      true,
    );
    const metadata = JSON.parse(await readFile(join(root, 'dist/porthole-plugin.json'), 'utf8'));
    expect(metadata.name).toBe('demo-ok');
    // A production build exposes src/plugin.ts itself: no HMR boundary.
    for (const asset of assets.filter((a) => a.endsWith('.js')))
      expect(await readFile(join(root, 'dist', asset), 'utf8')).not.toContain('porthole:plugin-updated');
  }, 60_000);
});
