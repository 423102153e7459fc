import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { StatusError } from '@porthole/protocol';
import type { Hono } from 'hono';
import { createCredentialProvider, createDistributionAdapters } from '../auth/index.ts';
import { createPrincipalCredentials } from '../auth/principal-credentials.ts';
import type { AuthConfig } from '../cli/auth-flags.ts';
import type { ServeConfig } from '../cli/flags.ts';
import {
  type ClusterRegistry,
  createClusterRegistry,
  createHealthMonitor,
  createPrincipalHealth,
  type HealthMonitor,
  type InClusterOptions,
  loadInClusterSource,
  probeContext,
} from '../clusters/index.ts';
import { createMuxServer, type MuxServer, type MuxServerOptions } from '../mux/index.ts';
import { createPluginRegistry, type PluginRegistry } from '../plugins/index.ts';
import { type ClusterProxy, createAgentPool, createClusterProxy } from '../proxy/index.ts';
import { refuseUpgrade } from '../proxy/upgrade-response.ts';
import { actingAs } from '../proxy/upstream-request.ts';
import { authRequestOfIncoming } from '../session/auth-request.ts';
import type { AuthModeFactories } from '../session/create-auth-mode.ts';
import type { Principal } from '../session/principal.ts';
import { type ConsoleAuth, createConsoleAuth } from './console-auth.ts';
import { createApp } from './create-app.ts';
import { createHostCheck } from './host-allowlist.ts';
import { createReadiness, type Readiness } from './readiness.ts';

/** Options of {@link createConsole}: the served config, and knobs tests turn. */
export interface ConsoleOptions
  extends Pick<ServeConfig, 'kubeconfigs' | 'pluginEnv' | 'oidcWriteBack' | 'allowedOrigins'>,
    Partial<Pick<ServeConfig, 'plugins' | 'dev' | 'bundleGroupHeader' | 'muxBatchMs' | 'deadlines'>>,
    Partial<AuthConfig> {
  /** Auth modes besides the built-in token and proxy modes (e.g. `oidc`). */
  authModes?: AuthModeFactories | undefined;
  /** The built shell; without it only the API is served. */
  shellDir?: string | undefined;
  /** `--host`: a name here is one the Host check allows (default 127.0.0.1). */
  listenHost?: string | undefined;
  /** `--in-cluster`: the cluster Porthole runs in comes first, as context `in-cluster`. */
  inCluster?: InClusterOptions | undefined;
  /** Multiplexer limits and timings (tests). */
  mux?: Pick<MuxServerOptions, 'limits' | 'heartbeatMs' | 'hub' | 'maxPayloadBytes'> | undefined;
  log?: ((message: string) => void) | undefined;
}

/** Everything `porthole serve` serves, before it listens. */
export interface Console {
  app: Hono;
  /** The Node server's `'upgrade'` handler: `/ws`, then `/clusters/...`, else 404. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  clusters: ClusterRegistry;
  /** Contexts' health, probed while someone watches. */
  health: HealthMonitor;
  mux: MuxServer;
  proxy: ClusterProxy;
  /** The plugin registry (`--plugins`); `subscribe` to learn when bundles or plugins change. */
  plugins: PluginRegistry;
  /** What `GET /readyz` answers. */
  readiness: Readiness;
  /**
   * The first step of a shutdown: `/readyz` answers 503 from now on, new `/ws` sockets are refused, and
   * every open one is closed with 1012 so its client reconnects at once (to another replica). Call it
   * after the listener stopped accepting.
   */
  drain(reason: string): void;
  /** Who requests act for (`--auth`) and the session cookie. */
  auth: ConsoleAuth;
  /** Stops following the kubeconfig, closes sockets and upstream connections. */
  close(): Promise<void>;
}

/**
 * Keeps the proxy, the multiplexer and the credential cache in step with the kubeconfig: a removed
 * context's subscriptions, watches, logs and tunnels end with the reason, and the cached state of
 * contexts that are gone is dropped. A changed context keeps its open streams (a refreshed token written
 * back must not cut every watch); its new requests use new connections, since agents are keyed by the
 * context's fingerprint.
 */
function followClusterChanges(
  clusters: ClusterRegistry,
  proxy: ClusterProxy,
  mux: MuxServer,
  credentials: { retain(names: Iterable<string>): void },
): () => void {
  return clusters.subscribe((change) => {
    for (const name of change.removed) {
      const message = `context "${name}" was removed from the kubeconfig`;
      mux.closeContext(name, message);
      proxy.closeContext(name, message);
    }
    credentials.retain(clusters.contexts().map((c) => c.name));
  });
}

/** The auth fields of `options`, each missing one local mode's default. */
function authConfigOf(options: Partial<AuthConfig>): AuthConfig {
  return {
    authMode: options.authMode ?? 'local',
    externalUrl: options.externalUrl,
    sessionSecretFile: options.sessionSecretFile,
    trustedProxies: options.trustedProxies ?? [],
    proxyUserHeader: options.proxyUserHeader ?? 'X-Forwarded-User',
    proxyGroupsHeader: options.proxyGroupsHeader ?? 'X-Forwarded-Groups',
    oidc: options.oidc,
  };
}

