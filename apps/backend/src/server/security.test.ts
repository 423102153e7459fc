import { type IncomingMessage, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createErrorHandler } from './errors.ts';
import {
  createSecurityMiddleware,
  createUpgradeOriginCheck,
  findPathProblem,
  isCsrfSafe,
} from './security.ts';

describe('findPathProblem', () => {
  it.each([
    '/clusters/a/api/v1/pods',
    '/clusters/a/api/v1/namespaces/default/pods/p/exec?command=ls&command=..',
    '/clusters/arn%3Aaws%3Aeks%3Aeu-west-1%3A1%3Acluster%2Fprod/api',
    '/api/clusters',
    '/assets/app.js',
    // Only the path counts: a query may hold anything (it is not a path the server resolves).
    '/api/clusters?next=/../x',
    // Outside /clusters/ an encoded slash is not split into segments by anyone downstream.
    '/plugins/p/static/a%2Fb.js',
  ])('accepts %s', (target) => {
    expect(findPathProblem(target)).toBeUndefined();
  });

  it.each([
    ['/clusters/a/../b/api', '"." or ".."'],
    ['/clusters/a/%2e%2e/b/api', '"." or ".."'],
    ['/clusters/a/api/%2E./x', '"." or ".."'],
    ['/clusters/a/./api', '"." or ".."'],
    ['/plugins/x/../../etc/passwd', '"." or ".."'],
    ['/clusters/a/api%2fv1', 'encoded "/"'],
    ['/clusters/a/api%5c..', 'backslash'],
    ['/clusters/a/api/%zz', 'percent-encoding'],
    ['clusters/a', 'absolute'],
  ])('refuses %s', (target, why) => {
    expect(findPathProblem(target)).toContain(why);
  });
});

describe('isCsrfSafe', () => {
  it('accepts the same origin, a user-initiated request, or the Porthole header', () => {
    expect(isCsrfSafe({ secFetchSite: 'same-origin' })).toBe(true);
    expect(isCsrfSafe({ secFetchSite: 'none' })).toBe(true);
    expect(isCsrfSafe({ secFetchSite: 'cross-site', csrfHeader: '1' })).toBe(true);
  });

  it('refuses same-site, cross-site and requests that say nothing', () => {
    expect(isCsrfSafe({ secFetchSite: 'same-site' })).toBe(false);
    expect(isCsrfSafe({ secFetchSite: 'cross-site' })).toBe(false);
    expect(isCsrfSafe({})).toBe(false);
  });
});

