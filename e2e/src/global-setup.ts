import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, openSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, type TestCluster } from '@porthole/testcluster';
import { publishE2eEnvironment } from './environment.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const shellIndex = join(repoRoot, 'apps/shell/dist/index.html');
const backendBin = join(repoRoot, 'apps/backend/bin/porthole.js');
const backendLog = join(repoRoot, '.test-results/e2e-backend.log');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function logTail(): string {
  return existsSync(backendLog) ? readFileSync(backendLog, 'utf8').split('\n').slice(-20).join('\n') : '';
}

async function waitHealthy(baseURL: string, backend: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (backend.exitCode !== null)
      throw new Error(`the backend exited with ${backend.exitCode}:\n${logTail()}`);
    const ok = await fetch(`${baseURL}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the backend did not answer ${baseURL}/healthz within ${timeoutMs} ms:\n${logTail()}`);
}

async function stopBackend(backend: ChildProcess): Promise<void> {
  if (backend.exitCode !== null || backend.signalCode !== null) return;
  const exited = once(backend, 'exit');
  backend.kill('SIGTERM');
  const timer = setTimeout(() => backend.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts a real test cluster (`e2e`) and `porthole serve` pointed at its kubeconfig, publishes where they
 * are for the specs, and returns the teardown that stops both.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(shellIndex)) {
    throw new Error(
      `${shellIndex} is missing: build the shell first (\`npm run build\` in apps/shell, or at the root)`,
    );
  }
  let cluster: TestCluster | undefined;
  let backend: ChildProcess | undefined;
  const teardown = async () => {
    if (backend) await stopBackend(backend);
    await cluster?.stop();
  };
  try {
    cluster = await start({ name: 'e2e' });
    const port = await freePort();
    const baseURL = `http://127.0.0.1:${port}`;
    await mkdir(dirname(backendLog), { recursive: true });
    const log = openSync(backendLog, 'w');
    const args = [
      'serve',
      '--kubeconfig',
      cluster.kubeconfigPath,
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
    ];
    backend = spawn(process.execPath, [backendBin, ...args], { stdio: ['ignore', log, log] });
    await waitHealthy(baseURL, backend, 20_000);
    publishE2eEnvironment({
      baseURL,
      server: cluster.server,
      contexts: cluster.contexts,
      tokens: cluster.tokens,
    });
    return teardown;
  } catch (err) {
    await teardown();
    throw err;
  }
}
