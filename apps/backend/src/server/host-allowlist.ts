import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { StatusError } from '@porthole/protocol';
import type { Context, MiddlewareHandler } from 'hono';

/** What Porthole answers to besides loopback names and IP addresses. */
export interface HostAllowlistOptions {
  /** The `--host` it listens on (a name here is allowed; a wildcard address adds nothing). */
  listenHost: string;
  /** `--external-url`: the public URL; its host is allowed. */
  externalUrl?: string | undefined;
  /** `--allowed-origin` values; their hosts are allowed. */
  allowedOrigins?: readonly string[] | undefined;
}

/** Characters a `Host` header may hold: a name, an IPv4 address, a bracketed IPv6 address, a port. */
const hostHeaderPattern = /^[A-Za-z0-9._~-]+(:\d*)?$|^\[[0-9A-Fa-f:.]+\](:\d*)?$/;

/**
 * The host name of a `Host` header, lower-cased, without port or trailing dot; IPv6 without brackets.
 * `undefined` when the header is missing or is not a host.
 *
 * @example
 * hostnameOf('[::1]:4466'); // '::1'
 * hostnameOf('LocalHost.:80'); // 'localhost'
 */
export function hostnameOf(header: string | undefined): string | undefined {
  if (header === undefined || !hostHeaderPattern.test(header)) return undefined;
  let hostname: string;
  try {
    hostname = new URL(`http://${header}`).hostname;
  } catch {
    return undefined;
  }
  if (hostname.startsWith('[')) return hostname.slice(1, -1);
  return hostname.endsWith('.') ? hostname.slice(0, -1) : hostname;
}

function hostOfUrl(value: string): string | undefined {
  try {
    return hostnameOf(new URL(value).host);
  } catch {
    return undefined;
  }
}

/**
 * True for names any browser resolves to this machine only: `localhost` and `*.localhost` (RFC 6761).
 *
 * @example
 * isLoopbackName('app.localhost'); // true
 */
export function isLoopbackName(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost');
}

/**
 * Builds the Host check against DNS rebinding: a page on `evil.example` whose name is made to resolve to
 * 127.0.0.1 reaches Porthole as a "same-origin" request with `Host: evil.example`. Allowed are
 * `localhost` and `*.localhost`, any IP address (a page can't be served from an IP address it does not
 * have, so an IP `Host` is never a rebound name; it is also what kubelet probes and clients of a pod IP
 * send), the `--host` name, and the hosts of `--external-url` and `--allowed-origin`. The port is not
 * compared: rebinding changes the name, and a proxy in front may use another port. Returns the 403 to
 * send, or `undefined` to go on.
 *
 * @example
 * const check = createHostCheck({ listenHost: '127.0.0.1', externalUrl: 'https://porthole.example.com' });
 * check('porthole.example.com'); // undefined
 * check('evil.example:4466'); // StatusError 403
 */
export function createHostCheck(
  options: HostAllowlistOptions,
): (host: string | undefined) => StatusError | undefined {
  const named = new Set<string>();
  const add = (hostname: string | undefined) => {
    if (hostname && !isIP(hostname)) named.add(hostname);
  };
  add(hostnameOf(options.listenHost.includes(':') ? `[${options.listenHost}]` : options.listenHost));
  if (options.externalUrl) add(hostOfUrl(options.externalUrl));
  for (const origin of options.allowedOrigins ?? []) add(hostOfUrl(origin));
  const allowedNames = [...named].sort();

  return (host) => {
    const hostname = hostnameOf(host);
    if (hostname !== undefined && (isIP(hostname) || isLoopbackName(hostname) || named.has(hostname)))
      return undefined;
    const shown = JSON.stringify((host ?? '').slice(0, 100));
    const extra = allowedNames.length > 0 ? `, ${allowedNames.join(', ')}` : '';
    return StatusError.forbidden(
      undefined,
      undefined,
      `requests for host ${shown} are refused: Porthole answers only to localhost, IP addresses${extra} ` +
        '(add the public name with --external-url or --allowed-origin)',
    );
  };
}

/** The `Host` the client sent: the raw header under the Node server, the URL's host under `app.request()`. */
function hostHeaderOf(c: Context): string | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming) return incoming.headers.host;
  return c.req.header('host') ?? new URL(c.req.url).host;
}

/**
 * Hono middleware refusing (403 Status) every request whose `Host` {@link createHostCheck} refuses,
 * before any other middleware or route. Mount it first.
 *
 * @example
 * app.use('*', createHostMiddleware(createHostCheck({ listenHost: '127.0.0.1' })));
 */
export function createHostMiddleware(
  check: (host: string | undefined) => StatusError | undefined,
): MiddlewareHandler {
  return async (c, next) => {
    const refusal = check(hostHeaderOf(c));
    if (refusal) throw refusal;
    await next();
  };
}
