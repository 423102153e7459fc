import { StatusError } from '@porthole/protocol';
import type { Context, Hono } from 'hono';
import type { AuthMode, AuthModeDeps, AuthRequest } from './auth-mode.ts';
import { authRequestOf } from './auth-request.ts';
import { loginPageCsp, tokenLoginPage } from './login-page.ts';
import { type Principal, principalId, secretDigest } from './principal.ts';
import { safeReturnPath } from './return-path.ts';
import type { SessionCookies } from './session-cookie.ts';
import type { SessionPayload } from './session-seal.ts';
import { reviewToken } from './token-review.ts';

/** Browsers keep cookies up to 4096 bytes; a longer one would be dropped silently. */
const maxCookieBytes = 4000;

/** A bearer token is visible ASCII, with no spaces (it goes into an `Authorization` header). */
const tokenPattern = /^[\x21-\x7e]{1,8192}$/;

/**
 * The principal of a token session: named by what the cluster said (a token the cluster would not
 * name is told apart by its digest, so two unnamed people never share an upstream watch).
 *
 * @example
 * tokenPrincipal({ mode: 'token', user: 'viewer', groups: [], token }).upstream; // { kind: 'bearer', token }
 */
export function tokenPrincipal(session: SessionPayload & { token: string }): Principal {
  const discriminator = session.user === '' ? secretDigest(session.token) : '';
  return {
    id: principalId('token', session.user, session.groups, discriminator),
    user: session.user || 'token user',
    groups: session.groups,
    upstream: { kind: 'bearer', token: session.token },
  };
}

interface LoginForm {
  token: string;
  context: string | undefined;
  returnTo: string;
  /** A form post (HTML page) rather than JSON from a script. */
  form: boolean;
}

async function readLoginForm(c: Context): Promise<LoginForm> {
  const type = c.req.header('content-type') ?? '';
  const form = !type.includes('application/json');
  let fields: Record<string, unknown>;
  try {
    fields = form ? ((await c.req.parseBody()) as Record<string, unknown>) : await c.req.json();
  } catch {
    throw StatusError.badRequest('the login request must be a form or JSON with a "token" field');
  }
  const text = (name: string) =>
    typeof fields[name] === 'string' ? (fields[name] as string).trim() : undefined;
  return {
    token: text('token') ?? '',
    context: text('context') || undefined,
    returnTo: safeReturnPath(text('return')),
    form,
  };
}

function loginFailure(c: Context, deps: AuthModeDeps, login: LoginForm, err: StatusError): Response {
  if (!login.form) throw err;
  const page = tokenLoginPage({
    returnTo: login.returnTo,
    contexts: deps.contextNames(),
    context: login.context,
    error: err.status.message ?? 'the token was not accepted',
  });
  return c.html(page, (err.status.code ?? 401) as 401, { 'Content-Security-Policy': loginPageCsp });
}

async function logIn(c: Context, deps: AuthModeDeps, sessions: SessionCookies): Promise<Response> {
  const login = await readLoginForm(c);
  try {
    if (!tokenPattern.test(login.token))
      throw StatusError.badRequest('paste a bearer token: visible characters, no spaces, at most 8 KiB');
    const contexts = deps.contextNames();
    if (login.context !== undefined && !contexts.includes(login.context))
      throw StatusError.badRequest(`there is no cluster named ${JSON.stringify(login.context)}`);
    const who = await reviewToken(deps.call, login.context, login.token);
    const req: AuthRequest = authRequestOf(c);
    const payload: SessionPayload = {
      mode: 'token',
      user: who.user,
      groups: who.groups,
      token: login.token,
      ...(login.context ? { data: { context: login.context } } : {}),
    };
    const cookie = await sessions.issue(req, payload);
    if (cookie.length > maxCookieBytes)
      throw StatusError.badRequest('this token is too long to keep in a session cookie (over 4 KB sealed)');
    c.header('Set-Cookie', cookie, { append: true });
    c.header('Cache-Control', 'no-store');
    deps.log(`porthole: token login: ${who.user || 'an unnamed token user'} (checked by ${who.via})`);
    return login.form ? c.redirect(login.returnTo, 303) : c.json({ redirect: login.returnTo });
  } catch (err) {
    if (err instanceof StatusError && (err.status.code === 401 || err.status.code === 400))
      return loginFailure(c, deps, login, err);
    throw err;
  }
}

/**
 * `--auth token`: people log in at `GET /login` by pasting a bearer token; `POST /api/login/token`
 * checks it with the cluster ({@link reviewToken}) before sealing it into the session cookie; every
 * request then sends it as `Authorization: Bearer` (see `createPrincipalCredentials`).
 *
 * @example
 * const mode = createTokenAuthMode({ config, sessions, call, contextNames, log });
 */
export function createTokenAuthMode(deps: AuthModeDeps): AuthMode {
  const sessions = deps.sessions;
  if (!sessions) throw new Error('--auth token needs --session-secret-file');
  return {
    name: 'token',
    loginPage: true,
    async authenticate(req) {
      const session = await sessions.read(req);
      if (session?.mode !== 'token' || !session.token) return undefined;
      return { principal: tokenPrincipal({ ...session, token: session.token }) };
    },
    routes(app: Hono) {
      app.get('/login', (c) => {
        const page = tokenLoginPage({
          returnTo: safeReturnPath(c.req.query('return')),
          contexts: deps.contextNames(),
        });
        return c.html(page, 200, { 'Content-Security-Policy': loginPageCsp, 'Cache-Control': 'no-store' });
      });
      app.post('/api/login/token', (c) => logIn(c, deps, sessions));
    },
  };
}
