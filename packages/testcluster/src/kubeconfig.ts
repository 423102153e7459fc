import { stringify } from 'yaml';

export interface KubeconfigUser {
  name: string;
  token: string;
  namespace?: string;
}

/**
 * A kubeconfig with one cluster and one context per user, named `<user>@<cluster>`, the first user's
 * context current.
 */
export function renderKubeconfig(
  cluster: string,
  server: string,
  caPem: string,
  users: KubeconfigUser[],
): string {
  const contexts = users.map((u) => ({
    name: `${u.name}@${cluster}`,
    context: { cluster, user: `${u.name}@${cluster}`, ...(u.namespace ? { namespace: u.namespace } : {}) },
  }));
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: cluster,
        cluster: { server, 'certificate-authority-data': Buffer.from(caPem).toString('base64') },
      },
    ],
    users: users.map((u) => ({ name: `${u.name}@${cluster}`, user: { token: u.token } })),
    contexts,
    'current-context': contexts[0]?.name ?? '',
    preferences: {},
  });
}
