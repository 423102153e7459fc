import { describe, expect, it } from 'vitest';
import { checkListenPolicy, isLoopbackAddress } from './listen-policy.ts';

describe('isLoopbackAddress', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    'localhost',
    'LOCALHOST',
    '::1',
    '[::1]',
    '0:0:0:0:0:0:0:1',
    '::ffff:127.0.0.1',
  ])('%s is loopback', (host) => expect(isLoopbackAddress(host)).toBe(true));
  it.each([
    '0.0.0.0',
    '::',
    '[::]',
    '192.168.1.10',
    '10.0.0.1',
    'porthole.example.com',
    '128.0.0.1',
    '::2',
    '::ffff:10.0.0.1',
  ])('%s is not loopback', (host) => expect(isLoopbackAddress(host)).toBe(false));
});

describe('checkListenPolicy', () => {
  const base = { host: '127.0.0.1', authMode: 'local', insecureNoAuth: false, inCluster: false } as const;

  it('serves loopback without auth, and any address with an auth mode, without a warning', () => {
    expect(checkListenPolicy(base)).toEqual({ ok: true });
    expect(checkListenPolicy({ ...base, host: '0.0.0.0', authMode: 'oidc' })).toEqual({ ok: true });
  });

  it('refuses a non-loopback address without an auth mode, saying how to fix it', () => {
    const verdict = checkListenPolicy({ ...base, host: '0.0.0.0' });
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.message).toMatch(
      /refusing to listen on 0\.0\.0\.0 without an auth mode.*--auth token, proxy or oidc.*--insecure-no-auth/,
    );
  });

  it('serves it with --insecure-no-auth, with a warning naming whose credentials are exposed', () => {
    const verdict = checkListenPolicy({ ...base, host: '::', insecureNoAuth: true, inCluster: true });
    expect(verdict.ok && verdict.warning).toMatch(/WARNING: --insecure-no-auth: .*service account/);
  });
});
