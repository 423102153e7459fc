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
const productBackendLog = join(repoRoot, '.test-results/e2e-product-backend.log');
/** The fixture plugins' registry (bundles `default` and `payments`), built by `npm run build` here. */
const fixtureRegistry = join(repoRoot, 'e2e/fixtures/plugins.yaml');
const fixturePlugins = ['hello', 'extra', 'throws', 'old-sdk'];

/**
 * Starts a real test cluster (`e2e`) and two `porthole serve` pointed at its kubeconfig: one with the
 * fixture plugins' registry, one with the built-in registry of the product plugins (no `--plugins`).
 * Publishes where they are for the specs, and returns the teardown that stops all three.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(shellIndex)) {
    throw new Error(
      `${shellIndex} is missing: build the shell first (\`npm run build\` in apps/shell, or at the root)`,
    );
  }
  const unbuilt = fixturePlugins.filter(
    (name) => !existsSync(join(repoRoot, 'e2e/fixtures/plugins', name, 'dist/remoteEntry.js')),
  );
  if (unbuilt.length > 0) {
    throw new Error(
      `fixture plugins ${unbuilt.join(', ')} are not built: run \`npm run build -w @porthole/e2e\` first`,
    );
  }
  let cluster: TestCluster | undefined;
  let backend: RunningBackend | undefined;
  let productBackend: RunningBackend | undefined;
  const teardown = async () => {
    await Promise.all([backend?.stop(), productBackend?.stop()]);
    await cluster?.stop();
  };
  try {
    cluster = await start({ name: 'e2e' });
    await mkdir(dirname(backendLog), { recursive: true });
    await Promise.all([writeFile(backendLog, ''), writeFile(productBackendLog, '')]);
    const [fixtures, product] = await Promise.allSettled([
      startBackend({
        kubeconfigs: [cluster.kubeconfigPath],
        args: ['--plugins', fixtureRegistry],
        logFile: backendLog,
      }),
      // No --plugins: the built-in registry of the product plugins, as `npm start` serves it.
      startBackend({ kubeconfigs: [cluster.kubeconfigPath], logFile: productBackendLog }),
    ]);
    if (fixtures.status === 'fulfilled') backend = fixtures.value;
    if (product.status === 'fulfilled') productBackend = product.value;
    if (fixtures.status === 'rejected') throw fixtures.reason;
    if (product.status === 'rejected') throw product.reason;
    if (!backend || !productBackend) throw new Error('unreachable: both backends started');
    const baseURL = backend.url;
    publishE2eEnvironment({
      baseURL,
      productURL: productBackend.url,
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
