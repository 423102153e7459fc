import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Hono } from 'hono';
import { createCredentialProvider, createDistributionAdapters } from '../auth/index.ts';
import type { ServeConfig } from '../cli/flags.ts';
import {
  type ClusterRegistry,
  createClusterRegistry,
  createHealthMonitor,
  type HealthMonitor,
  probeContext,
} from '../clusters/index.ts';
import { createMuxServer, type MuxServer, type MuxServerOptions } from '../mux/index.ts';
import { createPluginRegistry, type PluginRegistry } from '../plugins/index.ts';
import { type ClusterProxy, createAgentPool, createClusterProxy } from '../proxy/index.ts';
import { createApp } from './create-app.ts';

/** Options of {@link createConsole}: the served config, and knobs tests turn. */
export interface ConsoleOptions
  extends Pick<ServeConfig, 'kubeconfigs' | 'pluginEnv' | 'oidcWriteBack' | 'allowedOrigins'>,
    Partial<Pick<ServeConfig, 'plugins' | 'dev' | 'bundleGroupHeader' | 'muxBatchMs' | 'deadlines'>> {
  /** The built shell; without it only the API is served. */
  shellDir?: string | undefined;
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
  const clusters = await createClusterRegistry({ kubeconfigs: options.kubeconfigs, log });
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
  const { adapterFor } = createDistributionAdapters();
  const agents = createAgentPool();
  const proxy = createClusterProxy({
    contexts: clusters,
    credentials,
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
  const mux = createMuxServer({
    contexts: clusters,
    clusters,
    health,
    transport: { credentials, adapterFor, agents, deadlines: options.deadlines },
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
  const app = createApp({
    clusters,
    health,
    proxy,
    mux,
    plugins: { registry: plugins, dev, bundleGroupHeader },
    shellDir: options.shellDir,
    log,
  });
  return {
    app,
    handleUpgrade(req, socket, head) {
      if (mux.handleUpgrade(req, socket, head) || proxy.handleUpgrade(req, socket, head)) return;
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    },
    clusters,
    health,
    mux,
    proxy,
    plugins,
    async close() {
      stopFollowing();
      health.close();
      mux.close();
      proxy.close();
      await Promise.all([clusters.close(), plugins.close()]);
    },
  };
}