describe('createSecurityMiddleware', () => {
  const app = new Hono();
  app.onError(createErrorHandler(() => {}));
  app.use('*', createSecurityMiddleware());
  app.all('*', (c) => c.text('served'));

  it('refuses a POST under /clusters/ without the header with a 403 Status naming it', async () => {
    const res = await app.request('/clusters/a/api/v1/namespaces', { method: 'POST' });
    expect(res.status).toBe(403);
    const status = (await res.json()) as { message: string };
    expect(status).toMatchObject({ kind: 'Status', code: 403, reason: 'Forbidden' });
    expect(status.message).toContain('X-Porthole-Request: 1');
  });

  it.each(['PUT', 'PATCH', 'DELETE'])('refuses a cross-site %s under /api/', async (method) => {
    const res = await app.request('/api/plugins', { method, headers: { 'sec-fetch-site': 'cross-site' } });
    expect(res.status).toBe(403);
  });

  it('serves mutating requests that carry the header or come from the same origin', async () => {
    const marked = await app.request('/clusters/a/x', {
      method: 'POST',
      headers: { 'x-porthole-request': '1' },
    });
    expect(marked.status).toBe(200);
    const same = await app.request('/api/x', {
      method: 'DELETE',
      headers: { 'sec-fetch-site': 'same-origin' },
    });
    expect(same.status).toBe(200);
  });

  it('leaves reads and paths outside /clusters/ and /api/ alone', async () => {
    expect((await app.request('/clusters/a/api/v1/pods')).status).toBe(200);
    expect((await app.request('/oauth/callback', { method: 'POST' })).status).toBe(200);
  });

  it('refuses an encoded slash in a cluster path with a 400 Status', async () => {
    const res = await app.request('/clusters/a/api%2Fv1/pods?limit=1');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      kind: 'Status',
      code: 400,
      reason: 'BadRequest',
      message: 'the request path "/clusters/a/api%2Fv1/pods" is refused: it contains an encoded "/" (%2F)',
    });
  });

  it('names the whole path, without its query, when it refuses one', async () => {
    const res = await app.request('/clusters/a/api%5cx');
    expect(((await res.json()) as { message: string }).message).toBe(
      'the request path "/clusters/a/api%5cx" is refused: it contains a backslash',
    );
  });

  it('says how to pass the CSRF check', async () => {
    const res = await app.request('/api/plugins', { method: 'POST' });
    expect(((await res.json()) as { message: string }).message).toBe(
      'forbidden: POST requests must come from the Porthole page (Sec-Fetch-Site: same-origin) or carry the header "X-Porthole-Request: 1"',
    );
  });

  it('guards a path whose prefix is percent-encoded (routed as /clusters/ all the same)', async () => {
    const res = await app.request('/%63lusters/a/api/v1/namespaces', { method: 'POST' });
    expect(res.status).toBe(403);
  });

  it('checks the target as sent on the wire, before the server resolves "..", with the node bindings', async () => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const status = await new Promise<number>((resolve, reject) => {
        request({ host: '127.0.0.1', port, path: '/clusters/a/../b/api/v1/pods' }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
          .on('error', reject)
          .end();
      });
      expect(status).toBe(400);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

function upgradeRequest(headers: Record<string, string>, encrypted = false): IncomingMessage {
  return { headers, socket: { encrypted } } as unknown as IncomingMessage;
}

describe('createUpgradeOriginCheck', () => {
  const check = createUpgradeOriginCheck(['https://porthole.example.com']);

  it("allows the backend's own origin, same scheme, host and port", () => {
    expect(
      check(upgradeRequest({ host: '127.0.0.1:4466', origin: 'http://127.0.0.1:4466' })),
    ).toBeUndefined();
    expect(
      check(upgradeRequest({ host: 'Console.Local', origin: 'https://console.local:443' }, true)),
    ).toBeUndefined();
  });

  it('allows a configured origin and an upgrade without Origin', () => {
    expect(
      check(upgradeRequest({ host: '10.0.0.1:4466', origin: 'https://porthole.example.com' })),
    ).toBeUndefined();
    expect(check(upgradeRequest({ host: '127.0.0.1:4466' }))).toBeUndefined();
  });

  it.each([
    ['another host', { host: '127.0.0.1:4466', origin: 'https://evil.example' }],
    ['another port', { host: '127.0.0.1:4466', origin: 'http://127.0.0.1:4467' }],
    ['another scheme', { host: '127.0.0.1:4466', origin: 'https://127.0.0.1:4466' }],
    ['an opaque origin', { host: '127.0.0.1:4466', origin: 'null' }],
  ])('refuses %s with a 403 Status', (_what, headers) => {
    const refusal = check(upgradeRequest(headers));
    expect(refusal?.status).toMatchObject({ code: 403, reason: 'Forbidden' });
    expect(refusal?.message).toBe(
      `forbidden: WebSocket connections from origin ${JSON.stringify(headers.origin)} are not allowed; ` +
        'only the Porthole page itself and the configured allowed origins may open them',
    );
  });

  it('rejects an allow-list entry that is not an origin', () => {
    expect(() => createUpgradeOriginCheck(['not a url'])).toThrow('"not a url" is not a valid origin URL');
    // A URL whose origin is opaque ("null") names no origin either: it would let every sandboxed page in.
    expect(() => createUpgradeOriginCheck(['file:///etc/hosts'])).toThrow('is not a valid origin URL');
  });

  it('allows only the own origin when no origins are configured', () => {
    const ownOnly = createUpgradeOriginCheck();
    expect(
      ownOnly(upgradeRequest({ host: '127.0.0.1:4466', origin: 'http://127.0.0.1:4466' })),
    ).toBeUndefined();
    expect(
      ownOnly(upgradeRequest({ host: '127.0.0.1:4466', origin: 'https://porthole.example.com' })),
    ).toBeDefined();
  });
});
