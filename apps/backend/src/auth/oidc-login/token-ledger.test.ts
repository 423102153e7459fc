import { describe, expect, it } from 'vitest';
import { OidcFailure, type OidcTokenSet } from './oidc-client.ts';
import { createTokenLedger, needsRefresh } from './token-ledger.ts';

/** Tokens issued now (real time) for 300 s. */
const tokens = (n: number): OidcTokenSet => {
  const issuedAt = Math.floor(Date.now() / 1000);
  return {
    idToken: `id-${n}`,
    refreshToken: `rt-${n}`,
    claims: { sub: 'alice', groups: [], issuedAt, expiresAt: issuedAt + 300 },
  };
};

describe('createTokenLedger', () => {
  it('refreshes once for concurrent callers and answers later callers with the same outcome', async () => {
    let calls = 0;
    const ledger = createTokenLedger({
      refresh: async (rt) => {
        calls += 1;
        await new Promise((resolve) => setTimeout(resolve, 10));
        return tokens(Number(rt.slice(3)) + 1);
      },
    });
    const all = await Promise.all(Array.from({ length: 20 }, () => ledger.refresh('rt-0')));
    expect(calls).toBe(1);
    expect(new Set(all.map((t) => t.idToken))).toEqual(new Set(['id-1']));
    expect((await ledger.refresh('rt-0')).idToken).toBe('id-1');
    expect(calls).toBe(1);
  });

  it('follows rotations to the newest tokens', async () => {
    const ledger = createTokenLedger({ refresh: async (rt) => tokens(Number(rt.slice(3)) + 1) });
    expect(ledger.newest('rt-0')).toBeUndefined();
    await ledger.refresh('rt-0');
    await ledger.refresh('rt-1');
    expect(ledger.newest('rt-0')?.idToken).toBe('id-2');
    expect(ledger.newest('rt-1')?.idToken).toBe('id-2');
  });

  it('asks again with a kept (not rotated) refresh token once the tokens it gave are due', async () => {
    let now = 0;
    let calls = 0;
    const ledger = createTokenLedger({
      refresh: async () => {
        calls += 1;
        const issuedAt = now / 1000;
        return {
          ...tokens(calls),
          refreshToken: 'kept',
          claims: { sub: 'a', groups: [], issuedAt, expiresAt: issuedAt + 300 },
        };
      },
      now: () => now,
    });
    expect((await ledger.refresh('kept')).idToken).toBe('id-1');
    expect(ledger.newest('kept')?.idToken).toBe('id-1');
    now = 100_000;
    expect((await ledger.refresh('kept')).idToken).toBe('id-1');
    now = 250_000; // id-1 is due
    expect((await ledger.refresh('kept')).idToken).toBe('id-2');
    expect(calls).toBe(2);
  });

  it('remembers a refusal (a revoked token is not sent again) but retries after an unreachable issuer', async () => {
    let calls = 0;
    const ledger = createTokenLedger({
      refresh: async (rt) => {
        calls += 1;
        throw new OidcFailure(rt === 'revoked' ? 'invalid_grant' : 'ECONNREFUSED', rt === 'revoked');
      },
    });
    await expect(ledger.refresh('revoked')).rejects.toThrow('invalid_grant');
    await expect(ledger.refresh('revoked')).rejects.toThrow('invalid_grant');
    expect(calls).toBe(1);
    await expect(ledger.refresh('down')).rejects.toThrow('ECONNREFUSED');
    await expect(ledger.refresh('down')).rejects.toThrow('ECONNREFUSED');
    expect(calls).toBe(3);
  });

  it('forgets outcomes after keepMs and beyond maxEntries', async () => {
    let now = 0;
    const ledger = createTokenLedger({
      refresh: async (rt) => tokens(Number(rt.slice(3)) + 1),
      keepMs: 1000,
      maxEntries: 3,
      now: () => now,
    });
    for (const i of [10, 20, 30, 40, 50]) await ledger.refresh(`rt-${i}`);
    expect(ledger.size).toBe(3);
    expect(ledger.newest('rt-10')).toBeUndefined();
    expect(ledger.newest('rt-50')?.idToken).toBe('id-51');
    now = 5000;
    await ledger.refresh('rt-100');
    expect(ledger.size).toBe(1);
    expect(ledger.newest('rt-50')).toBeUndefined();
  });
});

describe('needsRefresh', () => {
  it('asks for a refresh in the last quarter of the lifetime, at most 60 s and at least 1 s before exp', () => {
    expect(needsRefresh({ issuedAt: 0, expiresAt: 3600 }, 3539)).toBe(false);
    expect(needsRefresh({ issuedAt: 0, expiresAt: 3600 }, 3540)).toBe(true);
    expect(needsRefresh({ issuedAt: 0, expiresAt: 8 }, 5.9)).toBe(false);
    expect(needsRefresh({ issuedAt: 0, expiresAt: 8 }, 6)).toBe(true);
    expect(needsRefresh({ issuedAt: 0, expiresAt: 2 }, 0.9)).toBe(false);
    expect(needsRefresh({ issuedAt: 0, expiresAt: 2 }, 1)).toBe(true);
  });
});
