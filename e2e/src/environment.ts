import type { OidcE2e } from './oidc-setup.ts';

/** What the global setup started, handed to the specs (workers inherit the runner's environment). */
export interface E2eEnvironment {
  /** The backend, e.g. `http://127.0.0.1:41234`. */
  baseURL: string;
  /**
   * A second backend on the same cluster, started without `--plugins`: it serves the built-in registry
   * of the product plugins (editor, ...). The product plugins' specs use it.
   */
  productURL: string;
  /** The test cluster's API server URL. */
  server: string;
  /** The test cluster's kubeconfig (contexts as in `contexts`), for kubectl as a second client. */
  kubeconfigPath: string;
  /**
   * More contexts of the product backend only (admin's token): `second`, the same API server through
   * another address (a TCP relay); `rancher`, behind the testcluster's Rancher-style front proxy.
   */
  productContexts: { second: string; rancher: string };
  /** Context names by user. */
  contexts: { admin: string; viewer: string; 'team-a': string };
  /** Bearer tokens by user: they must never reach the browser. */
  tokens: { admin: string; viewer: string; 'team-a': string };
  /** A context whose server accepts TCP connections and never answers (a dead VPN), and that server. */
  hung: { context: string; server: string };
  /** The multi-user portal: a backend in `--auth oidc` mode and the OIDC issuer it (and the API server) trusts. */
  oidc: OidcE2e;
}

const variable = 'PORTHOLE_E2E';

/** Publishes the environment to the specs; called once by the global setup. */
export function publishE2eEnvironment(env: E2eEnvironment): void {
  process.env[variable] = JSON.stringify(env);
}

/**
 * The environment the global setup started.
 *
 * @example
 * const { baseURL } = e2eEnvironment();
 * await page.goto(baseURL);
 */
export function e2eEnvironment(): E2eEnvironment {
  const value = process.env[variable];
  if (!value)
    throw new Error(
      `${variable} is not set: run the specs with \`npx playwright test\` so the global setup runs`,
    );
  return JSON.parse(value) as E2eEnvironment;
}

/**
 * Every context the global backend serves: the test cluster's three and the hung one.
 *
 * @example
 * await expect(page.getByTestId('cluster-name')).toHaveCount(everyContext(env).length);
 */
export function everyContext(env: E2eEnvironment): string[] {
  return [...Object.values(env.contexts), env.hung.context];
}
