import { Hono } from 'hono';
import { type ClusterRegistry, createClusterRoutes } from '../clusters/index.ts';
import { createErrorHandler, type Log, notFoundHandler } from './errors.ts';
import { createStaticFiles } from './static-files.ts';

/** Everything the server needs, created by `main` (or a test) and passed in. */
export interface AppDeps {
  clusters: ClusterRegistry;
  /** The built shell (`apps/shell/dist`); without it only the API is served. */
  shellDir?: string | undefined;
  /** Where server-side error details go; default `console.error`. */
  log?: Log | undefined;
}

/**
 * Builds the Porthole server: `GET /healthz`, the API under `/api`, the shell's files for everything
 * else, and every error as a Kubernetes Status.
 *
 * @example
 * const app = createApp({ clusters: await createClusterRegistry({ kubeconfigs: [path] }) });
 * const res = await app.request('/api/clusters');
 */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.onError(createErrorHandler(deps.log ?? console.error));
  app.notFound(notFoundHandler);

  app.get('/healthz', (c) => c.text('ok'));
  app.route('/api/clusters', createClusterRoutes(deps.clusters));

  if (deps.shellDir) app.use('*', createStaticFiles({ root: deps.shellDir }));
  return app;
}
