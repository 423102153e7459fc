import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runServer } from 'verdaccio';

const run = promisify(execFile);

/** A Verdaccio npm registry on loopback, started by {@link startNpmRegistry}. */
export interface NpmRegistry {
  /** `http://127.0.0.1:PORT/`. */
  url: string;
  /** An npm user config (`--userconfig`): the scopes from this registry (with a token to publish), the rest upstream. */
  userconfig: string;
  /** The environment for `npm` and `npx` with that user config (nothing inherited from the runner's npm). */
  env: NodeJS.ProcessEnv;
  /** Publishes a tarball (`npm pack`'s output). */
  publish(tarball: string): Promise<void>;
  stop(): Promise<void>;
}

/** Options of {@link startNpmRegistry}. */
export interface NpmRegistryOptions {
  /** A new folder for the registry's storage, config and the npm user config. */
  dir: string;
  /** The scopes this registry serves, only from what is published to it (never proxied), e.g. `@porthole`. */
  scopes: string[];
  /** Where npm takes every other package from: the registry the machine's npm uses (its cache applies). */
  upstream: string;
}

/**
 * Starts Verdaccio on 127.0.0.1 (a free port), storage in `dir`, serving `scopes` from what is published
 * to it and nothing else (no uplink). Creates a user and writes an npm user config that sends those
 * scopes here with its token, and every other package to `upstream`, as a company does with its
 * private scope. (Proxying every third-party package through Verdaccio too was measured: its cold
 * storage fetched full packuments from the uplink one by one, minutes per install.)
 *
 * @example
 * const registry = await startNpmRegistry({ dir, scopes: ['@porthole'], upstream: 'https://registry.npmjs.org/' });
 * await registry.publish('/tmp/porthole-sdk-1.0.0.tgz');
 */
export async function startNpmRegistry(options: NpmRegistryOptions): Promise<NpmRegistry> {
  const { dir } = options;
  await mkdir(join(dir, 'storage'), { recursive: true });
  const local = { access: '$all', publish: '$authenticated', unpublish: '$authenticated' };
  const app = (await runServer({
    self_path: dir,
    storage: join(dir, 'storage'),
    auth: { htpasswd: { file: join(dir, 'htpasswd'), max_users: 10 } },
    uplinks: {},
    packages: Object.fromEntries(options.scopes.map((scope) => [`${scope}/*`, local])),
    web: { enable: false },
    log: { type: 'stdout', format: 'pretty', level: 'error' },
    max_body_size: '50mb',
    // Verdaccio's ConfigYaml type wants sections this registry leaves to their defaults.
  } as unknown as Parameters<typeof runServer>[0])) as {
    listen(port: number, host: string, ready: () => void): Server;
  };
  const server = await new Promise<Server>((resolve) => {
    const listening: Server = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  const user = await fetch(`${url}-/user/org.couchdb.user:e2e`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'e2e', password: 'e2e-password' }),
  });
  if (!user.ok) throw new Error(`creating a Verdaccio user: ${user.status} ${await user.text()}`);
  const { token } = (await user.json()) as { token: string };
  const userconfig = join(dir, 'npmrc');
  const host = url.replace(/^http:/, '');
  await writeFile(
    userconfig,
    [
      `registry=${options.upstream}`,
      ...options.scopes.map((scope) => `${scope}:registry=${url}`),
      `${host}:_authToken=${token}`,
      'audit=false',
      'fund=false',
      'update-notifier=false',
      '',
    ].join('\n'),
  );
  // Nothing from the runner's npm (npm_config_*, npm_package_*) or NODE_ENV (vitest's would make
  // `rsbuild build` a development build): the registries and the token are this user config's.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && key !== 'NODE_ENV'),
  );
  Object.assign(env, { npm_config_userconfig: userconfig });

  return {
    url,
    userconfig,
    env,
    publish: async (tarball) => {
      await run('npm', ['publish', tarball, '--registry', url], { env, cwd: dir });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
