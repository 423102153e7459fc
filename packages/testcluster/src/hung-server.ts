import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer as createHttpsServer } from 'node:https';
import { type AddressInfo, createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCa, signServingCert } from './certs.ts';

/**
 * How a {@link startHungServer} misbehaves:
 * - `silent`: accepts TCP connections and never sends a byte (a dead VPN, a firewall that drops packets);
 * - `no-headers`: completes TLS, reads the request, never answers;
 * - `stalled-body`: sends `200` headers and the start of a JSON body, then nothing more;
 * - `trickle`: sends `200` headers, then one byte every `trickleMs` forever.
 */
export type HungBehaviour = 'silent' | 'no-headers' | 'stalled-body' | 'trickle';

/** Options of {@link startHungServer}. */
export interface HungServerOptions {
  behaviour: HungBehaviour;
  /** `trickle`: the pause between bytes; default 1000 ms. */
  trickleMs?: number;
}

/** A server on 127.0.0.1 that never answers properly, for deadline tests. */
export interface HungServer {
  /** `https://127.0.0.1:<port>`, for a kubeconfig cluster's `server`. */
  server: string;
  port: number;
  /** The CA that signed its certificate (valid for 127.0.0.1), PEM. */
  caPem: string;
  /** How many connections are open on the server side now. */
  connections(): number;
  /** How many connections it has accepted in all. */
  accepted(): number;
  /** Stops listening and destroys every open connection. */
  close(): Promise<void>;
}

/**
 * Starts a server on 127.0.0.1 that hangs its clients in one of the ways a real cluster behind a broken
 * network does (see {@link HungBehaviour}); it counts its open connections so a test can show a client
 * leaked none.
 *
 * @example
 * const hung = await startHungServer({ behaviour: 'silent' });
 * // a context whose server is hung.server (certificate-authority-data: hung.caPem) now hangs
 * await hung.close();
 */
export async function startHungServer(options: HungServerOptions): Promise<HungServer> {
  const dir = await mkdtemp(join(tmpdir(), 'porthole-hung-'));
  const { caPem } = await createCa(dir, 'porthole-hung-ca');
  const { cert, key } = await signServingCert(dir, 'hung', 'hung');
  const tls = { cert: await readFile(cert), key: await readFile(key) };
  await rm(dir, { recursive: true, force: true });
  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setInterval>>();
  let accepted = 0;
  const trickleMs = options.trickleMs ?? 1000;

  const server: Server =
    options.behaviour === 'silent'
      ? // It reads (and drops) what arrives, so it sees its clients hang up.
        createTcpServer((socket) => socket.resume())
      : createHttpsServer(tls, (req, res) => {
          req.resume();
          if (options.behaviour === 'no-headers') return;
          res.writeHead(200, { 'content-type': 'application/json' });
          res.flushHeaders();
          if (options.behaviour === 'stalled-body') {
            res.write('{"kind":"List","items":[');
            return;
          }
          const timer = setInterval(() => res.write(' '), trickleMs);
          timers.add(timer);
          res.on('close', () => {
            clearInterval(timer);
            timers.delete(timer);
          });
        });
  server.on('connection', (socket: Socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    server: `https://127.0.0.1:${port}`,
    port,
    caPem,
    connections: () => sockets.size,
    accepted: () => accepted,
    async close() {
      for (const timer of timers) clearInterval(timer);
      const closed = new Promise((resolve) => server.close(resolve));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
