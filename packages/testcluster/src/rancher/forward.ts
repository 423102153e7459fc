/**
 * Forwarding for the Rancher-style proxy (test infrastructure, see ../rancher-proxy.ts): plain requests
 * streamed both ways, WebSocket upgrades as raw bytes, refusals as HTTP responses or raw upgrade answers.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import { type Agent, request } from 'node:https';
import { isIP, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect } from 'node:tls';

/** Where requests go: the upstream API server and the TLS settings to reach it. */
export interface Upstream {
  hostname: string;
  port: number;
  /** `host:port`, sent as the upstream `Host` header. */
  host: string;
  caPem: string;
  agent: Agent;
}

/** A refusal decided before anything is forwarded. */
export interface Refusal {
  code: number;
  contentType: string;
  body: string;
}

const hopByHop = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

export function statusRefusal(code: number, reason: string, message: string): Refusal {
  const body = JSON.stringify({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
  });
  return { code, contentType: 'application/json', body };
}

function withoutHopByHop(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const named = new Set(
    String(headers.connection ?? '')
      .split(',')
      .map((t) => t.trim().toLowerCase()),
  );
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !hopByHop.has(name) && !named.has(name)),
  ) as IncomingHttpHeaders;
}

/** Proxies a plain request, streaming both ways (watches and log follows arrive as the upstream writes them). */
export function forwardRequest(
  req: IncomingMessage,
  res: ServerResponse,
  upstream: Upstream,
  path: string,
): void {
  const upstreamReq = request(
    {
      hostname: upstream.hostname,
      port: upstream.port,
      method: req.method,
      path,
      agent: upstream.agent,
      headers: { ...withoutHopByHop(req.headers), host: upstream.host },
    },
    (upstreamRes) => {
      res.writeHead(upstreamRes.statusCode ?? 502, withoutHopByHop(upstreamRes.headers));
      // Send the headers now: a watch may say nothing for minutes.
      res.flushHeaders();
      upstreamRes.pipe(res);
      upstreamRes.on('error', () => res.destroy());
    },
  );
  upstreamReq.on('error', (err) => {
    if (res.headersSent) res.destroy();
    else sendRefusal(res, statusRefusal(502, 'ServiceUnavailable', `upstream: ${err.message}`));
  });
  res.on('close', () => {
    if (!res.writableFinished) upstreamReq.destroy();
  });
  req.pipe(upstreamReq);
}

/** Proxies a WebSocket upgrade as raw bytes: the request with its path rewritten, then a pipe both ways. */
export function forwardUpgrade(
  req: IncomingMessage,
  client: Duplex,
  head: Buffer,
  upstream: Upstream,
  path: string,
): Socket {
  const socket = connect({
    host: upstream.hostname,
    port: upstream.port,
    ca: upstream.caPem,
    ...(isIP(upstream.hostname) ? {} : { servername: upstream.hostname }),
  });
  const lines = [`${req.method} ${path} HTTP/1.1`, `Host: ${upstream.host}`];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i]?.toLowerCase() !== 'host')
      lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
  }
  let connected = false;
  socket.once('secureConnect', () => {
    connected = true;
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    if (head.length > 0) socket.write(head);
    socket.pipe(client);
    client.pipe(socket);
  });
  socket.on('error', (err) => {
    if (connected) client.destroy();
    else refuseUpgrade(client, statusRefusal(502, 'ServiceUnavailable', `upstream: ${err.message}`));
  });
  client.on('error', () => socket.destroy());
  client.on('close', () => socket.destroy());
  socket.on('close', () => client.destroy());
  return socket;
}

export function sendRefusal(res: ServerResponse, refusal: Refusal): void {
  res.writeHead(refusal.code, { 'Content-Type': refusal.contentType }).end(refusal.body);
}

export function refuseUpgrade(socket: Duplex, refusal: Refusal): void {
  const reason = STATUS_CODES[refusal.code] ?? 'Error';
  socket.end(
    `HTTP/1.1 ${refusal.code} ${reason}\r\nContent-Type: ${refusal.contentType}\r\n` +
      `Content-Length: ${Buffer.byteLength(refusal.body)}\r\nConnection: close\r\n\r\n${refusal.body}`,
  );
}
