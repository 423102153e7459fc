import { isStatus } from '@porthole/protocol';
import { describe, expect, it } from 'vitest';
import type { ClusterRegistry } from '../clusters/index.ts';
import { createApp } from '../server/create-app.ts';
import { isPageNavigation } from './auth-gate.ts';
import type { AuthRequest } from './auth-mode.ts';
import { createSessionCookies, sessionCookieName } from './session-cookie.ts';
import { createSessionSealer } from './session-seal.ts';
import { createTokenAuthMode } from './token-mode.ts';

const registry = {
  list: () => [],
  files: () => [],
  get: () => undefined,
  contexts: () => [],
  currentContext: () => undefined,
  subscribe: () => () => {},
  close: async () => {},
} as ClusterRegistry;

const sessions = createSessionCookies({
  sealer: createSessionSealer(['a-test-secret-of-at-least-32-characters']),
});
const mode = createTokenAuthMode({
  config: {
    authMode: 'token',
    externalUrl: undefined,
    sessionSecretFile: '/unused',
    trustedProxies: [],
    proxyUserHeader: 'X-Forwarded-User',
    proxyGroupsHeader: 'X-Forwarded-Groups',
    oidc: undefined,
  },
  sessions,
  call: async () => {
    throw new Error('no cluster in this test');
  },
  contextNames: () => ['prod', 'dev'],
  log: () => {},
});
const app = createApp({ clusters: registry, auth: { mode, sessions }, log: () => {} });

const noRequest: AuthRequest = {
  header: () => undefined,
  remoteAddress: undefined,
  encrypted: false,
  url: '/',
};

async function cookieOf(user: string): Promise<string> {
  const setCookie = await sessions.issue(noRequest, {
    mode: 'token',
    user,
    groups: ['g'],
    token: 'secret-token',
  });
  return setCookie.split(';')[0] ?? '';
}

describe('createAuthGate (token mode)', () => {
  it('redirects a page navigation without a session to /login with the return path', async () => {
    const res = await app.request('/c/prod/pods?ns=a', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/login?return=${encodeURIComponent('/c/prod/pods?ns=a')}`);
  });

  it('answers API, proxy and plugin requests without a session with a 401 Status', async () => {
    for (const path of ['/api/clusters', '/api/session', '/clusters/prod/api/v1/pods', '/api/plugins']) {
      const res = await app.request(path, { headers: { accept: 'text/html' } });
      expect(res.status, path).toBe(401);
      expect(isStatus(await res.json()), path).toBe(true);
    }
  });

  it('refuses a tampered or foreign cookie like no cookie', async () => {
    const good = await cookieOf('viewer');
    // A full data character of the tag (the last one carries padding bits that may not matter).
    const tampered = `${good.slice(0, -3)}${good.at(-3) === 'A' ? 'B' : 'A'}${good.slice(-2)}`;
    expect(tampered).not.toBe(good);
    const foreign = await createSessionCookies({
      sealer: createSessionSealer(['another-secret-of-at-least-32-characters']),
    }).issue(noRequest, { mode: 'token', user: 'admin', groups: [], token: 't' });
    for (const cookie of [tampered, foreign.split(';')[0] ?? '', `${sessionCookieName}=junk`]) {
      const res = await app.request('/api/session', { headers: { cookie } });
      expect(res.status).toBe(401);
    }
  });

  it('serves /api/session with the user and groups and never the token', async () => {
    const res = await app.request('/api/session', { headers: { cookie: await cookieOf('viewer') } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ mode: 'token', user: { name: 'viewer', groups: ['g'] } });
    expect(text).not.toContain('secret-token');
  });

  it('serves the login page without a session: labelled token field, cluster picker, Log in, no script', async () => {
    const res = await app.request('/login?return=//evil.example/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('<label for="token">Bearer token</label>');
    expect(html).toContain('<label for="context">Cluster</label>');
    expect(html).toContain('<button type="submit">Log in</button>');
    expect(html).toContain('name="return" value="/"');
    expect(html).not.toContain('<script');
  });

  it('logs out: clears the cookie and points at /login; refuses a cross-site logout (CSRF)', async () => {
    const cross = await app.request('/api/logout', {
      method: 'POST',
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(cross.status).toBe(403);
    const res = await app.request('/api/logout', {
      method: 'POST',
      headers: { 'sec-fetch-site': 'same-origin', cookie: await cookieOf('viewer') },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ redirect: '/login' });
    expect(res.headers.get('set-cookie')).toMatch(
      /^porthole_session=; Path=\/; Max-Age=0; HttpOnly; SameSite=Lax/,
    );
  });

  it('refuses a cross-site token login (login CSRF)', async () => {
    const res = await app.request('/api/login/token', {
      method: 'POST',
      headers: { 'sec-fetch-site': 'cross-site', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'token=abc',
    });
    expect(res.status).toBe(403);
  });
});

describe('createApp in local mode', () => {
  it('answers /api/session with the mode and no user, and needs no login', async () => {
    const local = createApp({ clusters: registry });
    const res = await local.request('/api/session');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ mode: 'local' });
    expect((await local.request('/api/clusters')).status).toBe(200);
  });
});

describe('isPageNavigation', () => {
  it('is true only for GET/HEAD of a non-API path asking for HTML', () => {
    expect(isPageNavigation('GET', '/c/prod', { accept: 'text/html,*/*' })).toBe(true);
    expect(isPageNavigation('GET', '/c/prod', { secFetchMode: 'navigate' })).toBe(true);
    expect(isPageNavigation('POST', '/c/prod', { accept: 'text/html' })).toBe(false);
    expect(isPageNavigation('GET', '/api/clusters', { accept: 'text/html' })).toBe(false);
    expect(isPageNavigation('GET', '/ws', { secFetchMode: 'navigate' })).toBe(false);
    expect(isPageNavigation('GET', '/assets/x.js', { accept: '*/*' })).toBe(false);
  });
});