/**
 * Wires the console: the live kubeconfig registry, credentials, distribution adapters, one connection
 * pool shared by the proxy and the multiplexer, and the Hono app. `main` serves it; tests serve it
 * in-process with their own timings.
 *
 * @example
 * const console = await createConsole({ kubeconfigs: [path], pluginEnv: process.env, oidcWriteBack: false, allowedOrigins: [] });
 * const server = serve({ fetch: console.app.fetch, port: 0 });
 * server.on('upgrade', console.handleUpgrade);
 */
export async function createConsole(options: ConsoleOptions): Promise<Console> {
  const log = options.log ?? console.error;
  const leadingSources = options.inCluster ? [await loadInClusterSource(options.inCluster)] : [];
  const clusters = await createClusterRegistry({ kubeconfigs: options.kubeconfigs, leadingSources, log });
  for (const { name, error } of clusters.list()) if (error) log(`porthole: context "${name}": ${error}`);
  for (const file of clusters.files()) {
    if (file.state !== 'ok' && file.state !== 'missing')
      log(`porthole: kubeconfig ${file.path} ${file.message}`);
  }
  const credentials = createCredentialProvider({
    baseEnv: options.pluginEnv,
    writeBackRefreshedTokens: options.oidcWriteBack,
    log,
  });
  const people = createPrincipalCredentials(credentials);
  const { adapterFor } = createDistributionAdapters();
  const agents = createAgentPool();
  const auth = await createConsoleAuth({
    config: authConfigOf(options),
    registry: clusters,
    upstream: { credentials, people, adapterFor, agents, deadlines: options.deadlines },
    factories: options.authModes,
    log,
  });
  const proxy = createClusterProxy({
    contexts: clusters,
    credentials,
    people,
    adapterFor,
    agents,
    deadlines: options.deadlines,
    allowedOrigins: options.allowedOrigins,
    log,
  });
  const health = createHealthMonitor({
    registry: clusters,
    probe: (context) =>
      probeContext(
        { credentials, adapterFor, agents, deadlines: options.deadlines, timeoutMs: 5000 },
        context,
      ),
    log,
  });
  // Login modes: a person's probes act as them (local mode keeps the one monitor above).
  const peopleHealth =
    auth.mode.name === 'local'
      ? undefined
      : createPrincipalHealth({
          create: (principal) =>
            createHealthMonitor({
              registry: clusters,
              probe: (context) =>
                probeContext(
                  { ...actingAs({ credentials, people }, principal), adapterFor, agents, timeoutMs: 5000 },
                  context,
                ),
              log,
            }),
        });
  const healthFor = peopleHealth ? (principal: Principal) => peopleHealth.forPrincipal(principal) : undefined;
  const mux = createMuxServer({
    contexts: clusters,
    clusters,
    health,
    healthFor,
    transport: { credentials, people, adapterFor, agents, deadlines: options.deadlines },
    allowedOrigins: options.allowedOrigins,
    ...options.mux,
    limits: {
      ...(options.muxBatchMs !== undefined ? { batchMs: options.muxBatchMs } : {}),
      ...options.mux?.limits,
    },
  });
  const stopFollowing = followClusterChanges(clusters, proxy, mux, credentials);
  const plugins = await createPluginRegistry({ file: options.plugins, log });
  const { dev, bundleGroupHeader } = options;
  const readiness = createReadiness();
  const checkHost = createHostCheck({
    listenHost: options.listenHost ?? '127.0.0.1',
    externalUrl: options.externalUrl,
    allowedOrigins: options.allowedOrigins,
  });
  const app = createApp({
    hostCheck: checkHost,
    readiness,
    clusters,
    health,
    healthFor,
    proxy,
    mux,
    plugins: { registry: plugins, dev, bundleGroupHeader },
    shellDir: options.shellDir,
    log,
    auth,
  });
  const dispatchUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer, principal?: Principal) => {
    if (mux.handleUpgrade(req, socket, head, principal) || proxy.handleUpgrade(req, socket, head, principal))
      return;
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  };
  return {
    app,
    handleUpgrade(req, socket, head) {
      // Before anything, authentication included: only the hosts Porthole answers to.
      const refusal = checkHost(req.headers.host);
      if (refusal) {
        refuseUpgrade(socket, refusal.status);
        return;
      }
      if (auth.mode.name === 'local') return dispatchUpgrade(req, socket, head);
      socket.on('error', () => socket.destroy());
      auth.mode.authenticate(authRequestOfIncoming(req)).then(
        (found) => {
          if (found) return dispatchUpgrade(req, socket, head, found.principal);
          refuseUpgrade(socket, StatusError.unauthorized('log in before opening a WebSocket').status);
        },
        (err: unknown) => {
          log(
            `porthole: authenticating an upgrade failed: ${err instanceof Error ? err.message : String(err)}`,
          );
          refuseUpgrade(socket, StatusError.internal(err).status);
        },
      );
    },
    clusters,
    health,
    mux,
    proxy,
    plugins,
    readiness,
    drain(reason) {
      readiness.drain(reason);
      mux.drain();
    },
    auth,
    async close() {
      stopFollowing();
      auth.mode.close?.();
      health.close();
      peopleHealth?.close();
      mux.close();
      proxy.close();
      await Promise.all([clusters.close(), plugins.close()]);
    },
  };
}
