import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type OidcIssuer, startOidcIssuer } from '@porthole/testcluster';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAuthFlags } from '../../cli/auth-flags.ts';
import { createSessionCookies } from '../../session/session-cookie.ts';
import { createSessionSealer } from '../../session/session-seal.ts';
import { createOidcAuthMode } from './oidc-auth-mode.ts';

const secret = 'a-session-secret-of-at-least-32-characters';
const externalUrl = 'http://127.0.0.1:4466';

describe('createOidcAuthMode routes', () => {
  let issuer: OidcIssuer;
  let dir: string;
  beforeAll(async () => {
    issuer = await startOidcIssuer();
    dir = await mkdtemp(join(tmpdir(), 'porthole-oidc-mode-'));
    await writeFile(join(dir, 'session'), secret);
  });
  afterAll(async () => {
    await issuer?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const appFor = async (issuerUrl: string, trustIssuerCa = true) => {
    const config = parseAuthFlags({
      auth: 'oidc',
      'external-url': externalUrl,
      'session-secret-file': join(dir, 'session'),
      'oidc-issuer-url': issuerUrl,
      'oidc-client-id': issuer.clientId,
      ...(trustIssuerCa ? { 'oidc-ca-file': issuer.caFile } : {}),
    });
    const sessions = createSessionCookies({ sealer: createSessionSealer([secret]), externalUrl });
    const mode = await createOidcAuthMode({
      config,
      sessions,
      call: () => Promise.reject(new Error('not used')),
      contextNames: () => [],
      log: () => {},
    });
    const app = new Hono();
    mode.routes?.(app);
    return app;
  };

  it('offers the issuer on /login with the return path checked, and no script', async () => {
    const app = await appFor(issuer.issuerUrl);
    const res = await app.request('/login?return=%2F%2Fevil.example');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain(`Log in with ${new URL(issuer.issuerUrl).host}`);
    expect(html).toContain('href="/auth/oidc/start?return=%2F"');
    expect(html).not.toContain('<script');
  });

  it('answers a 503 page, not a 502, when the issuer cannot be reached, and sets no flow cookie', async () => {
    const app = await appFor('https://127.0.0.1:9');
    const res = await app.request('/auth/oidc/start?return=%2Fc%2Fprod');
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(
      /cannot read the discovery document of https:\/\/127\.0\.0\.1:9: .*ECONNREFUSED/,
    );
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it('trusts the issuer only through --oidc-ca-file: without it the issuer’s certificate is refused', async () => {
    const app = await appFor(issuer.issuerUrl, false);
    const res = await app.request('/auth/oidc/start');
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(
      /cannot read the discovery document of .*: the issuer&#39;s certificate is not trusted \(\w+\): give its CA with --oidc-ca-file/,
    );
  });

  it('says what the issuer answered when it refused the login (e.g. the person cancelled)', async () => {
    const app = await appFor(issuer.issuerUrl);
    const start = await app.request('/auth/oidc/start');
    const state = new URL(start.headers.get('location') ?? '').searchParams.get('state') ?? '';
    const flow = start.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    const res = await app.request(
      `/auth/oidc/callback?error=access_denied&error_description=cancelled&state=${state}`,
      { headers: { cookie: flow } },
    );
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('the issuer said access_denied: cancelled');
    expect(res.headers.getSetCookie().some((c) => c.startsWith('porthole_session='))).toBe(false);
  });
});
