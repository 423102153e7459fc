import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningBackend, startBackend } from '@porthole/backend/testing';
import { start, type TestCluster } from '@porthole/testcluster';
import { publishE2eEnvironment } from './environment.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const shellIndex = join(repoRoot, 'apps/shell/dist/index.html');
const backendLog = join(repoRoot, '.test-results/e2e-backend.log');

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
  let backend: RunningBackend | undefined;
  const teardown = async () => {
    await backend?.stop();
    await cluster?.stop();
  };
  try {
    cluster = await start({ name: 'e2e' });
    await mkdir(dirname(backendLog), { recursive: true });
    await writeFile(backendLog, '');
    backend = await startBackend({ kubeconfigs: [cluster.kubeconfigPath], logFile: backendLog });
    const baseURL = backend.url;
    publishE2eEnvironment({
      baseURL,
      server: cluster.server,
      kubeconfigPath: cluster.kubeconfigPath,
      contexts: cluster.contexts,
      tokens: cluster.tokens,
    });
    return teardown;
  } catch (err) {
    await teardown();
    throw err;
  }
}
