import { createHash } from 'node:crypto';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { bundleManifestSchema, isStatus } from '@porthole/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterRegistry } from '../clusters/index.ts';
import { createApp } from '../server/create-app.ts';
import { deadServerUrl, startStaticServer, writePluginBuild } from './plugin-fixtures.ts';
import { createPluginRegistry, type PluginRegistry } from './plugin-registry.ts';
import type { PluginRoutesOptions } from './routes.ts';

const clusters: Pick<ClusterRegistry, 'list' | 'files'> = { list: () => [], files: () => [] };
const chunk = 'static/js/async/1.abcdef12.js';

let dir: string;
let registry: PluginRegistry;
let cronjobsEntry: Buffer;

function appWith(options: Omit<PluginRoutesOptions, 'registry'> = {}) {
  return createApp({ clusters, plugins: { registry, ...options }, log: () => {} });
}

async function manifestOf(res: Response) {
  expect(res.status).toBe(200);
  return bundleManifestSchema.parse(await res.json());
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'porthole-plugin-routes-'));
  cronjobsEntry = await writePluginBuild(join(dir, 'cronjobs'), {
    name: 'cronjobs',
    files: { [chunk]: 'console.log("chunk")' },
  });
  await writePluginBuild(join(dir, 'billing'), { name: 'billing', version: '2.1.0' });
  await writeFile(join(dir, 'secret.txt'), 'not a plugin file');
  await symlink(join(dir, 'secret.txt'), join(dir, 'cronjobs', 'leak.txt'));
  const file = join(dir, 'plugins.yaml');
  await writeFile(
    file,
    [
      'plugins:',
      '  cronjobs: { path: ./cronjobs }',
      '  billing: { path: ./billing }',
      '  broken: { path: ./missing }',
      '  tuned: { path: ./missing-tuned, config: { greeting: Hi } }',
      'bundles:',
      '  default: [cronjobs, broken]',
      '  payments: [cronjobs, billing]',
      'groupBundles:',
      '  payments-team: payments',
    ].join('\n'),
  );
  registry = await createPluginRegistry({ file, log: () => {} });
});

afterAll(async () => {
  await registry.close();
  await rm(dir, { recursive: true, force: true });
});

const noContributions = {
  routes: [],
  resourceActions: [],
  resourceListActions: [],
  resourceTabs: [],
  extensionPoints: [],
  pointExtensions: [],
};

describe('createPluginApiRoutes', () => {
  it('lists the default bundle with an integrity equal to the sha384 of the entry file', async () => {
    const res = await appWith().request('/api/plugins');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const manifest = await manifestOf(res);
    expect(manifest.bundle).toBe('default');
    expect(manifest.bundles).toEqual(['default', 'payments']);
    expect(manifest.registryError).toBeUndefined();
    const sha384 = `sha384-${createHash('sha384').update(cronjobsEntry).digest('base64')}`;
    expect(manifest.plugins).toEqual([
      {
        status: 'ok',
        contributes: noContributions,
        name: 'cronjobs',
        version: '1.0.0',
        sdk: '^1.0.0',
        remoteName: 'porthole_cronjobs',
        entry: '/plugins/cronjobs/remoteEntry.js',
        integrity: sha384,
      },
      { status: 'error', name: 'broken', error: 'folder ./missing does not exist (is the plugin built?)' },
    ]);
  });

  it('lists the bundle asked for', async () => {
    const manifest = await manifestOf(await appWith().request('/api/plugins?bundle=payments'));
    expect(manifest.bundle).toBe('payments');
    expect(manifest.plugins.map((p) => [p.name, p.version])).toEqual([
      ['cronjobs', '1.0.0'],
      ['billing', '2.1.0'],
    ]);
  });

  it('returns a 404 Status for an unknown bundle', async () => {
    const res = await appWith().request('/api/plugins?bundle=nope');
    expect(res.status).toBe(404);
    const body = await res.json();
    expect(isStatus(body)).toBe(true);
    expect(body).toMatchObject({ reason: 'NotFound', message: 'bundles "nope" not found' });
  });

  it('picks the bundle of the first mapped group from the configured header, unless one is asked for', async () => {
    const app = appWith({ bundleGroupHeader: 'X-Forwarded-Groups' });
    const headers = { 'X-Forwarded-Groups': 'developers, payments-team,ops' };
    const res = await app.request('/api/plugins', { headers });
    expect(res.headers.get('vary')).toBe('X-Forwarded-Groups');
    expect((await manifestOf(res)).bundle).toBe('payments');
    expect((await manifestOf(await app.request('/api/plugins?bundle=default', { headers }))).bundle).toBe(
      'default',
    );
    const unmapped = await app.request('/api/plugins', { headers: { 'X-Forwarded-Groups': 'developers' } });
    expect((await manifestOf(unmapped)).bundle).toBe('default');
    // Without --bundle-group-header the header means nothing.
    expect((await manifestOf(await appWith().request('/api/plugins', { headers }))).bundle).toBe('default');
  });

  it('refuses dev overrides with a 403 Status unless the backend runs with --dev', async () => {
    const res = await appWith().request('/api/plugins?dev=cronjobs=http://127.0.0.1:3001/');
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({
      reason: 'Forbidden',
      message: expect.stringContaining('--dev'),
    });
  });

  it("with --dev, a dev server's plugin gets the registry's settings for it, validated by its schema", async () => {
    const devDir = join(dir, 'dev-config');
    const schema = {
      type: 'object',
      properties: { greeting: { type: 'string', default: 'Hello' }, size: { type: 'integer', default: 1 } },
      additionalProperties: false,
    };
    await writePluginBuild(join(devDir, 'tuned'), { name: 'tuned', metadata: { config: schema } });
    const server = await startStaticServer(devDir);
    try {
      const query = `dev=${encodeURIComponent(`tuned=${server.url}tuned/`)}`;
      const manifest = await manifestOf(await appWith({ dev: true }).request(`/api/plugins?${query}`));
      expect(manifest.plugins.find((p) => p.name === 'tuned')).toMatchObject({
        status: 'ok',
        dev: true,
        config: { greeting: 'Hi', size: 1 },
      });
    } finally {
      await server.close();
    }
  });

  it('with --dev, swaps in or adds the plugin a dev server describes, loaded from that server', async () => {
    const devDir = join(dir, 'dev');
    await writePluginBuild(join(devDir, 'cronjobs'), { name: 'cronjobs', version: '1.1.0-dev' });
    await writePluginBuild(join(devDir, 'fresh'), { name: 'fresh' });
    const server = await startStaticServer(devDir);
    const dead = await deadServerUrl();
    try {
      const dev = [`cronjobs=${server.url}cronjobs`, `fresh=${server.url}fresh/`, `gone=${dead}`];
      const query = dev.map((d) => `dev=${encodeURIComponent(d)}`).join('&');
      const manifest = await manifestOf(await appWith({ dev: true }).request(`/api/plugins?${query}`));
      expect(manifest.plugins).toEqual([
        {
          status: 'ok',
          contributes: noContributions,
          name: 'cronjobs',
          version: '1.1.0-dev',
          sdk: '^1.0.0',
          remoteName: 'porthole_cronjobs',
          entry: `${server.url}cronjobs/remoteEntry.js`,
          dev: true,
        },
        expect.objectContaining({ status: 'error', name: 'broken' }),
        expect.objectContaining({
          status: 'ok',
          contributes: noContributions,
          name: 'fresh',
          entry: `${server.url}fresh/remoteEntry.js`,
        }),
        {
          status: 'error',
          name: 'gone',
          dev: true,
          error: `plugin server ${dead} is unreachable: connection refused`,
        },
      ]);
    } finally {
      await server.close();
    }
  });

  it('answers a malformed dev override with a 400 Status', async () => {
    const res = await appWith({ dev: true }).request('/api/plugins?dev=cronjobs');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      reason: 'BadRequest',
      message: expect.stringContaining('NAME=URL'),
    });
  });
});

