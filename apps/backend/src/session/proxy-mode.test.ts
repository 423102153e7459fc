import { describe, expect, it } from 'vitest';
import type { AuthRequest } from './auth-mode.ts';
import { createAddressCheck, createProxyAuthMode, identityOfHeaders } from './proxy-mode.ts';

describe('createAddressCheck', () => {
  it('accepts addresses inside the CIDRs, IPv4-mapped IPv6 included, and nothing else', () => {
    const trusted = createAddressCheck(['10.0.0.0/8', '192.168.1.7/32', '::1/128', 'fd00::/8']);
    for (const ok of ['10.0.0.1', '10.255.255.255', '::ffff:10.1.2.3', '192.168.1.7', '::1', 'fd12::5'])
      expect(trusted(ok), ok).toBe(true);
    for (const no of ['11.0.0.1', '192.168.1.8', '127.0.0.1', '::2', 'fe80::1', '::ffff:127.0.0.1'])
      expect(trusted(no), no).toBe(false);
  });

  it('refuses a missing or malformed peer address', () => {
    const trusted = createAddressCheck(['0.0.0.0/0']);
    expect(trusted(undefined)).toBe(false);
    expect(trusted('')).toBe(false);
    expect(trusted('10.0.0.1, 127.0.0.1')).toBe(false);
    expect(trusted('localhost')).toBe(false);
  });
});

describe('identityOfHeaders', () => {
  it('reads the user and comma-separated groups, trimmed and without duplicates', () => {
    expect(identityOfHeaders(' alice ', 'team-a, dev,,team-a')).toEqual({
      user: 'alice',
      groups: ['team-a', 'dev'],
    });
    expect(identityOfHeaders('bob', undefined)).toEqual({ user: 'bob', groups: [] });
  });

  it('refuses a missing user and control characters in any name', () => {
    expect(identityOfHeaders(undefined, 'team-a')).toBeUndefined();
    expect(identityOfHeaders('  ', 'team-a')).toBeUndefined();
    expect(identityOfHeaders('alice\r\nImpersonate-User: admin', '')).toBeUndefined();
    expect(identityOfHeaders('alice', 'ok,bad\u0000group')).toBeUndefined();
    expect(identityOfHeaders('a'.repeat(257), '')).toBeUndefined();
  });
});

function request(remoteAddress: string | undefined, headers: Record<string, string>): AuthRequest {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { header: (name) => lower[name.toLowerCase()], remoteAddress, encrypted: false, url: '/' };
}

describe('createProxyAuthMode', () => {
  const mode = createProxyAuthMode({
    config: {
      authMode: 'proxy',
      externalUrl: undefined,
      sessionSecretFile: undefined,
      trustedProxies: ['10.0.0.0/8'],
      proxyUserHeader: 'X-Auth-User',
      proxyGroupsHeader: 'X-Auth-Groups',
      oidc: undefined,
    },
    sessions: undefined,
    call: async () => ({ status: 500, body: undefined }),
    contextNames: () => [],
    log: () => {},
  });

  it('impersonates the user and groups of the configured headers from a trusted address', async () => {
    const found = await mode.authenticate(
      request('10.1.1.1', { 'X-Auth-User': 'alice', 'X-Auth-Groups': 'team-a' }),
    );
    expect(found?.principal).toMatchObject({
      user: 'alice',
      groups: ['team-a'],
      upstream: { kind: 'impersonate', user: 'alice', groups: ['team-a'] },
    });
    expect(found?.principal.id).toMatch(/^proxy:alice#/);
  });

  it('gives different ids to different groups of one user', async () => {
    const a = await mode.authenticate(
      request('10.1.1.1', { 'X-Auth-User': 'alice', 'X-Auth-Groups': 'team-a' }),
    );
    const b = await mode.authenticate(
      request('10.1.1.1', { 'X-Auth-User': 'alice', 'X-Auth-Groups': 'admins' }),
    );
    expect(a?.principal.id).not.toBe(b?.principal.id);
  });

  it('believes nothing from an untrusted address, and nothing without the user header', async () => {
    expect(await mode.authenticate(request('127.0.0.1', { 'X-Auth-User': 'alice' }))).toBeUndefined();
    expect(await mode.authenticate(request(undefined, { 'X-Auth-User': 'alice' }))).toBeUndefined();
    // The default header names are not the configured ones.
    expect(await mode.authenticate(request('10.1.1.1', { 'X-Forwarded-User': 'alice' }))).toBeUndefined();
  });
});
