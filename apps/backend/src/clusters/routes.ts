import { clusterListSchema } from '@porthole/protocol';
import { Hono } from 'hono';
import type { ClusterRegistry } from './registry.ts';

/**
 * The clusters API, mounted at `/api/clusters`: `GET /` lists every context as a `ClusterSummary` as
 * the live registry sees it now, checked against the protocol schema on the way out.
 *
 * @example
 * app.route('/api/clusters', createClusterRoutes(registry));
 */
export function createClusterRoutes(registry: Pick<ClusterRegistry, 'list'>): Hono {
  const routes = new Hono();
  routes.get('/', (c) => c.json(clusterListSchema.parse(registry.list())));
  return routes;
}