describe('createPluginFileRoutes', () => {
  it('serves the entry as hashed, with no-cache and a strong ETag, and 304 when it is unchanged', async () => {
    const app = appWith();
    const res = await app.request('/plugins/cronjobs/remoteEntry.js');
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(cronjobsEntry);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const again = await app.request('/plugins/cronjobs/remoteEntry.js', {
      headers: { 'If-None-Match': etag! },
    });
    expect(again.status).toBe(304);
    const head = await app.request('/plugins/cronjobs/remoteEntry.js', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(etag);
  });

  it('serves a rebuilt entry fresh: new bytes, a new ETag, and no 304 for the old one', async () => {
    const app = appWith();
    const first = await app.request('/plugins/billing/remoteEntry.js');
    expect(first.status).toBe(200);
    const oldEtag = first.headers.get('etag')!;
    // Same length as the first build: only the content tells them apart.
    const rebuilt = await writePluginBuild(join(dir, 'billing'), {
      name: 'billing',
      version: '2.1.1',
    });
    await registry.reload();
    const res = await app.request('/plugins/billing/remoteEntry.js', {
      headers: { 'If-None-Match': oldEtag },
    });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(rebuilt);
    expect(res.headers.get('etag')).not.toBe(oldEtag);
    const again = await app.request('/plugins/billing/remoteEntry.js', {
      headers: { 'If-None-Match': res.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
  });

  it('serves the metadata as JSON and content-hashed chunks as immutable', async () => {
    const app = appWith();
    const metadata = await app.request('/plugins/cronjobs/porthole-plugin.json');
    expect(metadata.headers.get('content-type')).toBe('application/json');
    expect(metadata.headers.get('cache-control')).toBe('no-cache');
    expect(await metadata.json()).toMatchObject({ name: 'cronjobs', entry: 'remoteEntry.js' });
    const res = await app.request(`/plugins/cronjobs/${chunk}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('console.log("chunk")');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('returns 404 Status for a missing file, an unknown plugin, and a link out of the folder', async () => {
    const app = appWith();
    for (const path of [
      '/plugins/cronjobs/nope.js',
      '/plugins/nope/remoteEntry.js',
      '/plugins/cronjobs/leak.txt',
    ]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      expect(isStatus(await res.json())).toBe(true);
    }
  });

  it('refuses paths that climb out of the plugin folder, as sent on the wire', async () => {
    const server = serve({ fetch: appWith().fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    const get = (path: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        request({ host: '127.0.0.1', port, path }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        })
          .on('error', reject)
          .end();
      });
    try {
      for (const path of [
        '/plugins/cronjobs/../secret.txt',
        '/plugins/cronjobs/%2e%2e/secret.txt',
        '/plugins/cronjobs/..%2fsecret.txt',
        '/plugins/cronjobs/..%5csecret.txt',
      ]) {
        const res = await get(path);
        expect([400, 404], path).toContain(res.status);
        expect(res.body, path).not.toContain('not a plugin file');
      }
      expect((await get('/plugins/cronjobs/remoteEntry.js')).status).toBe(200);
    } finally {
      server.close();
    }
  });
});
