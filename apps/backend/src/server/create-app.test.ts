import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { type ClusterSummary, isStatus, StatusError } from '@porthole/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterRegistry } from '../clusters/index.ts';
import { createApp } from './create-app.ts';

const alpha: ClusterSummary = {
  name: 'admin@alpha',
  server: 'https://127.0.0.1:6443',
  distribution: 'kubernetes',
  namespace: 'default',
  source: '/tmp/alpha',
};

function registryOf(list: () => ClusterSummary[]): ClusterRegistry {
  return {
    list,
    files: () => [],
    get: () => undefined,
    contexts: () => [],
    currentContext: () => undefined,
    subscribe: () => () => {},
    close: async () => {},
  };
}

describe('createApp', () => {
  const quiet = () => {};

  it('answers GET /healthz with 200 ok', async () => {
    const res = await createApp({ clusters: registryOf(() => []) }).request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ok');
  });

  it('lists the registry under GET /api/clusters', async () => {
    const res = await createApp({ clusters: registryOf(() => [alpha]) }).request('/api/clusters');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([alpha]);
  });

  it('returns a 404 Status for an unknown API path', async () => {
    const res = await createApp({ clusters: registryOf(() => []) }).request('/api/nope');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/json');
    const body = await res.json();
    expect(isStatus(body)).toBe(true);
    expect(body).toMatchObject({
      code: 404,
      reason: 'NotFound',
      message: expect.stringContaining('/api/nope'),
    });
  });

  it('sends a thrown StatusError as its Status with its code', async () => {
    const forbidden = StatusError.forbidden({ resource: 'clusters' }, undefined, 'not for you');
    const app = createApp({
      clusters: registryOf(() => {
        throw forbidden;
      }),
      log: quiet,
    });
    const res = await app.request('/api/clusters');
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual(forbidden.status);
  });

  it('turns an unknown error into a 500 Status without a stack, logging the stack', async () => {
    const logged: string[] = [];
    const app = createApp({
      clusters: registryOf(() => {
        throw new Error('boom');
      }),
      log: (line) => logged.push(line),
    });
    const res = await app.request('/api/clusters');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ kind: 'Status', code: 500, reason: 'InternalError' });
    expect(text).toContain('boom');
    expect(text).not.toContain('create-app.test.ts');
    expect(logged.join('\n')).toContain('create-app.test.ts');
  });

  it('refuses to send a cluster list that does not match the protocol schema', async () => {
    const broken = { ...alpha, name: '' };
    const res = await createApp({ clusters: registryOf(() => [broken]), log: quiet }).request(
      '/api/clusters',
    );
    expect(res.status).toBe(500);
    expect(isStatus(await res.json())).toBe(true);
  });
});

describe('createApp with a built shell', () => {
  let shellDir: string;
  const index = '<!doctype html><title>Porthole</title><div id="root"></div>';

  beforeAll(async () => {
    shellDir = await mkdtemp(join(tmpdir(), 'porthole-shell-'));
    await mkdir(join(shellDir, 'static', 'js'), { recursive: true });
    await writeFile(join(shellDir, 'index.html'), index);
    await writeFile(join(shellDir, 'static', 'js', 'index.js'), 'console.log(1)');
    await writeFile(join(shellDir, 'static', 'js', 'big.js'), `${'console.log("porthole");\n'.repeat(500)}`);
  });
  afterAll(() => rm(shellDir, { recursive: true, force: true }));

  const app = () => createApp({ clusters: registryOf(() => []), shellDir });

  it('serves index.html at / and tells the browser to revalidate it', async () => {
    const res = await app().request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toBe(index);
  });

  it('serves the built files', async () => {
    const res = await app().request('/static/js/index.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('javascript');
  });

  it('sends the built files gzip-compressed to a browser that accepts it', async () => {
    const plain = `${'console.log("porthole");\n'.repeat(500)}`;
    const res = await app().request('/static/js/big.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.length).toBeLessThan(plain.length / 10);
    expect(gunzipSync(body).toString()).toBe(plain);
    const identity = await app().request('/static/js/big.js');
    expect(identity.headers.get('content-encoding')).toBeNull();
  });

  it('falls back to index.html for a client-side route', async () => {
    const res = await app().request('/some/page');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(index);
  });

  it('returns a 404 Status, not the page, for a missing file and for an unknown API path', async () => {
    for (const path of ['/static/js/missing.js', '/api/nope', '/api']) {
      const res = await app().request(path);
      expect(res.status, path).toBe(404);
      expect(isStatus(await res.json()), path).toBe(true);
    }
  });

  it('still answers /healthz and /api/clusters', async () => {
    expect(await (await app().request('/healthz')).text()).toBe('ok');
    expect(await (await app().request('/api/clusters')).json()).toEqual([]);
  });

  it('says the shell is not built when its folder is empty', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'porthole-shell-'));
    try {
      const res = await createApp({ clusters: registryOf(() => []), shellDir: empty }).request('/');
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('npm run build');
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
