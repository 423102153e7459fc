import { request } from 'node:https';
import { boundedText, CredentialFailure } from './credential-failure.ts';

/** Options of {@link refreshOidcTokens}. */
export interface OidcRefreshRequest {
  issuerUrl: string;
  clientId: string;
  clientSecret?: string;
  refreshToken: string;
  /** PEM of the IdP's CA; the system's CAs when absent. */
  caPem?: string;
  timeoutMs?: number;
}

/** What a successful refresh grant returned. */
export interface OidcTokens {
  idToken: string;
  /** Absent when the IdP keeps the old refresh token valid. */
  refreshToken?: string;
}

/** The IdP answered and refused the refresh grant (e.g. `invalid_grant`): only a new login helps. */
export class OidcRefreshRefused extends CredentialFailure {
  constructor(why: string) {
    super(why);
    this.name = 'OidcRefreshRefused';
  }
}

interface HttpsResult {
  status: number;
  body: unknown;
}

const maxBodyBytes = 1024 * 1024;

function httpsJson(
  url: URL,
  init: { caPem?: string; timeoutMs: number; form?: string },
): Promise<HttpsResult> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: init.form === undefined ? 'GET' : 'POST',
        ...(init.caPem ? { ca: init.caPem } : {}),
        timeout: init.timeoutMs,
        headers: {
          accept: 'application/json',
          ...(init.form === undefined
            ? {}
            : {
                'content-type': 'application/x-www-form-urlencoded',
                'content-length': Buffer.byteLength(init.form),
              }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBodyBytes) req.destroy(new Error('the response is larger than 1 MiB'));
          else chunks.push(chunk);
        });
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown;
          try {
            body = JSON.parse(text);
          } catch {
            body = text;
          }
          resolve({ status: res.statusCode ?? 0, body });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${init.timeoutMs / 1000} s`)));
    req.on('error', reject);
    req.end(init.form);
  });
}

function httpsUrl(text: unknown, what: string): URL {
  let url: URL;
  try {
    url = new URL(String(text));
  } catch {
    throw new CredentialFailure(`the ${what} ${JSON.stringify(text)} is not a URL`);
  }
  if (url.protocol !== 'https:') throw new CredentialFailure(`the ${what} ${url.origin} is not https`);
  return url;
}

function connectionFailure(what: string, url: URL, err: unknown): CredentialFailure {
  const code = (err as NodeJS.ErrnoException).code;
  const why = code ?? (err instanceof Error ? err.message : String(err));
  return new CredentialFailure(`cannot connect to the ${what} ${url.origin}: ${why}`, { cause: err });
}

/** `error` and `error_description` of an OAuth error body, bounded; never the whole body. */
function oauthError(body: unknown, status: number): string {
  if (typeof body === 'object' && body !== null) {
    const { error, error_description: description } = body as Record<string, unknown>;
    if (typeof error === 'string') {
      return boundedText(typeof description === 'string' ? `${error}: ${description}` : error, 300);
    }
  }
  return `HTTP ${status}`;
}

/**
 * Refreshes an OIDC id-token with a refresh token: discovery
 * (`{issuer}/.well-known/openid-configuration` → `token_endpoint`), then an OAuth 2 `refresh_token`
 * grant posted as a form with the client id (and secret, if any). Rejects with a
 * {@link CredentialFailure}, an {@link OidcRefreshRefused} carrying the IdP's `error` when it refused.
 *
 * @example
 * const tokens = await refreshOidcTokens({ issuerUrl, clientId: 'kubernetes', refreshToken });
 * // { idToken: 'eyJ...', refreshToken: '...' }
 */
export async function refreshOidcTokens(request: OidcRefreshRequest): Promise<OidcTokens> {
  const timeoutMs = request.timeoutMs ?? 15_000;
  const tls = { ...(request.caPem ? { caPem: request.caPem } : {}), timeoutMs };
  const issuer = httpsUrl(request.issuerUrl.replace(/\/+$/, ''), 'idp-issuer-url');
  const discoveryUrl = new URL(`${issuer.href.replace(/\/+$/, '')}/.well-known/openid-configuration`);
  const discovery = await httpsJson(discoveryUrl, tls).catch((err: unknown) => {
    throw connectionFailure('identity provider', discoveryUrl, err);
  });
  const endpoint = (discovery.body as { token_endpoint?: unknown } | undefined)?.token_endpoint;
  if (discovery.status !== 200 || endpoint === undefined) {
    throw new CredentialFailure(`the identity provider ${issuer.origin} has no usable discovery document`);
  }
  const tokenUrl = httpsUrl(endpoint, 'token endpoint');
  const form = new URLSearchParams({
    grant_type: 'refresh_token',
    refresh_token: request.refreshToken,
    client_id: request.clientId,
    ...(request.clientSecret ? { client_secret: request.clientSecret } : {}),
  }).toString();
  const answer = await httpsJson(tokenUrl, { ...tls, form }).catch((err: unknown) => {
    throw connectionFailure('token endpoint', tokenUrl, err);
  });
  if (answer.status !== 200) {
    throw new OidcRefreshRefused(
      `the identity provider refused the refresh (${oauthError(answer.body, answer.status)})`,
    );
  }
  const body = (typeof answer.body === 'object' && answer.body !== null ? answer.body : {}) as Record<
    string,
    unknown
  >;
  if (typeof body.id_token !== 'string' || body.id_token === '') {
    throw new CredentialFailure('the identity provider answered the refresh without an id_token');
  }
  return {
    idToken: body.id_token,
    ...(typeof body.refresh_token === 'string' && body.refresh_token
      ? { refreshToken: body.refresh_token }
      : {}),
  };
}
