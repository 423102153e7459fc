import {
  clusterListSchema,
  contextHealthListSchema,
  healthCheckRequestSchema,
  kubeconfigFileListSchema,
  StatusError,
} from '@porthole/protocol';
import { Hono } from 'hono';
import type { Principal } from '../session/principal.ts';
import type { HealthMonitor } from './health-monitor.ts';
import type { ClusterRegistry } from './registry.ts';

/**
 * The clusters API, mounted at `/api/clusters`: `GET /` lists every context as a `ClusterSummary` as
 * the live registry sees it now, `GET /files` every kubeconfig file's state, and with a health monitor
 * `GET /health` every context's last probe (`checking` until its first) and `POST /health/check`
 * (`{ names? }`) to probe again now. With `healthFor`, the health is the request's principal's (probed
 * with their credentials). Answers are checked against the protocol schema on the way out.
 *
 * @example
 * app.route('/api/clusters', createClusterRoutes(registry, health));
 */
export function createClusterRoutes(
  registry: Pick<ClusterRegistry, 'list' | 'files'>,
  health?: Pick<HealthMonitor, 'list' | 'check'>,
  healthFor?: (principal: Principal) => Pick<HealthMonitor, 'list' | 'check'>,
): Hono<{ Variables: { principal?: Principal } }> {
  const routes = new Hono<{ Variables: { principal?: Principal } }>();
  routes.get('/', (c) => c.json(clusterListSchema.parse(registry.list())));
  routes.get('/files', (c) => c.json(kubeconfigFileListSchema.parse(registry.files())));
  if (!health) return routes;
  const monitorOf = (principal: Principal | undefined) =>
    healthFor && principal ? healthFor(principal) : health;
  routes.get('/health', (c) => c.json(contextHealthListSchema.parse(monitorOf(c.get('principal')).list())));
  routes.post('/health/check', async (c) => {
    const monitor = monitorOf(c.get('principal'));
    const refuse = () =>
      c.json(StatusError.badRequest('the body must be JSON: { "names"?: string[] }').status, 400);
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return refuse();
    }
    const parsed = healthCheckRequestSchema.safeParse(body);
    if (!parsed.success) return refuse();
    monitor.check(parsed.data.names);
    return c.json(contextHealthListSchema.parse(monitor.list()), 202);
  });
  return routes;
}
