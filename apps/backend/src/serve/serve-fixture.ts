/**
 * Test support for serve.cluster.test.ts: a kubeconfig written the way a user would write one.
 */
import { rename, writeFile } from 'node:fs/promises';
import { stringify } from 'yaml';

export interface KubeconfigEntries {
  clusters: Record<string, { server: string; caPem: string }>;
  users: Record<string, Record<string, unknown>>;
  contexts: Record<string, { cluster: string; user: string; namespace?: string }>;
}

/** Writes a kubeconfig atomically (temp file + rename), as editors and kubectl do. */
export async function writeKubeconfig(path: string, entries: KubeconfigEntries): Promise<void> {
  const text = stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: Object.entries(entries.clusters).map(([name, c]) => ({
      name,
      cluster: { server: c.server, 'certificate-authority-data': Buffer.from(c.caPem).toString('base64') },
    })),
    users: Object.entries(entries.users).map(([name, user]) => ({ name, user })),
    contexts: Object.entries(entries.contexts).map(([name, context]) => ({ name, context })),
    'current-context': Object.keys(entries.contexts)[0],
  });
  await writeFile(`${path}.tmp`, text);
  await rename(`${path}.tmp`, path);
}
