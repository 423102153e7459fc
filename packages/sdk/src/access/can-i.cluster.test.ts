import { type RunningBackend, startBackend } from '@porthole/backend/testing';
import { start, type TestCluster } from '@porthole/testcluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscovery } from '../http/discovery.ts';
import { createHttpClient, type HttpClient, type HttpRequest } from '../http/http-client.ts';
import { createAccessReview } from './can-i.ts';
import { findListableKinds } from './listable-kinds.ts';
import { reviewRules } from './rules-review.ts';
import { findUsableNamespaces } from './usable-namespaces.ts';

/**
 * canI through the real `porthole serve` against a real API server with RBAC (admin, a read-only viewer,
 * and team-a, who may edit only namespace team-a).
 */
describe('createAccessReview', () => {
  let cluster: TestCluster;
  let backend: RunningBackend;
  beforeAll(async () => {
    cluster = await start({ name: 'sdk-can-i', kubelet: false });
    backend = await startBackend({ kubeconfigs: [cluster.kubeconfigPath] });
  });
  afterAll(async () => {
    await backend?.stop();
    await cluster?.stop();
  });

  it('says what the admin and the viewer may do, and asks the cluster once per answer while cached', async () => {
    const requests: HttpRequest[] = [];
    const inner = createHttpClient({ baseUrl: backend.url });
    const http: HttpClient = {
      request: (request) => {
        requests.push(request);
        return inner.request(request);
      },
    };
    let now = 0;
    const access = createAccessReview(http, { ttlMs: 1000, now: () => now });
    const { admin, viewer } = cluster.contexts;
    await expect(access.canI(admin, 'update', 'configmaps', 'default')).resolves.toMatchObject({
      allowed: true,
    });
    await expect(access.canI(viewer, 'get', 'configmaps', 'default')).resolves.toMatchObject({
      allowed: true,
    });
    const denied = await access.canI(viewer, 'update', 'deployments.apps', 'default');
    expect(denied.allowed).toBe(false);
    expect(denied.explanation).toBe('you may not update deployments.apps in namespace default');
    expect(requests).toHaveLength(3);
    await access.canI(viewer, 'update', 'deployments.apps', 'default');
    expect(requests).toHaveLength(3);
    now = 1001;
    await access.canI(viewer, 'update', 'deployments.apps', 'default');
    expect(requests).toHaveLength(4);
  });

  it('rejects with the Status for a cluster that does not exist, and does not cache the failure', async () => {
    const access = createAccessReview(createHttpClient({ baseUrl: backend.url }));
    await expect(access.canI('no-such-cluster', 'get', 'pods')).rejects.toMatchObject({
      status: { code: 404 },
    });
    await expect(access.canI('no-such-cluster', 'get', 'pods')).rejects.toMatchObject({
      status: { code: 404 },
    });
  });

  it('finds the namespaces a person may list a kind in, on the 1.20 API server, one review each', async () => {
    const access = createAccessReview(createHttpClient({ baseUrl: backend.url }));
    const candidates = ['kube-system', 'team-a', 'default', 'team-a'];
    const { admin, viewer } = cluster.contexts;
    const teamA = cluster.contexts['team-a'];
    const usable = (c: string, target: string) =>
      findUsableNamespaces({ access, cluster: c, candidates, target });
    await expect(usable(teamA, 'pods')).resolves.toEqual(['team-a']);
    await expect(usable(teamA, 'secrets')).resolves.toEqual(['team-a']);
    await expect(usable(teamA, 'cronjobs.batch')).resolves.toEqual(['team-a']);
    // ClusterRole view reads pods everywhere but never Secrets.
    await expect(usable(viewer, 'pods')).resolves.toEqual(['default', 'kube-system', 'team-a']);
    await expect(usable(viewer, 'secrets')).resolves.toEqual([]);
    await expect(usable(admin, 'secrets')).resolves.toEqual(['default', 'kube-system', 'team-a']);
  });

  it('finds the kinds each person may list, by discovery and rules reviews on the 1.20 API server', async () => {
    const requests: HttpRequest[] = [];
    const inner = createHttpClient({ baseUrl: backend.url });
    const http: HttpClient = {
      request: (request) => {
        requests.push(request);
        return inner.request(request);
      },
    };
    const access = createAccessReview(http);
    const { admin, viewer } = cluster.contexts;
    const teamA = cluster.contexts['team-a'];
    const served = await createDiscovery(inner).resources(admin);
    const pick = ['pods', 'secrets', 'deployments', 'nodes', 'namespaces', 'clusterroles', 'roles'];
    const kinds = served.filter((r) => r.preferred && pick.includes(r.resource));
    const listable = async (c: string, namespace: string) =>
      (
        await findListableKinds({
          access,
          rules: (ns) => reviewRules(http, c, ns),
          cluster: c,
          namespace,
          kinds,
        })
      )
        .map((k) => k.resource)
        .sort();
    // team-a edits its namespace (ClusterRole edit: no Roles) and may list nothing cluster-wide.
    await expect(listable(teamA, 'team-a')).resolves.toEqual(['deployments', 'pods', 'secrets']);
    await expect(listable(teamA, 'default')).resolves.toEqual([]);
    await expect(listable(teamA, '')).resolves.toEqual([]);
    // ClusterRole view everywhere: no Secrets, no RBAC objects, no nodes; namespaces yes.
    await expect(listable(viewer, '')).resolves.toEqual(['deployments', 'namespaces', 'pods']);
    // The admin: one review, nothing more.
    const before = requests.length;
    await expect(listable(admin, '')).resolves.toEqual([...pick].sort());
    expect(requests.length - before).toBe(1);
    // kubectl agrees for team-a (a second real client as the oracle is in the e2e; here RBAC's own answer).
    const secretsWide = await access.canI(teamA, 'list', 'secrets');
    expect(secretsWide.allowed).toBe(false);
  });
});
