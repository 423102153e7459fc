import { type IncomingMessage, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Status } from '@porthole/protocol';
import { downstreamRawHeaders } from './upstream-headers.ts';

function statusLine(code: number, message: string | undefined): string {
  return `HTTP/1.1 ${code} ${message || STATUS_CODES[code] || 'Unknown'}`;
}

function headerLines(response: IncomingMessage): string[] {
  return downstreamRawHeaders(response.rawHeaders).map(([name, value]) => `${name}: ${value}`);
}

/**
 * Answers an upgrade request that will not be proxied: an HTTP response carrying `status` as JSON, then
 * the connection is closed.
 *
 * @example
 * refuseUpgrade(socket, StatusError.notFound({ resource: 'cluster' }, 'x').status);
 */
export function refuseUpgrade(socket: Duplex, status: Status): void {
  if (socket.destroyed) return;
  const body = JSON.stringify(status);
  socket.end(
    `${statusLine(status.code, undefined)}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * Relays the upstream's refusal of an upgrade (any status but 101) to the client unchanged — status,
 * headers without hop-by-hop ones, body — then closes the connection.
 */
export function relayRefusal(socket: Duplex, response: IncomingMessage): void {
  const head = [statusLine(response.statusCode ?? 502, response.statusMessage), ...headerLines(response)];
  socket.write(`${head.join('\r\n')}\r\nConnection: close\r\n\r\n`);
  response.on('error', () => socket.destroy());
  response.pipe(socket);
}

/** The head of the upstream's `101 Switching Protocols` (chosen subprotocol, accept key) for the client. */
export function switchingProtocolsHead(response: IncomingMessage): string {
  const upgrade = response.headers.upgrade ?? 'websocket';
  const head = [statusLine(101, response.statusMessage), 'Connection: Upgrade', `Upgrade: ${upgrade}`];
  return `${[...head, ...headerLines(response)].join('\r\n')}\r\n\r\n`;
}
