/**
 * Test support for serve.cluster.test.ts: the real `porthole serve` process started against real
 * clusters, and a kubeconfig written the way a user would write one.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { rename, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';

const porthole = fileURLToPath(new URL('../../bin/porthole.js', import.meta.url));

export interface KubeconfigEntries {
  clusters: Record<string, { server: string; caPem: string }>;
  users: Record<string, Record<string, unknown>>;
  contexts: Record<string, { cluster: string; user: string; namespace?: string }>;
}

/** Writes a kubeconfig atomically (temp file + rename), as editors and kubectl do. */
export async function writeKubeconfig(path: string, entries: KubeconfigEntries): Promise<void> {
  const text = stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: Object.entries(entries.clusters).map(([name, c]) => ({
      name,
      cluster: { server: c.server, 'certificate-authority-data': Buffer.from(c.caPem).toString('base64') },
    })),
    users: Object.entries(entries.users).map(([name, user]) => ({ name, user })),
    contexts: Object.entries(entries.contexts).map(([name, context]) => ({ name, context })),
    'current-context': Object.keys(entries.contexts)[0],
  });
  await writeFile(`${path}.tmp`, text);
  await rename(`${path}.tmp`, path);
}

export interface RunningBackend {
  url: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Starts `porthole serve` on a free port; resolves once it listens. */
export async function startBackend(kubeconfigs: string[]): Promise<RunningBackend> {
  const args = [porthole, 'serve', '--port', '0', ...kubeconfigs.flatMap((k) => ['--kubeconfig', k])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (c: Buffer) => {
      output += c.toString();
      const found = /listening on (http:\/\/\S+)/.exec(output);
      if (found?.[1]) resolve(found[1]);
    });
    child.on('exit', (code) => reject(new Error(`porthole exited (${code}):\n${output}`)));
  });
  return {
    url,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
