import { StatusError } from '@porthole/protocol';

/** The subprotocol prefix browsers use to carry a bearer token on a WebSocket handshake. */
export const bearerSubprotocolPrefix = 'base64url.bearer.authorization.k8s.io.';

/** The outcome of {@link takeBearerSubprotocol}. */
export interface BearerSubprotocolResult {
  /** The decoded token, when the client offered one. */
  token: string | undefined;
  /** The remaining subprotocols as a `Sec-WebSocket-Protocol` value, or `undefined` when none remain. */
  protocols: string | undefined;
}

const base64url = /^[A-Za-z0-9_-]*={0,2}$/;

/**
 * A bearer token is visible ASCII (RFC 6750 `b64token` and every real token format fit); anything else
 * could inject a header or break the upstream request.
 */
const bearerToken = /^[\x21-\x7e]+$/;

/**
 * Removes every `base64url.bearer.authorization.k8s.io.<token>` entry from a `Sec-WebSocket-Protocol`
 * value and decodes the first one's token (unpadded base64url; padding tolerated). A token that is not
 * base64url, is empty or decodes to anything but visible ASCII is refused with a 400 Status.
 *
 * @example
 * takeBearerSubprotocol('base64url.bearer.authorization.k8s.io.dG9rZW4, v4.channel.k8s.io');
 * // { token: 'token', protocols: 'v4.channel.k8s.io' }
 */
export function takeBearerSubprotocol(header: string | undefined): BearerSubprotocolResult {
  const kept: string[] = [];
  let encoded: string | undefined;
  for (const entry of (header ?? '').split(',')) {
    const protocol = entry.trim();
    if (protocol === '') continue;
    if (protocol.startsWith(bearerSubprotocolPrefix))
      encoded ??= protocol.slice(bearerSubprotocolPrefix.length);
    else kept.push(protocol);
  }
  const protocols = kept.length > 0 ? kept.join(', ') : undefined;
  if (encoded === undefined) return { token: undefined, protocols };
  const token = base64url.test(encoded) ? Buffer.from(encoded, 'base64url').toString('utf8') : '';
  if (!bearerToken.test(token)) {
    throw StatusError.badRequest(
      `the ${bearerSubprotocolPrefix}* subprotocol does not carry a base64url-encoded bearer token`,
    );
  }
  return { token, protocols };
}
