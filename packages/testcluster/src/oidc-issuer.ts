import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCa, signServingCert } from './certs.ts';
import {
  checkAuthorizationRequest,
  clientRedirect,
  renderLoginPage,
  renderRefusalPage,
} from './oidc-authorize.ts';
import { createGrantStore, defaultOidcUsers, type GrantSubject, type OidcUser } from './oidc-grants.ts';

export interface MintOptions {
  /** The user; the API server sees it as `oidc:<sub>`. */
  sub: string;
  groups?: string[];
  /** Seconds until `exp`; negative for an already expired token. Default: the issuer's lifetime for `sub`. */
  expiresIn?: number;
  /** The authorization request's `nonce`, echoed in the id-token. */
  nonce?: string;
}

/** Options of {@link startOidcIssuer}. */
export interface OidcIssuerOptions {
  /** Who can sign in on the login form; default alice (`team-a`) and bob (`team-b`). */
  users?: readonly OidcUser[];
  /** Lifetime of the id-tokens it issues, in seconds; default 300. */
  idTokenLifetimeSeconds?: number;
}

/**
 * A small OIDC issuer on loopback (test infrastructure): discovery, JWKS, an authorization endpoint
 * with a login form (authorization code + PKCE S256, `nonce` echoed), and a token endpoint for the
 * code and rotating, revocable refresh tokens. Redirect URIs on loopback hosts are accepted.
 *
 * Test-only endpoints, for processes that can't call the object (e.g. Playwright workers):
 * `POST /test/lifetime?sub=&seconds=`, `POST /test/revoke?sub=`, `GET /test/refresh-count?sub=`
 * (`{ "count": n }`), and `POST /mint` (`MintOptions` as JSON → `{ "id_token" }`).
 */
