import { spawn } from 'node:child_process';
import { type Binaries, ensureScript, findBinaries } from './paths.ts';

/**
 * Makes sure etcd, kube-apiserver and kube-controller-manager are on this machine: returns at once when
 * they are cached, otherwise installs Debian's packages and builds Kubernetes from Debian's source package
 * (minutes; progress goes to stderr). Rejects with the script's reason when it can't (not Debian, not root).
 *
 * @example
 * const binaries = await ensure();
 */
export async function ensure(): Promise<Binaries> {
  const cached = findBinaries();
  if (cached) return cached;
  await new Promise<void>((resolve, reject) => {
    const child = spawn('bash', [ensureScript], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`building the test cluster binaries failed (exit ${code}); see the output above`)),
    );
  });
  const built = findBinaries();
  if (!built) throw new Error('the ensure script finished but the binaries are still missing');
  return built;
}
