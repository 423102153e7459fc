import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The Kubernetes version the test cluster runs (Debian bookworm's `kubernetes` source package). */
export const kubernetesVersion = 'v1.20.2';

/** Where Porthole caches what it builds or installs once per machine. */
export function cacheRoot(): string {
  return process.env.PORTHOLE_CACHE ?? join(homedir(), '.cache', 'porthole');
}

/** Folder holding the cached kube-apiserver and kube-controller-manager binaries. */
export function binaryDir(): string {
  return join(cacheRoot(), `k8s-${kubernetesVersion}`);
}

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The shell script that builds the binaries (see testcluster.md). */
export const ensureScript = join(packageRoot, 'scripts', 'ensure-k8s.sh');

/** The pseudo-terminal relay the kubelet stand-in runs interactive shells through. */
export const ptyRelayScript = join(packageRoot, 'scripts', 'pty-relay.py');

/**
 * A client-go exec credential plugin for tests: mints short-lived tokens from the test OIDC issuer.
 * Args: `--issuer URL --ca FILE [--sub NAME] [--expires-in S] [--claimed-expires-in S] [--api-version V] [--log FILE] [--fail]`.
 */
export const execCredentialPluginScript = join(packageRoot, 'scripts', 'exec-credential-plugin.mjs');

export interface Binaries {
  etcd: string;
  kubeApiserver: string;
  kubeControllerManager: string;
}

/** Paths of the three server binaries, or `undefined` when one is missing (run `ensure`). */
export function findBinaries(): Binaries | undefined {
  const dir = binaryDir();
  const found: Binaries = {
    etcd: '/usr/bin/etcd',
    kubeApiserver: join(dir, 'kube-apiserver'),
    kubeControllerManager: join(dir, 'kube-controller-manager'),
  };
  return Object.values(found).every((p) => existsSync(p)) ? found : undefined;
}
