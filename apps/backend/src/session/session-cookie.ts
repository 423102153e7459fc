import type { AuthRequest } from './auth-mode.ts';
import { defaultSessionMaxAgeSeconds, type SessionPayload, type SessionSealer } from './session-seal.ts';

/** The session cookie's name. */
export const sessionCookieName = 'porthole_session';

/** The session cookie of requests: read (opened), issued (sealed) and cleared. */
export interface SessionCookies {
  /** The session of `req`, or `undefined` when it has no cookie or the cookie does not open. */
  read(req: AuthRequest): Promise<SessionPayload | undefined>;
  /** A `Set-Cookie` value holding `payload` sealed. */
  issue(req: AuthRequest, payload: SessionPayload, maxAgeSeconds?: number): Promise<string>;
  /** A `Set-Cookie` value that deletes the cookie. */
  clear(req: AuthRequest): string;
}

/** Options of {@link createSessionCookies}. */
export interface SessionCookiesOptions {
  sealer: SessionSealer;
  /** `--external-url`: when https, the cookie is always `Secure`. */
  externalUrl?: string | undefined;
}

/**
 * The value of cookie `name` in a `Cookie` header, or `undefined`.
 *
 * @example
 * cookieValue('a=1; porthole_session=xyz', 'porthole_session'); // 'xyz'
 */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Creates the session cookie helper: `porthole_session`, `HttpOnly`, `SameSite=Lax`, `Path=/`, and
 * `Secure` when `externalUrl` is https or the request came over TLS. The value is sealed by `sealer`
 * (encrypted, authenticated, expiring): no server-side state.
 *
 * @example
 * const sessions = createSessionCookies({ sealer, externalUrl: 'https://porthole.example.com' });
 * c.header('Set-Cookie', await sessions.issue(req, { mode: 'token', user, groups, token }));
 */
export function createSessionCookies(options: SessionCookiesOptions): SessionCookies {
  const secureAlways = options.externalUrl?.startsWith('https:') ?? false;
  const attributes = (req: AuthRequest, maxAge: number) =>
    `Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secureAlways || req.encrypted ? '; Secure' : ''}`;
  return {
    async read(req) {
      const value = cookieValue(req.header('cookie'), sessionCookieName);
      return value ? options.sealer.open(value) : undefined;
    },
    async issue(req, payload, maxAgeSeconds = defaultSessionMaxAgeSeconds) {
      const sealed = await options.sealer.seal(payload, maxAgeSeconds);
      return `${sessionCookieName}=${sealed}; ${attributes(req, maxAgeSeconds)}`;
    },
    clear(req) {
      return `${sessionCookieName}=; ${attributes(req, 0)}`;
    },
  };
}
