import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';

const run = promisify(execFile);

/** The repository's `deploy/` folder. */
export const deployDir = fileURLToPath(new URL('..', import.meta.url));

/** The auth modes that have an overlay, `deploy/overlays/<mode>`. */
export const modes = ['oidc', 'proxy', 'token'] as const;
export type Mode = (typeof modes)[number];

/** A Kubernetes object as rendered (only the fields these tests read are typed). */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

/** The kinds that make up a service account's rights. */
export const rbacKinds = ['ServiceAccount', 'Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'];

/** Runs kubectl (`/usr/bin/kubectl`, 1.32, with kustomize v5 built in); rejects with its stderr. */
export async function kubectl(
  args: readonly string[],
  input?: string,
): Promise<{ stdout: string; stderr: string }> {
  if (input === undefined) return run('kubectl', [...args], { maxBuffer: 16 << 20 });
  return new Promise((resolve, reject) => {
    const child = execFile('kubectl', [...args], { maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (err) reject(Object.assign(err, { stdout, stderr }));
      else resolve({ stdout, stderr });
    });
    child.stdin?.end(input);
  });
}

/** Parses a multi-document YAML stream into objects, skipping empty documents. */
export function parseManifests(text: string): Manifest[] {
  return parseAllDocuments(text)
    .map((doc) => doc.toJS() as Manifest | null)
    .filter((m): m is Manifest => m !== null);
}

/** Where to render an overlay: the overlay as it is, or wrapped to add components or move it. */
export interface OverlayOptions {
  /** Components of `deploy/components/` to add, e.g. `k8s-1.20`. */
  components?: string[];
  /** Move every namespaced object, and the service-account subjects of bindings, to this namespace. */
  namespace?: string;
}

/**
 * Writes a throwaway kustomization that wraps `deploy/overlays/<mode>` (kustomize wants relative
 * paths) and hands its folder to `use`; the folder is removed afterwards.
 *
 * @example
 * await withOverlay('proxy', { components: ['k8s-1.20'] }, (dir) => kubectl(['apply', '-k', dir, '--dry-run=server']));
 */
export async function withOverlay<T>(
  mode: Mode,
  options: OverlayOptions,
  use: (dir: string) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), `porthole-deploy-${mode}-`));
  const up = relative(dir, deployDir);
  const lines = [
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    'resources:',
    `  - ${join(up, 'overlays', mode)}`,
  ];
  if (options.components?.length) {
    lines.push('components:');
    for (const c of options.components) lines.push(`  - ${join(up, 'components', c)}`);
  }
  if (options.namespace) {
    // The `namespace:` field leaves binding subjects alone; this transformer moves them too.
    lines.push(
      'transformers:',
      '  - |-',
      '    apiVersion: builtin',
      '    kind: NamespaceTransformer',
      '    metadata:',
      '      name: throwaway',
      `      namespace: ${options.namespace}`,
      '    setRoleBindingSubjects: allServiceAccounts',
      '    unsetOnly: false',
    );
  }
  await writeFile(join(dir, 'kustomization.yaml'), `${lines.join('\n')}\n`);
  try {
    return await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `kubectl kustomize` of `deploy/overlays/<mode>` (wrapped when `options` asks), parsed. */
export async function renderOverlay(mode: Mode, options: OverlayOptions = {}): Promise<Manifest[]> {
  const render = async (dir: string) => parseManifests((await kubectl(['kustomize', dir])).stdout);
  if (!options.components?.length && !options.namespace) return render(join(deployDir, 'overlays', mode));
  return withOverlay(mode, options, render);
}
