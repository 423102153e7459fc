import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { parseFlags, type ServeConfig } from './cli/flags.ts';
import { checkListenPolicy } from './cli/listen-policy.ts';
import { createConsole } from './server/create-console.ts';
import { drainThenExit } from './server/shutdown.ts';

/** The shell's build output, next to this package in the monorepo. */
const shellDir = fileURLToPath(new URL('../../shell/dist', import.meta.url));

/** The product plugins' registry (`plugins/registry.yaml` in the repo), served when `--plugins` is not given. */
export const builtInRegistry = fileURLToPath(new URL('../../../plugins/registry.yaml', import.meta.url));

function urlOf(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

async function serveConsole(config: ServeConfig): Promise<void> {
  const verdict = checkListenPolicy(config);
  if (!verdict.ok) {
    console.error(`porthole: ${verdict.message}`);
    process.exitCode = 2;
    return;
  }
  if (verdict.warning) console.error(`porthole: ${verdict.warning}`);
  if (config.dev) console.error('porthole: --dev: plugin dev overrides are accepted; not for production');

  let porthole: Awaited<ReturnType<typeof createConsole>>;
  try {
    porthole = await createConsole({
      ...config,
      plugins: config.plugins ?? builtInRegistry,
      shellDir,
      listenHost: config.host,
      inCluster: config.kubernetesService && {
        serviceAccountDir: config.serviceAccountDir,
        service: config.kubernetesService,
      },
    });
  } catch (err) {
    // A setting that can't work (an unreadable session secret, a mode not built, the in-cluster service
    // account missing): say so, don't listen.
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
    console.error(`porthole: ${signal}: draining (grace ${config.shutdownGraceMs / 1000} s)`);
    drainThenExit(
      {
        server: server as Server,
        readiness: porthole.readiness,
        drain: porthole.drain,
        close: porthole.close,
      },
      {
        graceMs: config.shutdownGraceMs,
        // Ctrl-C at a terminal: no load balancer to tell, so no wait before closing.
        ...(signal === 'SIGINT' ? { leadMs: 0 } : {}),
        log: (m) => console.error(m),
      },
    );
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
