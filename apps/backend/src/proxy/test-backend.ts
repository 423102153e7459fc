/**
 * Test support for the proxy's cluster tests (not used by the server): contexts built by hand from a
 * testcluster, a credential provider double that hands out their static tokens, and a real backend on a
 * free port with the proxy's HTTP routes, upgrade handler and the real distribution adapters.
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { serve } from '@hono/node-server';
import type { Distribution } from '@porthole/protocol';
import { Hono } from 'hono';
import type { DistributionAdapter } from '../auth/distribution-adapter.ts';
import { createDistributionAdapters } from '../auth/distributions/index.ts';
import type { CredentialProvider, UpstreamCredentials } from '../auth/upstream-credentials.ts';
import type { ResolvedContext } from '../clusters/resolved-context.ts';
import { createErrorHandler, notFoundHandler } from '../server/errors.ts';
import { createSecurityMiddleware } from '../server/security.ts';
import { type ClusterProxy, createClusterProxy } from './cluster-proxy.ts';
import type { UpstreamDeadlines } from './upstream-deadlines.ts';

/** What a test context is made of. */
export interface TestContextOptions {
  name: string;
  server: string;
  caPem: string;
  /** The user's static token; none makes a context whose credentials carry no header. */
  token?: string;
  distribution?: Distribution;
  proxyUrl?: string;
  error?: string;
}

/**
 * A ResolvedContext as the registry would build it from a kubeconfig naming a token user.
 *
 * @example
 * testContext({ name: 'alpha', server: cluster.server, caPem: cluster.caPem, token: cluster.tokens.admin });
 */
export function testContext(options: TestContextOptions): ResolvedContext {
  return {
    name: options.name,
    namespace: 'default',
    source: '/test/kubeconfig',
    distribution: options.distribution ?? 'kubernetes',
    cluster: {
      name: options.name,
      source: '/test/kubeconfig',
      config: {
        server: options.server,
        caData: options.caPem,
        insecureSkipTlsVerify: false,
        ...(options.proxyUrl ? { proxyUrl: options.proxyUrl } : {}),
      },
    },
    user: {
      name: options.name,
      source: '/test/kubeconfig',
      config: options.token ? { token: options.token } : {},
    },
    ...(options.error ? { error: options.error } : {}),
    fingerprint: JSON.stringify([options.name, options.server, options.token, options.proxyUrl]),
  };
}

/**
 * A stand-in for the credential layer: the context's static token as `Authorization: Bearer` and its CA.
 *
 * @example
 * const credentials = staticTokenCredentials();
 */
export function staticTokenCredentials(): CredentialProvider {
  return {
    async credentialsFor(context): Promise<UpstreamCredentials> {
      const token = context.user?.config.token;
      return {
        headers: token ? { Authorization: `Bearer ${token}` } : {},
        tls: { ca: context.cluster?.config.caData, rejectUnauthorized: true },
        renewable: false,
      };
    },
    invalidate() {},
  };
}

/**
 * An adapter that changes nothing, for tests of the layers below the adapters (the mux's upstream
 * streams) that want exactly what those layers send upstream.
 */
export const unchangedHeaders: DistributionAdapter = {
  name: 'kubernetes',
  prepareHeaders: (headers) => headers,
};

/** A backend under test. */
export interface TestBackend {
  /** `http://127.0.0.1:PORT`, also the backend's own Origin. */
  url: string;
  port: number;
  contexts: Map<string, ResolvedContext>;
  proxy: ClusterProxy;
  stop(): Promise<void>;
}

/**
 * Serves the proxy like the real server does: security middleware, `/clusters` routes, the upgrade
 * handler on the Node server's `'upgrade'` event, errors as Status JSON, and the server's own
 * distribution adapters (a `distribution: 'rancher'` context goes through the Rancher adapter).
 *
 * @example
 * const backend = await startTestBackend({ contexts: [testContext({ ... })] });
 * await fetch(`${backend.url}/clusters/alpha/api/v1/namespaces`);
 * await backend.stop();
 */
export async function startTestBackend(options: {
  contexts: ResolvedContext[];
  credentials?: CredentialProvider;
  allowedOrigins?: string[];
  /** Default: the real adapters, as `porthole serve` picks them. */
  adapterFor?: (distribution: Distribution) => DistributionAdapter;
  /** Default: the proxy's own deadlines (connect 15 s, TLS handshake 10 s, ...). */
  deadlines?: Partial<UpstreamDeadlines>;
}): Promise<TestBackend> {
  const contexts = new Map(options.contexts.map((c) => [c.name, c]));
  const proxy = createClusterProxy({
    contexts,
    credentials: options.credentials ?? staticTokenCredentials(),
    adapterFor: options.adapterFor ?? createDistributionAdapters().adapterFor,
    allowedOrigins: options.allowedOrigins,
    deadlines: options.deadlines,
    log: () => {},
  });
  const app = new Hono();
  app.onError(createErrorHandler(() => {}));
  app.notFound(notFoundHandler);
  app.use('*', createSecurityMiddleware());
  app.get('/healthz', (c) => c.text('ok'));
  app.route('/clusters', proxy.routes);
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (req, socket, head) => {
    if (!proxy.handleUpgrade(req, socket, head)) socket.destroy();
  });
  if (!server.listening) await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    contexts,
    proxy,
    async stop() {
      const closed = new Promise((resolve) => server.close(resolve));
      for (const socket of sockets) socket.destroy();
      proxy.close();
      await closed;
    },
  };
}
