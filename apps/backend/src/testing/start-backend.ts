import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const porthole = fileURLToPath(new URL('../../bin/porthole.js', import.meta.url));

export interface StartBackendOptions {
  kubeconfigs: readonly string[];
  /** More `porthole serve` flags. */
  args?: readonly string[];
  /** Also append the backend's output to this file. */
  logFile?: string;
  /** More environment variables (e.g. a pod's `KUBERNETES_SERVICE_HOST`). */
  env?: Record<string, string>;
}

/** A `porthole serve` process started by a test, benchmark or e2e setup. */
export interface RunningBackend {
  /** `http://127.0.0.1:<port>` */
  url: string;
  child: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
  /** SIGINT (a drain with no not-ready lead, see `--shutdown-grace`), then SIGKILL after 5 s. */
  stop(): Promise<void>;
}

/**
 * Starts the real `porthole serve` on a free port (test support, the package's `./testing` entry);
 * resolves once it listens, rejects with its output if it exits first.
 *
 * @example
 * const backend = await startBackend({ kubeconfigs: [cluster.kubeconfigPath] });
 * await fetch(`${backend.url}/api/clusters`);
 * await backend.stop();
 */
export async function startBackend(options: StartBackendOptions): Promise<RunningBackend> {
  const args = [
    porthole,
    'serve',
    '--port',
    '0',
    ...options.kubeconfigs.flatMap((k) => ['--kubeconfig', k]),
    ...(options.args ?? []),
  ];
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.env ? { env: { ...process.env, ...options.env } } : {}),
  });
  let output = '';
  const record = (chunk: Buffer) => {
    output += chunk.toString();
    if (options.logFile) appendFileSync(options.logFile, chunk);
  };
  child.stderr?.on('data', record);
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      record(chunk);
      const found = /listening on (http:\/\/\S+)/.exec(output);
      if (found?.[1]) resolve(found[1]);
    });
    child.on('exit', (code) =>
      reject(new Error(`porthole serve exited (${code}) before listening:\n${output}`)),
    );
  });
  return {
    url,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
