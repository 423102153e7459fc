import type { Distribution } from '@porthole/protocol';
import type { Hono } from 'hono';
import type { DistributionAdapter } from '../auth/distribution-adapter.ts';
import type { PrincipalCredentials } from '../auth/principal-credentials.ts';
import type { CredentialProvider } from '../auth/upstream-credentials.ts';
import type { ResolvedContext } from '../clusters/resolved-context.ts';
import { type AgentPool, createAgentPool } from './agent-pool.ts';
import { createProxyRoutes, type ProxyEnv } from './http-proxy.ts';
import { createOpenStreams } from './open-streams.ts';
import { createUpgradeHandler, type UpgradeHandler } from './upgrade-proxy.ts';
import type { UpstreamDeadlines } from './upstream-deadlines.ts';

/** Options of {@link createClusterProxy}. */
export interface ClusterProxyOptions {
  /** The live contexts (the cluster registry). */
  contexts: { get(name: string): ResolvedContext | undefined };
  credentials: CredentialProvider;
  /** Credentials per person (login modes); see `actingAs`. */
  people?: PrincipalCredentials | undefined;
  adapterFor: (distribution: Distribution) => DistributionAdapter;
  /** Origins besides the backend's own that may open WebSockets. */
  allowedOrigins?: readonly string[] | undefined;
  /** Deadlines of each stage of an upstream call (see `UpstreamDeadlines`); each missing one its default. */
  deadlines?: Partial<UpstreamDeadlines> | undefined;
  /** Connection pool, shared with the multiplexer; default a pool of its own. */
  agents?: AgentPool | undefined;
  /** Where unexpected upgrade failures go; default `console.error`. */
  log?: ((message: string) => void) | undefined;
}

/** The proxy for every cluster, HTTP and WebSocket alike, sharing agents and open-stream tracking. */
export interface ClusterProxy {
  /** Mount with `app.route('/clusters', proxy.routes)`. */
  routes: Hono<ProxyEnv>;
  /** Call from the Node server's `'upgrade'` event; false when the path is not under `/clusters/`. */
  handleUpgrade: UpgradeHandler;
  /**
   * Ends every open watch, log stream and tunnel of a context with `message` (see `OpenStreams`) and
   * forgets its connections. Call it when the registry reports the context removed (or changed).
   */
  closeContext(name: string, message: string): number;
  /** Closes every upstream connection (server shutdown). */
  close(): void;
}

/**
 * Builds the cluster proxy: `/clusters/{name}/...` over HTTP and WebSocket upgrades, with credentials
 * attached server-side per context.
 *
 * @example
 * const proxy = createClusterProxy({ contexts: registry, credentials, adapterFor });
 * app.route('/clusters', proxy.routes);
 * server.on('upgrade', (req, socket, head) => proxy.handleUpgrade(req, socket, head) || socket.destroy());
 * registry.subscribe(({ removed }) => removed.forEach((n) => proxy.closeContext(n, `context "${n}" was removed`)));
 */
export function createClusterProxy(options: ClusterProxyOptions): ClusterProxy {
  const agents = options.agents ?? createAgentPool();
  const streams = createOpenStreams();
  const deps = { ...options, agents, streams };
  return {
    routes: createProxyRoutes(deps),
    handleUpgrade: createUpgradeHandler(deps),
    closeContext(name, message) {
      agents.drop(name);
      return streams.closeContext(name, message);
    },
    close: () => agents.close(),
  };
}
