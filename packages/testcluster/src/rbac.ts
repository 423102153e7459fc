import type { KubeClient } from './kube-client.ts';

/** The namespace the `team-a` user may edit, and nothing else. */
export const teamNamespace = 'team-a';

/** Gives `viewer` cluster-wide read (ClusterRole `view`) and `team-a` edit rights in namespace `team-a`. */
export async function bootstrapRbac(client: KubeClient): Promise<void> {
  await client.must(
    'POST',
    '/api/v1/namespaces',
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: teamNamespace } },
    { allow: [409] },
  );
  await client.must(
    'POST',
    '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings',
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'porthole-viewer' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'viewer' }],
    },
    { allow: [409] },
  );
  await client.must(
    'POST',
    `/apis/rbac.authorization.k8s.io/v1/namespaces/${teamNamespace}/rolebindings`,
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'porthole-team-a-edit', namespace: teamNamespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'team-a' }],
    },
    { allow: [409] },
  );
}
