import { describe, expect, it } from 'vitest';
import type { AuthRequest } from './auth-mode.ts';
import { cookieValue, createSessionCookies } from './session-cookie.ts';
import { createSessionSealer } from './session-seal.ts';

const sealer = createSessionSealer(['a-cookie-test-secret-of-32-characters-or-more']);
const plain: AuthRequest = {
  header: () => undefined,
  remoteAddress: '127.0.0.1',
  encrypted: false,
  url: '/',
};
const tls: AuthRequest = { ...plain, encrypted: true };
const payload = { mode: 'token' as const, user: 'u', groups: [], token: 't' };

describe('createSessionCookies', () => {
  it('issues porthole_session HttpOnly, SameSite=Lax, Path=/, with a Max-Age', async () => {
    const cookie = await createSessionCookies({ sealer }).issue(plain, payload, 60);
    expect(cookie).toMatch(/^porthole_session=[\w.-]+; Path=\/; Max-Age=60; HttpOnly; SameSite=Lax$/);
  });

  it('is Secure over TLS, and always when the external URL is https', async () => {
    expect(await createSessionCookies({ sealer }).issue(tls, payload)).toMatch(/; Secure$/);
    const behindIngress = createSessionCookies({ sealer, externalUrl: 'https://porthole.example.com' });
    expect(await behindIngress.issue(plain, payload)).toMatch(/; Secure$/);
    expect(behindIngress.clear(plain)).toMatch(/Max-Age=0; HttpOnly; SameSite=Lax; Secure$/);
    const httpExternal = createSessionCookies({ sealer, externalUrl: 'http://porthole.internal' });
    expect(await httpExternal.issue(plain, payload)).not.toMatch(/Secure/);
  });

  it('reads the session back from the Cookie header among others', async () => {
    const sessions = createSessionCookies({ sealer });
    const value = (await sessions.issue(plain, payload)).split(';')[0] ?? '';
    const req: AuthRequest = { ...plain, header: (n) => (n === 'cookie' ? `a=1; ${value}; b=2` : undefined) };
    expect(await sessions.read(req)).toEqual(payload);
  });
});

describe('cookieValue', () => {
  it('finds the named cookie only', () => {
    expect(cookieValue('a=1; porthole_session=xyz; b=2', 'porthole_session')).toBe('xyz');
    expect(cookieValue('xporthole_session=1', 'porthole_session')).toBeUndefined();
    expect(cookieValue(undefined, 'porthole_session')).toBeUndefined();
  });
});
