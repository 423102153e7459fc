import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningBackend, startBackend } from '@porthole/backend/testing';
import { type HungServer, start, startHungServer, type TestCluster } from '@porthole/testcluster';
import { publishE2eEnvironment } from './environment.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const shellIndex = join(repoRoot, 'apps/shell/dist/index.html');
const backendLog = join(repoRoot, '.test-results/e2e-backend.log');
/** The fixture plugins' registry (bundles `default` and `payments`), built by `npm run build` here. */
const fixtureRegistry = join(repoRoot, 'e2e/fixtures/plugins.yaml');
const fixturePlugins = ['hello', 'extra', 'throws', 'old-sdk'];
/** The context of the silent server (see `hungKubeconfig`). */
const hungContext = 'hung';

/** A second kubeconfig file: one context whose server accepts connections and never says a word. */
async function hungKubeconfig(dir: string, hung: HungServer): Promise<string> {
  const path = join(dir, 'hung-kubeconfig.yaml');
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'hung',
        cluster: {
          server: hung.server,
          'certificate-authority-data': Buffer.from(hung.caPem).toString('base64'),
        },
      },
    ],
    users: [{ name: 'hung', user: { token: 'never-answered' } }],
    contexts: [{ name: hungContext, context: { cluster: 'hung', user: 'hung' } }],
  };
  // JSON is YAML: no YAML writer needed here.
  await writeFile(path, JSON.stringify(config, null, 2));
  return path;
}

/**
 * Starts a real test cluster (`e2e`) and `porthole serve` pointed at its kubeconfig and at the fixture
 * plugins' registry, publishes where they are for the specs, and returns the teardown that stops both.
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
  let hung: HungServer | undefined;
  const teardown = async () => {
    await backend?.stop();
    await hung?.close();
    await cluster?.stop();
  };
  try {
    cluster = await start({ name: 'e2e' });
    await mkdir(dirname(backendLog), { recursive: true });
    await writeFile(backendLog, '');
    hung = await startHungServer({ behaviour: 'silent' });
    backend = await startBackend({
      kubeconfigs: [cluster.kubeconfigPath, await hungKubeconfig(dirname(backendLog), hung)],
      args: ['--plugins', fixtureRegistry],
      logFile: backendLog,
    });
    const baseURL = backend.url;
    publishE2eEnvironment({
      baseURL,
      server: cluster.server,
      kubeconfigPath: cluster.kubeconfigPath,
      contexts: cluster.contexts,
      tokens: cluster.tokens,
      hung: { context: hungContext, server: hung.server },
    });
    return teardown;
  } catch (err) {
    await teardown();
    throw err;
  }
}
