import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthConfig } from '../cli/auth-flags.ts';
import { createAgentPool } from '../proxy/agent-pool.ts';
import { unchangedHeaders } from '../proxy/test-backend.ts';
import { createConsoleAuth } from './console-auth.ts';

const registry = { contexts: () => [], currentContext: () => undefined, get: () => undefined };
const upstream = {
  credentials: { credentialsFor: async () => Promise.reject(new Error('unused')), invalidate() {} },
  adapterFor: () => unchangedHeaders,
  agents: createAgentPool(),
};
const base: AuthConfig = {
  authMode: 'local',
  externalUrl: undefined,
  sessionSecretFile: undefined,
  trustedProxies: [],
  proxyUserHeader: 'X-Forwarded-User',
  proxyGroupsHeader: 'X-Forwarded-Groups',
  oidc: undefined,
};

describe('createConsoleAuth', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'porthole-console-auth-'));
    await writeFile(join(dir, 'good'), 'a-good-secret-of-at-least-thirty-two-chars\n');
    await writeFile(join(dir, 'weak'), 'short\n');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const build = (config: Partial<AuthConfig>) =>
    createConsoleAuth({ config: { ...base, ...config }, registry, upstream, log: () => {} });

  it('builds local mode without sessions, and token mode with them', async () => {
    expect((await build({})).mode.name).toBe('local');
    const token = await build({ authMode: 'token', sessionSecretFile: join(dir, 'good') });
    expect(token.mode.name).toBe('token');
    expect(token.sessions).toBeDefined();
  });

  it('refuses to start with an unreadable or weak secret file, naming it', async () => {
    await expect(build({ authMode: 'token', sessionSecretFile: join(dir, 'missing') })).rejects.toThrow(
      /cannot read the session secret file .*missing/,
    );
    await expect(build({ authMode: 'token', sessionSecretFile: join(dir, 'weak') })).rejects.toThrow(
      /weak: line 1 .* at least 32/,
    );
  });

  it('builds --auth oidc while the issuer is down (asked at the first login) and refuses an unreadable --oidc-ca-file', async () => {
    const oidc = {
      issuerUrl: 'https://127.0.0.1:9',
      clientId: 'porthole',
      clientSecretFile: undefined,
      caFile: undefined,
      scopes: ['openid'],
    };
    const config = {
      authMode: 'oidc' as const,
      sessionSecretFile: join(dir, 'good'),
      externalUrl: 'http://127.0.0.1:4466',
    };
    const built = await build({ ...config, oidc });
    expect(built.mode.name).toBe('oidc');
    expect(built.mode.loginPage).toBe(true);
    await expect(build({ ...config, oidc: { ...oidc, caFile: join(dir, 'no-ca.pem') } })).rejects.toThrow(
      /cannot read --oidc-ca-file .*no-ca\.pem/,
    );
  });
});
