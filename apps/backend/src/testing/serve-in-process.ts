import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { serve } from '@hono/node-server';
import { type Console, type ConsoleOptions, createConsole } from '../server/create-console.ts';

/** A console served in the test's own process. */
export interface InProcessBackend {
  /** `http://127.0.0.1:<port>`, also the backend's own Origin. */
  url: string;
  /** `ws://127.0.0.1:<port>/ws` */
  wsUrl: string;
  console: Console;
  /** Closes the console and every connection. */
  stop(): Promise<void>;
}

/**
 * Serves {@link createConsole} on a free port in this process, for tests that tune the multiplexer
 * (heartbeats, limits, linger) or look inside it. `startBackend` runs the real `porthole serve` instead.
 *
 * @example
 * const backend = await serveInProcess({ kubeconfigs: [cluster.kubeconfigPath], mux: { heartbeatMs: 200 } });
 * const ws = new WebSocket(backend.wsUrl, 'porthole.v1');
 */
export async function serveInProcess(
  options: Partial<ConsoleOptions> & Pick<ConsoleOptions, 'kubeconfigs'>,
): Promise<InProcessBackend> {
  const porthole = await createConsole({
    pluginEnv: {},
    oidcWriteBack: false,
    allowedOrigins: [],
    log: () => {},
    ...options,
  });
  const server = serve({ fetch: porthole.app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('upgrade', porthole.handleUpgrade);
  if (!server.listening) await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    console: porthole,
    async stop() {
      const closed = new Promise((resolve) => server.close(resolve));
      await porthole.close();
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
