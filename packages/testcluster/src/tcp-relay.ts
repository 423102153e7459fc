import { once } from 'node:events';
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';

/** Where a relay forwards to, and optionally the port it listens on. */
export interface TcpRelayOptions {
  targetHost: string;
  targetPort: number;
  /** Default: a free port chosen by the kernel. */
  listenPort?: number;
}

/** A TCP relay on 127.0.0.1 whose connections a test can cut at will. */
export interface TcpRelay {
  port: number;
  host: '127.0.0.1';
  /** Destroys every open connection, both sides at once; returns how many relayed pairs were cut. */
  cut(): number;
  /** How many relayed connections are open. */
  connections(): number;
  /** Stops listening and destroys every open connection. */
  close(): Promise<void>;
}

/**
 * Starts a plain TCP relay (bytes through unchanged, TLS included) on 127.0.0.1 in front of
 * `targetHost:targetPort`, so tests can drop real connections: put it between the backend and the API
 * server (a context whose server is `https://127.0.0.1:<port>`; the test cluster's certificate is valid
 * for 127.0.0.1) or between a client and the backend.
 *
 * @example
 * const relay = await startTcpRelay({ targetHost: '127.0.0.1', targetPort: apiPort });
 * // ... point a client at `https://127.0.0.1:${relay.port}`, then:
 * relay.cut(); // every open connection is reset; new ones go through again
 * await relay.close();
 */
export async function startTcpRelay(options: TcpRelayOptions): Promise<TcpRelay> {
  const pairs = new Set<[Socket, Socket]>();
  const server = createServer((client) => {
    const upstream = connect({ host: options.targetHost, port: options.targetPort });
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    let closed = false;
    const destroy = () => {
      if (closed) return;
      closed = true;
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    // A half-close is passed on as a half-close (HTTP clients and servers rely on it); an error or a
    // full close on either side ends both.
    client.pipe(upstream);
    upstream.pipe(client);
    for (const socket of pair) {
      socket.on('error', destroy);
      socket.on('close', destroy);
    }
  });
  server.listen(options.listenPort ?? 0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  function cut(): number {
    const open = [...pairs];
    pairs.clear();
    for (const pair of open) for (const socket of pair) reset(socket);
    return open.length;
  }

  return {
    port,
    host: '127.0.0.1',
    cut,
    connections: () => pairs.size,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      cut();
      await closed;
    },
  };
}

/** Ends a socket with a TCP RST, like a dropped network path, rather than a polite FIN. */
function reset(socket: Socket): void {
  // resetAndDestroy waits for a connection still being made: destroy that one right away instead.
  if (socket.destroyed || socket.connecting) socket.destroy();
  else socket.resetAndDestroy();
}
