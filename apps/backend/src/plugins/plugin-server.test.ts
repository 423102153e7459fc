import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleManifestSchema, isStatus } from '@porthole/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../server/create-app.ts';
import { deadServerUrl, type StaticServer, startStaticServer, writePluginBuild } from './plugin-fixtures.ts';
import { createPluginRegistry, type PluginRegistry } from './plugin-registry.ts';

const chunk = 'static/js/async/7.0badc0de.js';

let dir: string;
let server: StaticServer;
let silent: Server;
let dead: string;
let registry: PluginRegistry;
let billingEntry: Buffer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'porthole-plugin-server-'));
  billingEntry = await writePluginBuild(join(dir, 'served', 'billing'), {
    name: 'billing',
    files: { [chunk]: 'export const x = 1;' },
  });
  server = await startStaticServer(join(dir, 'served'));
  dead = await deadServerUrl();
  // A plugin server that accepts connections and never answers.
  silent = createServer(() => {});
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const slow = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`;
  const file = join(dir, 'plugins.yaml');
  await writeFile(
    file,
    [
      'plugins:',
      `  billing: { url: "${server.url}billing" }`,
      `  down: { url: "${dead}down/" }`,
      `  slow: { url: "${slow}" }`,
      'bundles:',
      '  default: [billing, down, slow]',
    ].join('\n'),
  );
  registry = await createPluginRegistry({ file, fetchTimeoutMs: 300, log: () => {} });
});

afterAll(async () => {
  await registry.close();
  await server.close();
  silent.closeAllConnections();
  await new Promise((resolve) => silent.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

const app = () =>
  createApp({ clusters: { list: () => [], files: () => [] }, plugins: { registry }, log: () => {} });

describe('plugins on a plugin server', () => {
  it('lists a served plugin same-origin with the integrity of the bytes fetched, and the others with the reason', async () => {
    const res = await app().request('/api/plugins');
    expect(res.status).toBe(200);
    const { plugins } = bundleManifestSchema.parse(await res.json());
    const integrity = `sha384-${createHash('sha384').update(billingEntry).digest('base64')}`;
    expect(plugins).toEqual([
      expect.objectContaining({
        status: 'ok',
        name: 'billing',
        entry: '/plugins/billing/remoteEntry.js',
        integrity,
      }),
      {
        status: 'error',
        name: 'down',
        error: `plugin server ${dead}down/ is unreachable: connection refused`,
      },
      {
        status: 'error',
        name: 'slow',
        error: expect.stringMatching(/^plugin server .* did not answer within 300 ms$/),
      },
    ]);
  });

  it('serves the entry from the bytes it hashed, and proxies other files with the same caching rules', async () => {
    const fetched = server.requests.length;
    const entry = await app().request('/plugins/billing/remoteEntry.js');
    expect(Buffer.from(await entry.arrayBuffer())).toEqual(billingEntry);
    expect(entry.headers.get('cache-control')).toBe('no-cache');
    expect(server.requests.length).toBe(fetched);
    const res = await app().request(`/plugins/billing/${chunk}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('export const x = 1;');
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(server.requests.at(-1)).toBe(`/billing/${chunk}`);
  });

  it("keeps the plugin server's 404 a 404, and answers a dead server's files with a 502 Status", async () => {
    const missing = await app().request('/plugins/billing/static/js/nope.js');
    expect(missing.status).toBe(404);
    const res = await app().request('/plugins/down/remoteEntry.js');
    expect(res.status).toBe(502);
    const body = await res.json();
    expect(isStatus(body)).toBe(true);
    expect(body).toMatchObject({
      message: `plugin "down": plugin server ${dead}down/ is unreachable: connection refused`,
    });
  });

  it("never fetches outside the plugin server's base path (a scheme-like or encoded-dot segment)", async () => {
    await writeFile(join(dir, 'served', 'secret.txt'), 'not a plugin file');
    for (const path of ['/plugins/billing/http:/secret.txt', '/plugins/billing/%252e%252e/secret.txt']) {
      const res = await app().request(path);
      expect(res.status).toBe(404);
    }
    expect(server.requests).not.toContain('/secret.txt');
  });

  it('offers a plugin again once its server is back', async () => {
    await writePluginBuild(join(dir, 'back', 'down'), { name: 'down' });
    const back = await startStaticServer(join(dir, 'back'), Number(new URL(dead).port));
    try {
      await registry.reload();
      expect(registry.bundleManifest('default').plugins[1]).toMatchObject({ status: 'ok', name: 'down' });
      expect((await app().request('/plugins/down/remoteEntry.js')).status).toBe(200);
    } finally {
      await back.close();
    }
  });
});
