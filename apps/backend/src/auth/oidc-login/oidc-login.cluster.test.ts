import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAuthFlags } from '../../cli/auth-flags.ts';
import type { AuthMode, AuthRequest } from '../../session/auth-mode.ts';
import { cookieValue, createSessionCookies, sessionCookieName } from '../../session/session-cookie.ts';
import { createSessionSealer } from '../../session/session-seal.ts';
import { getWith, type OidcTestCluster, startOidcTestCluster } from '../oidc-test-cluster.ts';
import { createOidcAuthMode } from './oidc-auth-mode.ts';

const externalUrl = 'http://127.0.0.1:4466';
const secret = 'a-session-secret-of-at-least-32-characters';

/** An HTTPS request to the issuer (the browser's part), trusting its CA. */
function issuerCall(env: OidcTestCluster, method: string, url: string, body?: string) {
  return new Promise<{ status: number; location: string }>((resolve, reject) => {
    const headers = body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' };
    const req = request(url, { method, ca: env.issuer.caPem, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location ?? '' }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The cookie `name=value` pairs of a response's `Set-Cookie` headers, joined for a `Cookie` header. */
function cookiesOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .join('; ');
}

/** The bearer token of an authenticated answer. */
const tokenOf = (who: { principal: { upstream: { kind: string; token?: string } } } | undefined) =>
  who?.principal.upstream.kind === 'bearer' ? who.principal.upstream.token : undefined;

const requestWith = (cookie: string): AuthRequest => ({
  header: (name) => (name.toLowerCase() === 'cookie' ? cookie : undefined),
  remoteAddress: '127.0.0.1',
  encrypted: false,
  url: '/api/session',
});

describe('createOidcAuthMode against the test issuer and a real API server', () => {
  let env: OidcTestCluster;
  let dir: string;
  let clock = 0;
  let mode: AuthMode;
  const app = new Hono();

  beforeAll(async () => {
    env = await startOidcTestCluster('oidc-login', ['alice', 'bob']);
    dir = await mkdtemp(join(tmpdir(), 'porthole-oidc-login-'));
    await writeFile(join(dir, 'session'), `${secret}\n`);
    await writeFile(join(dir, 'client-secret'), `${env.issuer.clientSecret}\n`);
    const config = parseAuthFlags({
      auth: 'oidc',
      'external-url': externalUrl,
      'session-secret-file': join(dir, 'session'),
      'oidc-issuer-url': env.issuer.issuerUrl,
      'oidc-client-id': env.issuer.clientId,
      'oidc-client-secret-file': join(dir, 'client-secret'),
      'oidc-ca-file': env.issuer.caFile,
    });
    const sessions = createSessionCookies({ sealer: createSessionSealer([secret]), externalUrl });
    mode = await createOidcAuthMode(
      {
        config,
        sessions,
        call: () => Promise.reject(new Error('not used')),
        contextNames: () => [],
        log: () => {},
      },
      { now: () => Date.now() + clock },
    );
    mode.routes?.(app);
  });
  afterAll(async () => {
    await env?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Logs `username` in as a browser would; resolves the callback's response and the cookie jar. */
  const logIn = async (username: string, returnPath = '/c/oidc/namespaces', tamper?: (u: URL) => void) => {
    const start = await app.request(`/auth/oidc/start?return=${encodeURIComponent(returnPath)}`);
    expect(start.status).toBe(302);
    const flowCookie = cookiesOf(start);
    const authorize = new URL(start.headers.get('location') ?? '');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    const password = env.issuer.users.find((u) => u.username === username)?.password ?? 'wrong';
    const form = new URLSearchParams(authorize.searchParams);
    form.set('username', username);
    form.set('password', password);
    const signedIn = await issuerCall(env, 'POST', `${env.issuer.issuerUrl}/auth`, form.toString());
    expect(signedIn.status).toBe(302);
    const callback = new URL(signedIn.location);
    expect(`${callback.origin}${callback.pathname}`).toBe(`${externalUrl}/auth/oidc/callback`);
    tamper?.(callback);
    const done = await app.request(`${callback.pathname}${callback.search}`, {
      headers: { cookie: flowCookie },
    });
    return { done, cookie: cookieValue(cookiesOf(done), sessionCookieName) };
  };
  const authenticate = (sessionValue: string | undefined) =>
    mode.authenticate(requestWith(`${sessionCookieName}=${sessionValue ?? ''}`));

  it('logs alice in (code + PKCE + state + nonce) and her id-token acts as alice on the API server', async () => {
    const { done, cookie } = await logIn('alice');
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/c/oidc/namespaces');
    const setCookies = done.headers.getSetCookie();
    const session = setCookies.find((c) => c.startsWith(`${sessionCookieName}=`)) ?? '';
    expect(session).toMatch(/; HttpOnly; SameSite=Lax/);
    // Browsers drop cookies over 4096 bytes: the sealed tokens must fit (printed: the size here).
    console.log(`porthole_session with alice's tokens: ${session.length} bytes`);
    expect(session.length).toBeLessThan(4096);
    expect(setCookies.some((c) => c.startsWith('porthole_oidc_flow=;'))).toBe(true);
    const who = await authenticate(cookie);
    expect(who?.principal).toMatchObject({ user: 'alice', groups: ['team-a'] });
    expect(who?.principal.id).toMatch(/^oidc:alice#/);
    const upstream = who?.principal.upstream;
    if (upstream?.kind !== 'bearer') throw new Error('expected a bearer principal');
    const creds = {
      headers: { authorization: `Bearer ${upstream.token}` },
      tls: { ca: env.cluster.caPem, rejectUnauthorized: true },
      renewable: false,
    };
    expect(await getWith(env.cluster.server, '/api/v1/namespaces', creds)).toBe(200);
    // The token never shows in what the browser receives, except sealed in the HttpOnly cookie.
    expect(await done.text()).not.toContain(upstream.token);
    expect(setCookies.join()).not.toContain(upstream.token.split('.')[1]);
  });

  it('refuses open redirects in the return path: after login the browser stays on Porthole', async () => {
    for (const hostile of [
      '//evil.example/x',
      'https://evil.example/',
      '/\\evil.example',
      '/..//evil.example',
    ]) {
      const { done } = await logIn('alice', hostile);
      expect(done.status).toBe(302);
      expect(done.headers.get('location')).toBe('/');
    }
  });

  it('refuses a callback whose state differs from the one its flow cookie holds, and sets no session', async () => {
    const { done, cookie } = await logIn('bob', '/', (callback) =>
      callback.searchParams.set('state', 'forged'),
    );
    expect(done.status).toBe(401);
    expect(await done.text()).toContain('unexpected &quot;state&quot; response parameter value');
    expect(cookie).toBeUndefined();
  });

  it('refuses a callback without the flow cookie (login CSRF: a code from someone else’s login)', async () => {
    const res = await app.request('/auth/oidc/callback?code=stolen&state=whatever');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('log in again');
    expect(res.headers.getSetCookie().some((c) => c.startsWith(`${sessionCookieName}=`))).toBe(false);
  });

  it('refuses forged and tampered session cookies', async () => {
    const { cookie } = await logIn('alice');
    expect(cookie).toBeDefined();
    const value = cookie ?? '';
    const flipped = `${value.slice(0, 60)}${value[60] === 'A' ? 'B' : 'A'}${value.slice(61)}`;
    expect(await authenticate(flipped)).toBeUndefined();
    const forged = await createSessionSealer(['another-secret-of-at-least-32-characters']).seal({
      mode: 'oidc',
      user: 'admin',
      groups: ['system:masters'],
      token: 'x',
      data: { iat: 0, exp: 4_000_000_000 },
    });
    expect(await authenticate(forged)).toBeUndefined();
    expect(await authenticate('not-a-cookie')).toBeUndefined();
  });

  it('refreshes an id-token due for refresh once for 20 concurrent requests; the old cookie gets the same tokens', async () => {
    env.issuer.setIdTokenLifetime(6, 'alice');
    try {
      const { cookie } = await logIn('alice');
      const before = env.issuer.refreshCountFor('alice');
      expect(tokenOf(await authenticate(cookie))).toBeDefined();
      expect(env.issuer.refreshCountFor('alice')).toBe(before);
      // Refreshed once less than a quarter of its lifetime is left (1.5 s of 6 s).
      await new Promise((resolve) => setTimeout(resolve, 4_700));
      const answers = await Promise.all(Array.from({ length: 20 }, () => authenticate(cookie)));
      expect(env.issuer.refreshCountFor('alice')).toBe(before + 1);
      const tokens = new Set(answers.map(tokenOf));
      expect(tokens.size).toBe(1);
      expect(answers.every((a) => a?.setCookies?.[0]?.startsWith(`${sessionCookieName}=`))).toBe(true);
      // A request still carrying the old cookie, after the refresh, is not refreshed again.
      const late = await authenticate(cookie);
      expect(tokenOf(late)).toBe([...tokens][0]);
      // The new cookie is fresh: no refresh needed.
      const renewed = cookieValue(answers[0]?.setCookies?.[0]?.split(';')[0], sessionCookieName);
      expect((await authenticate(renewed))?.principal.user).toBe('alice');
      expect(env.issuer.refreshCountFor('alice')).toBe(before + 1);
    } finally {
      env.issuer.setIdTokenLifetime(300, 'alice');
    }
  });

  it('asks bob to log in again once his refresh token is revoked and his id-token is due', async () => {
    const { cookie } = await logIn('bob');
    expect(env.issuer.revokeRefreshTokens('bob')).toBeGreaterThan(0);
    clock = 301_000; // past the id-token's expiry
    try {
      expect(await authenticate(cookie)).toBeUndefined();
      const login = await app.request('/login', { headers: { cookie: `${sessionCookieName}=${cookie}` } });
      expect(login.status).toBe(200);
      expect(await login.text()).toContain('Your session has ended and could not be renewed: log in again.');
      expect(login.headers.getSetCookie().some((c) => c.startsWith(`${sessionCookieName}=;`))).toBe(true);
    } finally {
      clock = 0;
    }
  });

  it('revokes the refresh token at the issuer on logout', async () => {
    const { cookie } = await logIn('alice');
    const answer = await mode.logout?.(requestWith(`${sessionCookieName}=${cookie}`));
    expect(answer?.redirect).toBe('/login?reason=logged-out');
    const before = env.issuer.refreshCountFor('alice');
    clock = 290_000;
    try {
      expect(await authenticate(cookie)).toBeDefined(); // still valid until exp, but not renewable
      expect(env.issuer.refreshCountFor('alice')).toBe(before);
    } finally {
      clock = 0;
    }
  });
});
