import { describe, expect, it } from 'vitest';
import type { AuthRequest } from '../../session/auth-mode.ts';
import { createSessionSealer } from '../../session/session-seal.ts';
import { createLoginFlowCookies, flowCookieName } from './login-flow.ts';

const secret = 'a-session-secret-of-at-least-32-characters';
const request = (cookie = '', encrypted = false): AuthRequest => ({
  header: (name) => (name.toLowerCase() === 'cookie' ? cookie : undefined),
  remoteAddress: '127.0.0.1',
  encrypted,
  url: '/auth/oidc/callback',
});
const cookiePair = (setCookie: string) => setCookie.split(';')[0] ?? '';

describe('createLoginFlowCookies', () => {
  it('begins each login with new random state, nonce and PKCE verifier', () => {
    const flows = createLoginFlowCookies(createSessionSealer([secret]), undefined);
    const a = flows.begin('/');
    const b = flows.begin('/');
    expect(a.state).not.toBe(b.state);
    expect(a.nonce).not.toBe(b.nonce);
    expect(a.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(a.codeVerifier).not.toBe(b.codeVerifier);
  });

  it('keeps a flow for the callback path only, HttpOnly, Lax, Secure behind https, 10 minutes', async () => {
    const flows = createLoginFlowCookies(createSessionSealer([secret]), 'https://porthole.example.com');
    const cookie = await flows.issue(request(), flows.begin('/c/prod'));
    expect(cookie).toMatch(
      new RegExp(`^${flowCookieName}=[^;]+; Path=/auth/oidc; Max-Age=600; HttpOnly; SameSite=Lax; Secure$`),
    );
    const plain = createLoginFlowCookies(createSessionSealer([secret]), 'http://127.0.0.1:4466');
    expect(plain.clear(request())).toBe(
      `${flowCookieName}=; Path=/auth/oidc; Max-Age=0; HttpOnly; SameSite=Lax`,
    );
  });

  it('reads back its own flow and refuses one sealed with another key, expired, or tampered', async () => {
    let now = 1_000_000;
    const flows = createLoginFlowCookies(createSessionSealer([secret], { now: () => now }), undefined);
    const flow = flows.begin('/c/prod');
    const cookie = cookiePair(await flows.issue(request(), flow));
    expect(await flows.read(request(cookie))).toEqual(flow);
    const foreign = createLoginFlowCookies(
      createSessionSealer(['another-secret-of-at-least-32-chars!']),
      undefined,
    );
    expect(await foreign.read(request(cookie))).toBeUndefined();
    const value = cookie.slice(flowCookieName.length + 1);
    const tampered = `${flowCookieName}=${value.slice(0, 50)}${value[50] === 'A' ? 'B' : 'A'}${value.slice(51)}`;
    expect(await flows.read(request(tampered))).toBeUndefined();
    now += 601_000;
    expect(await flows.read(request(cookie))).toBeUndefined();
  });

  it('never takes a session cookie for a flow', async () => {
    const sealer = createSessionSealer([secret]);
    const flows = createLoginFlowCookies(sealer, undefined);
    const session = await sealer.seal({
      mode: 'oidc',
      user: 'alice',
      groups: [],
      token: 't',
      data: { iat: 1, exp: 2 },
    });
    expect(await flows.read(request(`${flowCookieName}=${session}`))).toBeUndefined();
  });
});
