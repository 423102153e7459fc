import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createCredentialProvider, createDistributionAdapters } from './auth/index.ts';
import { parseFlags, type ServeConfig } from './cli/flags.ts';
import { type ClusterRegistry, createClusterRegistry } from './clusters/index.ts';
import { type ClusterProxy, createClusterProxy } from './proxy/index.ts';
import { createApp } from './server/create-app.ts';

/** The shell's build output, next to this package in the monorepo. */
const shellDir = fileURLToPath(new URL('../../shell/dist', import.meta.url));

/** How long open connections may keep the process alive after SIGINT/SIGTERM. */
const closeGraceMs = 5_000;

function urlOf(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * Keeps the proxy and the credential cache in step with the kubeconfig: a removed context's open
 * watches, logs and tunnels end with the reason, and the cached state of contexts that are gone is
 * dropped. A changed context keeps its open streams (a refreshed token written back must not cut every
 * watch); its new requests use new connections, since agents are keyed by the context's fingerprint.
 */
function followClusterChanges(
  clusters: ClusterRegistry,
  proxy: ClusterProxy,
  credentials: { retain(names: Iterable<string>): void },
): () => void {
  return clusters.subscribe((change) => {
    for (const name of change.removed) {
      proxy.closeContext(name, `context "${name}" was removed from the kubeconfig`);
    }
    credentials.retain(clusters.contexts().map((c) => c.name));
  });
}

async function serveConsole(config: ServeConfig): Promise<void> {
  if (config.plugins !== undefined) console.error('porthole: --plugins is not supported yet; ignoring it');
  if (config.inCluster) console.error('porthole: --in-cluster is not supported yet; ignoring it');

  const clusters = await createClusterRegistry({ kubeconfigs: config.kubeconfigs, log: console.error });
  for (const { name, source, error } of clusters.list()) {
    if (error)
      console.error(name === source ? `porthole: ${error}` : `porthole: context "${name}": ${error}`);
  }
  const credentials = createCredentialProvider({
    baseEnv: config.pluginEnv,
    writeBackRefreshedTokens: config.oidcWriteBack,
    log: console.error,
  });
  const { adapterFor } = createDistributionAdapters();
  const proxy = createClusterProxy({
    contexts: clusters,
    credentials,
    adapterFor,
    allowedOrigins: config.allowedOrigins,
  });
  const stopFollowing = followClusterChanges(clusters, proxy, credentials);
  const app = createApp({ clusters, proxy, shellDir });

  const server = serve(
    { fetch: app.fetch, port: config.port, hostname: config.host },
    (info: AddressInfo) => {
      console.log(`Porthole is listening on ${urlOf(config.host, info.port)}`);
    },
  );
  server.on('upgrade', (req, socket, head) => {
    if (!proxy.handleUpgrade(req, socket, head)) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    }
  });
  server.on('error', (err: NodeJS.ErrnoException) => {
    console.error(`porthole: cannot listen on ${urlOf(config.host, config.port)}: ${err.message}`);
    process.exitCode = 1;
  });

  const shutdown = (signal: NodeJS.Signals) => {
    process.off('SIGINT', shutdown);
    process.off('SIGTERM', shutdown);
    console.error(`porthole: ${signal}: shutting down`);
    stopFollowing();
    proxy.close();
    void clusters.close();
    server.close();
    if ('closeIdleConnections' in server) server.closeIdleConnections();
    // Streams (later: watches, logs) would hold close() open forever; cut them after a grace period.
    setTimeout(() => {
      if ('closeAllConnections' in server) server.closeAllConnections();
    }, closeGraceMs).unref();
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

/**
 * `porthole <argv>`: parses the flags, then serves until SIGINT or SIGTERM. Usage errors exit with 2.
 *
 * @example
 * await main(['serve', '--kubeconfig', '/home/me/.kube/config', '--port', '4466']);
 */
export async function main(argv: readonly string[]): Promise<void> {
  const parsed = parseFlags(argv);
  if (parsed.kind === 'help') {
    process.stdout.write(parsed.text);
    return;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`porthole: ${parsed.message}\n\n${parsed.text}`);
    process.exitCode = 2;
    return;
  }
  await serveConsole(parsed.config);
}
