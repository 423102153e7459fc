import { describe, expect, it } from 'vitest';
import type { OidcTokenSet } from './oidc-client.ts';
import { oidcPrincipal, oidcSessionPayload, oidcSessionTokens } from './oidc-session.ts';
import { createTokenLedger } from './token-ledger.ts';

const alice: OidcTokenSet = {
  idToken: 'id-1',
  refreshToken: 'rt-1',
  claims: { sub: 'alice', groups: ['team-a'], issuedAt: 1000, expiresAt: 1300 },
};

describe('oidcSessionPayload / oidcSessionTokens', () => {
  it('round-trips the tokens and times through the session payload', () => {
    expect(oidcSessionTokens(oidcSessionPayload(alice))).toEqual(alice);
  });

  it('refuses payloads that are not OIDC sessions: other modes, login-flow cookies, no token', () => {
    const payload = oidcSessionPayload(alice);
    expect(oidcSessionTokens({ ...payload, mode: 'token' })).toBeUndefined();
    expect(oidcSessionTokens({ ...payload, data: { ...payload.data, flow: 1 } })).toBeUndefined();
    expect(oidcSessionTokens({ ...payload, token: undefined })).toBeUndefined();
    expect(
      oidcSessionTokens({ mode: 'oidc', user: '', groups: [], data: { flow: 1, state: 's' } }),
    ).toBeUndefined();
    expect(oidcSessionTokens(undefined)).toBeUndefined();
  });
});

describe('oidcPrincipal', () => {
  it('keeps one id across refreshes and resolves a refreshed token once one is due (single flight)', async () => {
    const refreshed: OidcTokenSet = {
      idToken: 'id-2',
      refreshToken: 'rt-2',
      claims: { ...alice.claims, issuedAt: 1250, expiresAt: 1550 },
    };
    let calls = 0;
    const ledger = createTokenLedger({
      refresh: async () => {
        calls += 1;
        return refreshed;
      },
    });
    let now = 1_100_000;
    const principal = oidcPrincipal(alice, ledger, () => now);
    expect(principal).toMatchObject({ user: 'alice', groups: ['team-a'] });
    expect(principal.id).toBe(oidcPrincipal(refreshed, ledger).id);
    const upstream = principal.upstream;
    if (upstream.kind !== 'bearer' || !upstream.current) throw new Error('expected a refreshing bearer');
    expect(await upstream.current()).toBe('id-1');
    expect(calls).toBe(0);
    now = 1_250_000; // 50 s before exp: due, so the request waits for the refresh instead of sending id-1
    const [a, b] = await Promise.all([upstream.current(), upstream.current()]);
    expect([a, b]).toEqual(['id-2', 'id-2']);
    expect(upstream.token).toBe('id-2');
    expect(calls).toBe(1);
  });
});
