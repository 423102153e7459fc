import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCa, signServingCert } from './certs.ts';

export interface MintOptions {
  /** The user; the API server sees it as `oidc:<sub>`. */
  sub: string;
  groups?: string[];
  /** Seconds until `exp`; negative for an already expired token. Default 300. */
  expiresIn?: number;
}

/** A small OIDC issuer on loopback (test infrastructure): discovery, JWKS and a refresh-token endpoint. */
export interface OidcIssuer {
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  caPem: string;
  caFile: string;
  /** kube-apiserver flags that make it validate this issuer's id-tokens (usernames `oidc:<sub>`). */
  apiserverFlags: string[];
  mintIdToken(options: MintOptions): string;
  /** A refresh token the token endpoint accepts once; each refresh returns a new id-token and refresh token. */
  issueRefreshToken(options: MintOptions): string;
  /** How many refresh grants the token endpoint has answered. */
  readonly refreshCount: number;
  stop(): Promise<void>;
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Starts an OIDC issuer over HTTPS on a free loopback port. Start it before the cluster and pass
 * `apiserverFlags` to `start()`, so the real API server validates the tokens it mints.
 *
 * @example
 * const oidc = await startOidcIssuer();
 * const cluster = await start({ apiserverFlags: oidc.apiserverFlags });
 * const token = oidc.mintIdToken({ sub: 'alice', expiresIn: 60 });
 */
export async function startOidcIssuer(): Promise<OidcIssuer> {
  const dir = await mkdtemp(join(tmpdir(), 'porthole-oidc-'));
  const ca = await createCa(dir, 'porthole-oidc-ca');
  const tls = await signServingCert(dir, 'issuer', 'oidc-issuer');
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(8).toString('hex');
  const clientId = 'porthole';
  const clientSecret = randomBytes(12).toString('hex');
  const refreshTokens = new Map<string, MintOptions>();
  let refreshCount = 0;
  let issuerUrl = '';

  const mintIdToken = ({ sub, groups = [], expiresIn = 300 }: MintOptions) => {
    const now = Math.floor(Date.now() / 1000);
    const head = `${b64url({ alg: 'RS256', typ: 'JWT', kid })}.${b64url({
      iss: issuerUrl,
      aud: clientId,
      sub,
      groups,
      iat: now,
      exp: now + expiresIn,
    })}`;
    return `${head}.${sign('sha256', Buffer.from(head), privateKey).toString('base64url')}`;
  };
  const issueRefreshToken = (options: MintOptions) => {
    const token = randomBytes(16).toString('hex');
    refreshTokens.set(token, options);
    return token;
  };

  const server = createServer(
    { cert: await readFile(tls.cert), key: await readFile(tls.key) },
    (req, res) => {
      const json = (code: number, body: unknown) =>
        res.writeHead(code, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      const path = new URL(req.url ?? '/', issuerUrl).pathname;
      if (path === '/.well-known/openid-configuration') {
        return json(200, {
          issuer: issuerUrl,
          jwks_uri: `${issuerUrl}/keys`,
          token_endpoint: `${issuerUrl}/token`,
          authorization_endpoint: `${issuerUrl}/auth`,
          response_types_supported: ['id_token'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
        });
      }
      if (path === '/keys')
        return json(200, {
          keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }],
        });
      if (path === '/mint' && req.method === 'POST') {
        // Test-only: how the exec credential plugin fixture gets tokens.
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          try {
            json(200, { id_token: mintIdToken(JSON.parse(body) as MintOptions) });
          } catch (err) {
            json(400, { error: String(err) });
          }
        });
        return;
      }
      if (path === '/token' && req.method === 'POST') {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          const form = new URLSearchParams(body);
          const grant = refreshTokens.get(form.get('refresh_token') ?? '');
          if (form.get('grant_type') !== 'refresh_token' || !grant)
            return json(400, { error: 'invalid_grant' });
          refreshTokens.delete(form.get('refresh_token') ?? '');
          refreshCount += 1;
          const idToken = mintIdToken(grant);
          json(200, {
            access_token: idToken,
            id_token: idToken,
            refresh_token: issueRefreshToken(grant),
            token_type: 'Bearer',
            expires_in: grant.expiresIn ?? 300,
          });
        });
        return;
      }
      json(404, { error: 'not_found' });
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
    get refreshCount() {
      return refreshCount;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
