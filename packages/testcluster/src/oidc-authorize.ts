/** A checked authorization request (authorization code flow with PKCE S256). */
export interface AuthorizationRequest {
  clientId: string;
  redirectUri: string;
  state?: string;
  nonce?: string;
  codeChallenge: string;
}

/**
 * The outcome of checking an authorization request: usable, refused with a page (the client or
 * redirect URI can't be trusted, so nothing is sent there), or refused by redirecting an OAuth error
 * to the client (RFC 6749 §4.1.2.1).
 */
export type AuthorizationCheck =
  | { ok: true; request: AuthorizationRequest }
  | { ok: false; page: string }
  | { ok: false; redirect: string };

const fields = ['client_id', 'redirect_uri', 'state', 'nonce', 'code_challenge'] as const;

/** True for an http(s) URL on a loopback host (RFC 8252 §7.3: any port), without a fragment. */
export function isLoopbackRedirect(uri: string): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  return loopback && (url.protocol === 'http:' || url.protocol === 'https:') && url.hash === '';
}

/** The redirect to the client carrying `params` (an answer or an error), `state` included. */
export function clientRedirect(redirectUri: string, params: Record<string, string | undefined>): string {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params))
    if (value !== undefined) url.searchParams.set(key, value);
  return url.href;
}

/**
 * Checks the parameters of an authorization request (query of the GET, or the login form's hidden
 * fields): the client id, a loopback redirect URI, `response_type=code`, `scope` with `openid`, and a
 * PKCE `S256` challenge.
 *
 * @example
 * const check = checkAuthorizationRequest(url.searchParams, 'porthole');
 */
export function checkAuthorizationRequest(params: URLSearchParams, clientId: string): AuthorizationCheck {
  const redirectUri = params.get('redirect_uri') ?? '';
  if (params.get('client_id') !== clientId) return { ok: false, page: 'Unknown client_id.' };
  if (!isLoopbackRedirect(redirectUri)) return { ok: false, page: 'redirect_uri is not allowed.' };
  const state = params.get('state') ?? undefined;
  const refuse = (description: string) => ({
    ok: false as const,
    redirect: clientRedirect(redirectUri, {
      error: 'invalid_request',
      error_description: description,
      state,
    }),
  });
  if (params.get('response_type') !== 'code') return refuse('response_type must be code');
  if (!(params.get('scope') ?? '').split(' ').includes('openid')) return refuse('scope must include openid');
  const codeChallenge = params.get('code_challenge') ?? '';
  if (params.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(codeChallenge))
    return refuse('a PKCE code_challenge with code_challenge_method S256 is required');
  const nonce = params.get('nonce') ?? undefined;
  return {
    ok: true,
    request: {
      clientId,
      redirectUri,
      codeChallenge,
      ...(state === undefined ? {} : { state }),
      ...(nonce === undefined ? {} : { nonce }),
    },
  };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The request's parameters as hidden fields, so the form's POST carries them back. */
function hiddenFields(request: AuthorizationRequest): string {
  const values: Record<(typeof fields)[number], string | undefined> = {
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    state: request.state,
    nonce: request.nonce,
    code_challenge: request.codeChallenge,
  };
  const extra = { response_type: 'code', scope: 'openid', code_challenge_method: 'S256' };
  return Object.entries({ ...values, ...extra })
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`)
    .join('\n');
}

/**
 * The issuer's login page: `Username`, `Password` and `Sign in`, posting back to `action` with the
 * authorization request in hidden fields; `error` is shown as an alert.
 *
 * @example
 * res.end(renderLoginPage('/auth', check.request, 'Wrong username or password.'));
 */
export function renderLoginPage(action: string, request: AuthorizationRequest, error?: string): string {
  const alert = error ? `<p role="alert">${escapeHtml(error)}</p>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in – test issuer</title></head>
<body><main>
<h1>Sign in to the test issuer</h1>
${alert}
<form method="post" action="${escapeHtml(action)}">
${hiddenFields(request)}
<p><label for="username">Username</label> <input id="username" name="username" autocomplete="username" required></p>
<p><label for="password">Password</label> <input id="password" name="password" type="password" autocomplete="current-password" required></p>
<button type="submit">Sign in</button>
</form>
</main></body></html>`;
}

/** A plain page for a refused request that can't be sent back to the client. */
export function renderRefusalPage(message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Refused</title></head><body><main><h1>Refused</h1><p role="alert">${escapeHtml(message)}</p></main></body></html>`;
}