export interface OidcIssuer {
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  caPem: string;
  caFile: string;
  users: readonly OidcUser[];
  /** kube-apiserver flags that make it validate this issuer's id-tokens (usernames and groups `oidc:`-prefixed). */
  apiserverFlags: string[];
  mintIdToken(options: MintOptions): string;
  /** A refresh token the token endpoint accepts once; each refresh returns a new id-token and refresh token. */
  issueRefreshToken(options: MintOptions): string;
  /** Sets the lifetime of id-tokens issued from now on, for `sub` or (without it) everyone. */
  setIdTokenLifetime(seconds: number, sub?: string): void;
  /** Revokes every refresh token of `sub`; returns how many there were. */
  revokeRefreshTokens(sub: string): number;
  /** How many refresh grants the token endpoint has answered (for `sub`, or in all). */
  refreshCountFor(sub?: string): number;
  /** How many refresh grants the token endpoint has answered. */
  readonly refreshCount: number;
  stop(): Promise<void>;
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const maxBody = 64 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
      if (body.length > maxBody) req.destroy(new Error('body too large'));
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

/** The client id and secret from `Authorization: Basic` or the form (RFC 6749 §2.3.1). */
function clientCredentials(req: IncomingMessage, form: URLSearchParams) {
  const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (basic) {
    const [id = '', secret = ''] = Buffer.from(basic, 'base64').toString('utf8').split(':');
    return { id: decodeURIComponent(id), secret: decodeURIComponent(secret) };
  }
  return { id: form.get('client_id') ?? undefined, secret: form.get('client_secret') ?? undefined };
}

/**
 * Starts an OIDC issuer over HTTPS on a free loopback port. Start it before the cluster and pass
 * `apiserverFlags` to `start()`, so the real API server validates the tokens it issues.
 *
 * @example
 * const oidc = await startOidcIssuer();
 * const cluster = await start({ apiserverFlags: oidc.apiserverFlags });
 * const token = oidc.mintIdToken({ sub: 'alice', expiresIn: 60 });
 */
export async function startOidcIssuer(options: OidcIssuerOptions = {}): Promise<OidcIssuer> {
  const dir = await mkdtemp(join(tmpdir(), 'porthole-oidc-'));
  const ca = await createCa(dir, 'porthole-oidc-ca');
  const tls = await signServingCert(dir, 'issuer', 'oidc-issuer');
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(8).toString('hex');
  const clientId = 'porthole';
  const clientSecret = randomBytes(12).toString('hex');
  const users = options.users ?? defaultOidcUsers;
  const grants = createGrantStore();
  const lifetimes = new Map<string, number>();
  let defaultLifetime = options.idTokenLifetimeSeconds ?? 300;
  let issuerUrl = '';

  const lifetimeOf = (sub: string, expiresIn?: number) => expiresIn ?? lifetimes.get(sub) ?? defaultLifetime;
  const mintIdToken = ({ sub, groups = [], expiresIn, nonce }: MintOptions) => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: issuerUrl, aud: clientId, sub, preferred_username: sub, groups, iat: now };
    const head = `${b64url({ alg: 'RS256', typ: 'JWT', kid })}.${b64url({
      ...claims,
      exp: now + lifetimeOf(sub, expiresIn),
      ...(nonce === undefined ? {} : { nonce }),
    })}`;
    return `${head}.${sign('sha256', Buffer.from(head), privateKey).toString('base64url')}`;
  };
  const issueRefreshToken = ({ sub, groups = [], expiresIn }: MintOptions) =>
    grants.issueRefreshToken({ sub, groups, ...(expiresIn === undefined ? {} : { expiresIn }) });
  const tokenResponse = (subject: GrantSubject, nonce?: string) => {
    const idToken = mintIdToken({ ...subject, ...(nonce === undefined ? {} : { nonce }) });
    return {
      access_token: idToken,
      id_token: idToken,
      refresh_token: issueRefreshToken(subject),
      token_type: 'Bearer',
      expires_in: lifetimeOf(subject.sub, subject.expiresIn),
    };
  };

  const discovery = () => ({
    issuer: issuerUrl,
    jwks_uri: `${issuerUrl}/keys`,
    token_endpoint: `${issuerUrl}/token`,
    authorization_endpoint: `${issuerUrl}/auth`,
    revocation_endpoint: `${issuerUrl}/revoke`,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    scopes_supported: ['openid', 'profile', 'groups', 'offline_access'],
    claims_supported: ['sub', 'preferred_username', 'groups', 'nonce'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
  });

  const authorize = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const html = (code: number, body: string) =>
      res
        .writeHead(code, {
          'Content-Type': 'text/html; charset=utf-8',
          'Content-Security-Policy': "default-src 'none'; form-action 'self' http: https:",
          'Cache-Control': 'no-store',
        })
        .end(body);
    const form = req.method === 'POST' ? new URLSearchParams(await readBody(req)) : url.searchParams;
    const check = checkAuthorizationRequest(form, clientId);
    if (!check.ok && 'page' in check) return html(400, renderRefusalPage(check.page));
    if (!check.ok) return res.writeHead(302, { Location: check.redirect }).end();
    if (req.method !== 'POST') return html(200, renderLoginPage('/auth', check.request));
    const user = users.find((u) => u.username === form.get('username'));
    if (!user || user.password !== form.get('password'))
      return html(401, renderLoginPage('/auth', check.request, 'Wrong username or password.'));
    const { redirectUri, codeChallenge, nonce, state } = check.request;
    const code = grants.issueCode({
      clientId,
      redirectUri,
      codeChallenge,
      sub: user.username,
      groups: user.groups,
      ...(nonce === undefined ? {} : { nonce }),
    });
    res.writeHead(302, { Location: clientRedirect(redirectUri, { code, state }) }).end();
  };

  const token = async (req: IncomingMessage, json: (code: number, body: unknown) => void) => {
    const form = new URLSearchParams(await readBody(req));
    const client = clientCredentials(req, form);
    const badClient =
      (client.id !== undefined && client.id !== clientId) ||
      (client.secret !== undefined && client.secret !== clientSecret);
    if (badClient) return json(401, { error: 'invalid_client' });
    if (form.get('grant_type') === 'authorization_code') {
      if (client.secret === undefined) return json(401, { error: 'invalid_client' });
      const redeemed = grants.redeemCode(form.get('code') ?? '', {
        clientId,
        redirectUri: form.get('redirect_uri') ?? '',
        verifier: form.get('code_verifier') ?? '',
      });
      if (!redeemed.ok) return json(400, { error: redeemed.error, error_description: redeemed.description });
      return json(200, tokenResponse(redeemed.subject, redeemed.nonce));
    }
    if (form.get('grant_type') === 'refresh_token') {
      const subject = grants.redeemRefreshToken(form.get('refresh_token') ?? '');
      if (!subject) return json(400, { error: 'invalid_grant' });
      return json(200, tokenResponse(subject));
    }
    json(400, { error: 'unsupported_grant_type' });
  };

  const testControl = (req: IncomingMessage, url: URL, json: (code: number, body: unknown) => void) => {
    const sub = url.searchParams.get('sub') ?? undefined;
    if (url.pathname === '/test/refresh-count') return json(200, { count: grants.refreshCount(sub) });
    if (req.method !== 'POST') return json(405, { error: 'POST' });
    if (url.pathname === '/test/revoke' && sub)
      return json(200, { revoked: grants.revokeRefreshTokens(sub) });
    const seconds = Number(url.searchParams.get('seconds'));
    if (url.pathname === '/test/lifetime' && Number.isFinite(seconds)) {
      if (sub) lifetimes.set(sub, seconds);
      else defaultLifetime = seconds;
      return json(200, { seconds });
    }
    json(400, { error: 'bad test request' });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const json = (code: number, body: unknown) =>
      res
        .writeHead(code, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
        .end(JSON.stringify(body));
    const url = new URL(req.url ?? '/', issuerUrl);
    const path = url.pathname;
    if (path === '/.well-known/openid-configuration') return json(200, discovery());
    if (path === '/keys')
      return json(200, { keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] });
    if (path === '/auth') return authorize(req, res, url);
    if (path === '/token' && req.method === 'POST') return token(req, json);
    if (path === '/revoke' && req.method === 'POST') {
      grants.revokeRefreshToken(new URLSearchParams(await readBody(req)).get('token') ?? '');
      return res.writeHead(200).end();
    }
    if (path.startsWith('/test/')) return testControl(req, url, json);
    if (path === '/mint' && req.method === 'POST') {
      // Test-only: how the exec credential plugin fixture gets tokens.
      const body = await readBody(req);
      try {
        return json(200, { id_token: mintIdToken(JSON.parse(body) as MintOptions) });
      } catch (err) {
        return json(400, { error: String(err) });
      }
    }
    json(404, { error: 'not_found' });
  };

  const server = createServer(
    { cert: await readFile(tls.cert), key: await readFile(tls.key) },
    (req, res) => {
      handle(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuerUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    issuerUrl,
    clientId,
    clientSecret,
    caPem: ca.caPem,
    caFile: ca.caCert,
    users,
    apiserverFlags: [
      `--oidc-issuer-url=${issuerUrl}`,
      `--oidc-client-id=${clientId}`,
      `--oidc-ca-file=${ca.caCert}`,
      '--oidc-username-claim=sub',
      '--oidc-username-prefix=oidc:',
      '--oidc-groups-claim=groups',
      '--oidc-groups-prefix=oidc:',
    ],
    mintIdToken,
    issueRefreshToken,
    setIdTokenLifetime(seconds, sub) {
      if (sub === undefined) defaultLifetime = seconds;
      else lifetimes.set(sub, seconds);
    },
    revokeRefreshTokens: (sub) => grants.revokeRefreshTokens(sub),
    refreshCountFor: (sub) => grants.refreshCount(sub),
    get refreshCount() {
      return grants.refreshCount();
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
