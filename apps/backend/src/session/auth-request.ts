import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { Context } from 'hono';
import type { AuthRequest } from './auth-mode.ts';

/**
 * The {@link AuthRequest} of a Node request (a WebSocket upgrade, or the `incoming` of a Hono request
 * served by @hono/node-server): the peer address is the TCP connection's.
 *
 * @example
 * const principal = (await mode.authenticate(authRequestOfIncoming(req)))?.principal;
 */
export function authRequestOfIncoming(req: IncomingMessage): AuthRequest {
  return {
    header(name) {
      const value = req.headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(', ') : value;
    },
    remoteAddress: req.socket.remoteAddress,
    encrypted: (req.socket as Partial<TLSSocket>).encrypted === true,
    url: req.url ?? '/',
  };
}

/**
 * The {@link AuthRequest} of a Hono request. Without Node bindings (`app.request()` in tests) there is
 * no peer: `remoteAddress` is undefined, which no trusted-proxy check accepts.
 *
 * @example
 * const who = await mode.authenticate(authRequestOf(c));
 */
export function authRequestOf(c: Context): AuthRequest {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming) return authRequestOfIncoming(incoming);
  const url = new URL(c.req.url);
  return {
    header: (name) => c.req.header(name),
    remoteAddress: undefined,
    encrypted: url.protocol === 'https:',
    url: `${url.pathname}${url.search}`,
  };
}
