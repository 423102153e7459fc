import { type RunningBackend, startBackend } from '@porthole/backend/testing';
import { start, type TestCluster } from '@porthole/testcluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient, type HttpClient, type HttpRequest } from '../http/http-client.ts';
import { createOpenApiSchemas } from './openapi.ts';

/** The cluster's own OpenAPI (1.20: /openapi/v2 only) through the real `porthole serve`. */
describe('createOpenApiSchemas', () => {
  let cluster: TestCluster;
  let backend: RunningBackend;
  beforeAll(async () => {
    cluster = await start({ name: 'sdk-openapi', kubelet: false });
    backend = await startBackend({ kubeconfigs: [cluster.kubeconfigPath] });
  });
  afterAll(async () => {
    await backend?.stop();
    await cluster?.stop();
  });

  it('falls back to /openapi/v2 on 1.20, fetches it once, and answers lookups about a Deployment and a ConfigMap', async () => {
    const requests: HttpRequest[] = [];
    const inner = createHttpClient({ baseUrl: backend.url });
    const http: HttpClient = {
      request: (r) => {
        requests.push(r);
        return inner.request(r);
      },
    };
    const schemas = createOpenApiSchemas(http);
    const { admin } = cluster.contexts;
    expect(await schemas.source(admin, { group: 'apps', version: 'v1' })).toEqual({
      version: 'v2',
      path: '/openapi/v2',
    });
    const deployment = await schemas.kind(admin, { group: 'apps', version: 'v1', kind: 'Deployment' });
    const configMap = await schemas.kind(admin, { group: '', version: 'v1', kind: 'ConfigMap' });
    if (!deployment || !configMap) throw new Error('no schema for Deployment or ConfigMap');
    expect(requests.filter((r) => r.path.endsWith('/openapi/v2'))).toHaveLength(1);
    expect(deployment.fieldsAt(['spec']).map((f) => f.name)).toContain('replicas');
    expect(deployment.describeField(['spec', 'replicas'])?.description).toMatch(/Number of desired pods/);
    expect(deployment.fieldsAt(['spec', 'template', 'spec', 'containers', 0]).map((f) => f.name)).toContain(
      'image',
    );
    expect(
      deployment.check({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', labels: { app: 'web' } },
        spec: {
          replicas: 'x',
          replicaz: 1,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: {
              containers: [
                {
                  name: 'web',
                  image: 'nginx',
                  ports: [{ containerPort: 80 }],
                  resources: { limits: { cpu: 1, memory: '1Gi' } },
                },
              ],
            },
          },
        },
      }),
    ).toEqual([
      { path: ['spec', 'replicas'], message: 'must be an integer, not "x"' },
      { path: ['spec', 'replicaz'], message: 'unknown field "replicaz" in DeploymentSpec' },
    ]);
    expect(
      configMap.check({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'a' },
        data: { a: 'b' },
      }),
    ).toEqual([]);
  });

  it('rejects with the Status for an unknown cluster and does not cache the failure', async () => {
    const schemas = createOpenApiSchemas(createHttpClient({ baseUrl: backend.url }));
    const gvk = { group: '', version: 'v1', kind: 'Pod' };
    await expect(schemas.kind('nope', gvk)).rejects.toMatchObject({ status: { code: 404 } });
    await expect(schemas.kind('nope', gvk)).rejects.toMatchObject({ status: { code: 404 } });
  });
});
