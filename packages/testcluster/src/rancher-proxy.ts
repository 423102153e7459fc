/**
 * A Rancher-style front proxy — test infrastructure, not Rancher. It is modelled on Rancher's documented
 * behaviour towards a downstream cluster's API so Porthole can be tested against it without running
 * Rancher:
 *
 * - the cluster's API is served only under `/k8s/clusters/<id>/` (the prefix is stripped on the way up;
 *   any other path is a 404);
 * - credentials are accepted only from the `Authorization` header: a request without one gets a 401,
 *   including a WebSocket upgrade whose token travels only in a
 *   `base64url.bearer.authorization.k8s.io.*` subprotocol (as browsers must send it);
 * - a WebSocket upgrade from a browser (`User-Agent` containing "Mozilla") whose `Origin` names another
 *   host than its `Host` header gets 403 `origin not allowed` (checked before the token; an upgrade
 *   without `Origin`, or from a client that is not a browser, passes).
 *
 * Unlike Rancher, it does not authenticate the token itself and impersonate the user: it forwards the
 * `Authorization` header and lets the real API server behind it accept or reject the token.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { Agent, createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { createClusterCerts } from './certs.ts';
import {
  forwardRequest,
  forwardUpgrade,
  type Refusal,
  refuseUpgrade,
  sendRefusal,
  statusRefusal,
  type Upstream,
} from './rancher/forward.ts';

export interface RancherProxyOptions {
  /** The API server to front, e.g. `cluster.server` (`https://127.0.0.1:PORT`). */
  upstream: string;
  /** CA that signed the upstream's serving certificate. */
  caPem: string;
  /** The Rancher cluster id in the path, default `c-m-abc123`. */
  clusterId?: string;
}

/** A running Rancher-style proxy. */
export interface RancherProxy {
  /** Base URL of the fronted cluster's API, e.g. `https://127.0.0.1:PORT/k8s/clusters/c-m-abc123`. */
  url: string;
  port: number;
  clusterId: string;
  /** The proxy's own CA (PEM): clients verify its serving certificate with it. */
  caPem: string;
  /** Closes every connection (plain, streaming and upgraded) and the server, and removes its certificates. */
  stop(): Promise<void>;
}

/** The upstream path for a request URL under `prefix`, or `undefined` when it is outside it. */
function upstreamPath(url: string, prefix: string): string | undefined {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  if (path !== prefix && !path.startsWith(`${prefix}/`)) return undefined;
  return `${path.slice(prefix.length) || '/'}${q < 0 ? '' : url.slice(q)}`;
}

/** Rancher's check for browsers: their WebSocket must come from the page's own host. */
function originAllowed(headers: IncomingHttpHeaders): boolean {
  if (!headers['user-agent']?.includes('Mozilla') || headers.origin === undefined) return true;
  try {
    return new URL(headers.origin).host.toLowerCase() === headers.host?.toLowerCase();
  } catch {
    return false;
  }
}

/**
 * What Rancher does with a request before proxying: 404 outside the cluster's prefix, 403 to a browser's
 * WebSocket from a foreign origin, 401 without an `Authorization` header; otherwise the upstream path.
 */
function route(
  req: IncomingMessage,
  prefix: string,
  upgrade: boolean,
): { path: string } | { refusal: Refusal } {
  const path = upstreamPath(req.url ?? '/', prefix);
  if (path === undefined) {
    return { refusal: statusRefusal(404, 'NotFound', `the Rancher-style proxy does not serve ${req.url}`) };
  }
  if (upgrade && !originAllowed(req.headers)) {
    return { refusal: { code: 403, contentType: 'text/plain', body: 'origin not allowed' } };
  }
  if (!req.headers.authorization) return { refusal: statusRefusal(401, 'Unauthorized', 'must authenticate') };
  return { path };
}

async function tempDir(): Promise<string> {
  return mkdtemp(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'porthole-rancher-proxy-'));
}

/**
 * Starts a Rancher-style front proxy (test infrastructure, see the top of this file) on a free port of
 * 127.0.0.1, serving `options.upstream` under `/k8s/clusters/<clusterId>/` over HTTPS with a certificate
 * from a fresh CA of its own.
 *
 * @example
 * const rancher = await startRancherProxy({ upstream: cluster.server, caPem: cluster.caPem });
 * const exec = await openExec({ url: `${rancher.url.replace('https', 'wss')}/api/v1/namespaces/default/pods/p/exec?command=ls&stdout=true`, token, caPem: rancher.caPem });
 * await rancher.stop();
 */
export async function startRancherProxy(options: RancherProxyOptions): Promise<RancherProxy> {
  const clusterId = options.clusterId ?? 'c-m-abc123';
  const prefix = `/k8s/clusters/${clusterId}`;
  const target = new URL(options.upstream);
  const upstream: Upstream = {
    hostname: target.hostname.replace(/^\[|\]$/g, ''),
    port: Number(target.port || 443),
    host: target.host,
    caPem: options.caPem,
    agent: new Agent({ ca: options.caPem, keepAlive: true }),
  };
  const dir = await tempDir();
  const sockets = new Set<Duplex>();
  const track = (s: Duplex) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  };

  // createClusterCerts makes a fresh CA and a serving certificate valid for 127.0.0.1 and localhost.
  const certs = await createClusterCerts(dir).catch(async (err: unknown) => {
    await rm(dir, { recursive: true, force: true });
    throw err;
  });
  const server = createServer(
    { cert: await readFile(certs.serverCert), key: await readFile(certs.serverKey) },
    (req, res) => {
      const decision = route(req, prefix, false);
      if ('refusal' in decision) sendRefusal(res, decision.refusal);
      else forwardRequest(req, res, upstream, decision.path);
    },
  );
  server.on('connection', track);
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    track(socket);
    socket.on('error', () => socket.destroy());
    const decision = route(req, prefix, true);
    if ('refusal' in decision) refuseUpgrade(socket, decision.refusal);
    else track(forwardUpgrade(req, socket, head, upstream, decision.path));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  let stopped = false;
  return {
    url: `https://127.0.0.1:${port}${prefix}`,
    port,
    clusterId,
    caPem: certs.caPem,
    async stop() {
      if (stopped) return;
      stopped = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      server.closeAllConnections();
      upstream.agent.destroy();
      await closed;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
