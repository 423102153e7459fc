import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningBackend, startBackend } from '@porthole/backend/testing';
import {
  type HungServer,
  type OidcIssuer,
  type RancherProxy,
  renderKubeconfig,
  start,
  startHungServer,
  startOidcIssuer,
  startRancherProxy,
  startTcpRelay,
  type TcpRelay,
  type TestCluster,
} from '@porthole/testcluster';
import { publishE2eEnvironment } from './environment.ts';
import { startOidcBackend } from './oidc-setup.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const shellIndex = join(repoRoot, 'apps/shell/dist/index.html');
const backendLog = join(repoRoot, '.test-results/e2e-backend.log');
const productBackendLog = join(repoRoot, '.test-results/e2e-product-backend.log');
const oidcBackendLog = join(repoRoot, '.test-results/e2e-oidc-backend.log');
/** The registry of the `--auth oidc` backend: group `team-a` gets bundle `team-a`. */
const oidcRegistry = join(repoRoot, 'e2e/fixtures/oidc-plugins.yaml');
/** The fixture plugins' registry (bundles `default`, `payments`, `configured`, `misconfigured`), built by `npm run build` here. */
const fixtureRegistry = join(repoRoot, 'e2e/fixtures/plugins.yaml');
const fixturePlugins = ['hello', 'extra', 'throws', 'old-sdk', 'configured'];
/** The context of the silent server (its kubeconfig is written by `renderKubeconfig`). */
const hungContext = 'nobody@hung';

/**
 * Starts a real test cluster (`e2e`) and two `porthole serve` pointed at its kubeconfig: one with the
 * fixture plugins' registry (and a `hung` context whose server never answers), one with the built-in
 * registry of the product plugins (no `--plugins`, plus the cluster through a Rancher-style proxy and
 * through a second address). Publishes where they are for the specs, and returns the teardown.
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
  let rancher: RancherProxy | undefined;
  let relay: TcpRelay | undefined;
  let hung: HungServer | undefined;
  let issuer: OidcIssuer | undefined;
  let oidcBackend: RunningBackend | undefined;
  const teardown = async () => {
    await Promise.all([backend?.stop(), productBackend?.stop(), oidcBackend?.stop()]);
    await Promise.all([rancher?.stop(), relay?.close(), hung?.close()]);
    await cluster?.stop();
    await issuer?.stop();
  };
  try {
    // One OIDC issuer for the suite, trusted by the API server (people `oidc:<name>`, groups `oidc:<group>`).
    issuer = await startOidcIssuer();
    cluster = await start({ name: 'e2e', apiserverFlags: issuer.apiserverFlags });
    await mkdir(dirname(backendLog), { recursive: true });
    await Promise.all([
      writeFile(backendLog, ''),
      writeFile(productBackendLog, ''),
      writeFile(oidcBackendLog, ''),
    ]);
    // Two more contexts for the product backend (not the default one): the same cluster behind a
    // Rancher-style front proxy (header auth only, browsers' WebSocket refused), and through another
    // server address (a TCP relay), each in its own kubeconfig file.
    const apiPort = Number(new URL(cluster.server).port);
    [rancher, relay, hung] = await Promise.all([
      startRancherProxy({ upstream: cluster.server, caPem: cluster.caPem }),
      startTcpRelay({ targetHost: '127.0.0.1', targetPort: apiPort }),
      startHungServer({ behaviour: 'silent' }),
    ]);
    const extraKubeconfigs = {
      rancher: join(dirname(cluster.kubeconfigPath), 'rancher.kubeconfig'),
      second: join(dirname(cluster.kubeconfigPath), 'second.kubeconfig'),
      hung: join(dirname(cluster.kubeconfigPath), 'hung.kubeconfig'),
    };
    const admin = [{ name: 'admin', token: cluster.tokens.admin }];
    await Promise.all([
      writeFile(extraKubeconfigs.rancher, renderKubeconfig('rancher', rancher.url, rancher.caPem, admin), {
        mode: 0o600,
      }),
      writeFile(
        extraKubeconfigs.second,
        renderKubeconfig('second', `https://127.0.0.1:${relay.port}`, cluster.caPem, admin),
        { mode: 0o600 },
      ),
      // For the fixture backend: a context whose server accepts connections and never says a word.
      writeFile(
        extraKubeconfigs.hung,
        renderKubeconfig('hung', hung.server, hung.caPem, [{ name: 'nobody', token: 'never-answered' }]),
        { mode: 0o600 },
      ),
    ]);
    const [fixtures, product, portal] = await Promise.allSettled([
      startBackend({
        kubeconfigs: [cluster.kubeconfigPath, extraKubeconfigs.hung],
        args: ['--plugins', fixtureRegistry],
        logFile: backendLog,
      }),
      // No --plugins: the built-in registry of the product plugins, as `npm start` serves it.
      startBackend({
        kubeconfigs: [cluster.kubeconfigPath, extraKubeconfigs.second, extraKubeconfigs.rancher],
        logFile: productBackendLog,
      }),
      // The multi-user portal: `--auth oidc` against the issuer, the fixture plugins per team.
      startOidcBackend(cluster, issuer, oidcRegistry, oidcBackendLog),
    ]);
    if (fixtures.status === 'fulfilled') backend = fixtures.value;
    if (product.status === 'fulfilled') productBackend = product.value;
    if (portal.status === 'fulfilled') oidcBackend = portal.value.backend;
    if (fixtures.status === 'rejected') throw fixtures.reason;
    if (product.status === 'rejected') throw product.reason;
    if (portal.status === 'rejected') throw portal.reason;
    if (!backend || !productBackend) throw new Error('unreachable: both backends started');
    const baseURL = backend.url;
    publishE2eEnvironment({
      baseURL,
      productURL: productBackend.url,
      server: cluster.server,
      kubeconfigPath: cluster.kubeconfigPath,
      contexts: cluster.contexts,
      productContexts: { second: 'admin@second', rancher: 'admin@rancher' },
      tokens: cluster.tokens,
      hung: { context: hungContext, server: hung.server },
      oidc: portal.value.env,
    });
    return teardown;
  } catch (err) {
    await teardown();
    throw err;
  }
}
