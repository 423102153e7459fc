import type { HeaderValues } from '../upstream-credentials.ts';
/** Options every distribution adapter takes. */
export interface DistributionAdapterOptions {
  /** Porthole's version, sent upstream as `User-Agent: porthole/<version>`. */
  version?: string;
}

/** Headers a browser sets that must never reach a cluster: they would identify the browser, not Porthole. */
const browserHeaders = ['cookie', 'origin', 'user-agent', 'referer'] as const;

/**
 * The baseline every adapter applies: the browser's Cookie, Origin, Referer and User-Agent removed
 * (whatever the proxy already did), and Porthole's own `user-agent` set, so the API server's audit log
 * and any front proxy see a non-browser client.
 *
 * @example
 * withoutBrowserHeaders({ cookie: 'a=b', authorization: 'Bearer t' }, '0.1.0');
 * // { authorization: 'Bearer t', 'user-agent': 'porthole/0.1.0' }
 */
export function withoutBrowserHeaders(headers: HeaderValues, version: string | undefined): HeaderValues {
  const out: HeaderValues = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!(browserHeaders as readonly string[]).includes(name.toLowerCase())) out[name] = value;
  }
  out['user-agent'] = version ? `porthole/${version}` : 'porthole';
  return out;
}
