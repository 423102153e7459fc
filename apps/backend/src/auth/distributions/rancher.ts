import type { DistributionAdapter } from '../distribution-adapter.ts';
import { type DistributionAdapterOptions, withoutBrowserHeaders } from './browser-headers.ts';

const bearerProtocol = 'base64url.bearer.authorization.k8s.io.';

/**
 * `Sec-WebSocket-Protocol` without bearer-token entries, and the first token found in one (base64url,
 * padded or not), if any.
 */
function splitBearerProtocols(value: string): { protocols: string[]; token?: string } {
  const protocols: string[] = [];
  let token: string | undefined;
  for (const entry of value.split(',').map((p) => p.trim())) {
    if (!entry.startsWith(bearerProtocol)) {
      if (entry) protocols.push(entry);
      continue;
    }
    const decoded = Buffer.from(entry.slice(bearerProtocol.length), 'base64url').toString('utf8');
    token ??= decoded || undefined;
  }
  return token === undefined ? { protocols } : { protocols, token };
}

/**
 * Rancher (`https://rancher.example/k8s/clusters/<id>`): Rancher takes credentials only from the
 * `Authorization` header — a token in a `base64url.bearer.authorization.k8s.io.` WebSocket subprotocol
 * is a 401 — and refuses upgrades from a browser User-Agent with a foreign Origin. So on top of the
 * baseline (no browser User-Agent/Origin), an upgrade never carries a bearer subprotocol: one that is
 * still there becomes the `Authorization` header when none is set, and is dropped either way.
 *
 * @example
 * createRancherAdapter().prepareHeaders(
 *   { 'sec-websocket-protocol': 'base64url.bearer.authorization.k8s.io.dG9r, v4.channel.k8s.io' },
 *   'upgrade',
 * ); // { 'sec-websocket-protocol': 'v4.channel.k8s.io', authorization: 'Bearer tok', 'user-agent': 'porthole' }
 */
export function createRancherAdapter(options: DistributionAdapterOptions = {}): DistributionAdapter {
  return {
    name: 'rancher',
    prepareHeaders(headers, kind) {
      const out = withoutBrowserHeaders(headers, options.version);
      const offered = out['sec-websocket-protocol'];
      if (kind !== 'upgrade' || offered === undefined) return out;
      const { protocols, token } = splitBearerProtocols(
        Array.isArray(offered) ? offered.join(', ') : offered,
      );
      if (protocols.length > 0) out['sec-websocket-protocol'] = protocols.join(', ');
      else delete out['sec-websocket-protocol'];
      if (token !== undefined && out.authorization === undefined) out.authorization = `Bearer ${token}`;
      return out;
    },
  };
}
