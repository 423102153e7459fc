import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, normalize } from 'node:path';
import { type PluginMetadataInput, pluginMetadataFile } from '@porthole/protocol';

/** Options of {@link writePluginBuild}. */
export interface PluginBuildOptions {
  name: string;
  version?: string;
  /** The remote entry's text. */
  entry?: string;
  /** More files of the build output, path -> text. */
  files?: Record<string, string>;
  /** Overrides of `porthole-plugin.json`. */
  metadata?: Partial<PluginMetadataInput>;
}

/**
 * Test support: writes what a plugin's build outputs (a `remoteEntry.js`, `porthole-plugin.json` and
 * any other files) into `dir`. Returns the entry's bytes.
 *
 * @example
 * const entry = await writePluginBuild(join(tmp, 'cronjobs'), { name: 'cronjobs' });
 */
export async function writePluginBuild(dir: string, options: PluginBuildOptions): Promise<Buffer> {
  const metadata: PluginMetadataInput = {
    schemaVersion: 1,
    name: options.name,
    version: options.version ?? '1.0.0',
    sdk: '^1.0.0',
    remoteName: `porthole_${options.name.replaceAll('-', '_')}`,
    entry: 'remoteEntry.js',
    ...options.metadata,
  };
  const entry = Buffer.from(
    options.entry ?? `var ${metadata.remoteName} = { version: '${metadata.version}' };\n`,
  );
  await mkdir(dir, { recursive: true });
  for (const [path, text] of Object.entries(options.files ?? {})) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  await writeFile(join(dir, metadata.entry), entry);
  await writeFile(join(dir, pluginMetadataFile), JSON.stringify(metadata));
  return entry;
}

/** A plugin server started by a test. */
export interface StaticServer {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** Paths requested so far. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * Test support: a plain static file server for `root` on `port` (default: a free one) — what a team's
 * plugin server is.
 *
 * @example
 * const server = await startStaticServer(buildDir);
 * await server.close();
 */
export async function startStaticServer(root: string, port = 0): Promise<StaticServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    readFile(join(root, normalize(path)))
      .then((bytes) => res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(bytes))
      .catch(() => res.writeHead(404).end('not found'));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Test support: the URL of a port nothing listens on (a plugin server that is down).
 *
 * @example
 * const url = await deadServerUrl(); // 'http://127.0.0.1:40123/'
 */
export async function deadServerUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/`;
}
