import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { parseFlags, type ServeConfig } from './cli/flags.ts';
import { createConsole } from './server/create-console.ts';

/** The shell's build output, next to this package in the monorepo. */
const shellDir = fileURLToPath(new URL('../../shell/dist', import.meta.url));

/** The product plugins' registry (`plugins/registry.yaml` in the repo), served when `--plugins` is not given. */
export const builtInRegistry = fileURLToPath(new URL('../../../plugins/registry.yaml', import.meta.url));

/** How long open connections may keep the process alive after SIGINT/SIGTERM. */
const closeGraceMs = 5_000;

function urlOf(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

async function serveConsole(config: ServeConfig): Promise<void> {
  if (config.dev) console.error('porthole: --dev: plugin dev overrides are accepted; not for production');
  if (config.inCluster) console.error('porthole: --in-cluster is not supported yet; ignoring it');

  let porthole: Awaited<ReturnType<typeof createConsole>>;
  try {
    porthole = await createConsole({ ...config, plugins: config.plugins ?? builtInRegistry, shellDir });
  } catch (err) {
    // A setting that can't work (an unreadable session secret, a mode not built): say so, don't listen.
    console.error(`porthole: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
    return;
  }
  if (config.authMode !== 'local') console.error(`porthole: --auth ${config.authMode}: people log in`);
  const { app } = porthole;

  const server = serve(
    { fetch: app.fetch, port: config.port, hostname: config.host },
    (info: AddressInfo) => {
      console.log(`Porthole is listening on ${urlOf(config.host, info.port)}`);
    },
  );
  server.on('upgrade', porthole.handleUpgrade);
  server.on('error', (err: NodeJS.ErrnoException) => {
    console.error(`porthole: cannot listen on ${urlOf(config.host, config.port)}: ${err.message}`);
    process.exitCode = 1;
  });

  const shutdown = (signal: NodeJS.Signals) => {
    process.off('SIGINT', shutdown);
    process.off('SIGTERM', shutdown);
    console.error(`porthole: ${signal}: shutting down`);
    void porthole.close();
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

/** `porthole create-plugin`: the plugin kit scaffolds; loaded only for this command. */
async function createPluginCommand(name: string, dir: string | undefined): Promise<void> {
  const kit = await import('@porthole/plugin-kit');
  try {
    const result = await kit.createPlugin({ name, dir: dir ?? kit.defaultPluginDir(name, process.cwd()) });
    process.stdout.write(`${kit.nextSteps(result, name, process.cwd())}\n`);
  } catch (err) {
    if (!(err instanceof kit.CreatePluginError)) throw err;
    process.stderr.write(`porthole: ${err.message}\n`);
    process.exitCode = 1;
  }
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
  if (parsed.kind === 'create-plugin') return createPluginCommand(parsed.name, parsed.dir);
  await serveConsole(parsed.config);
}
