import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { type ClusterRegistry, createClusterRoutes, type HealthMonitor } from '../clusters/index.ts';
import type { MuxServer } from '../mux/index.ts';
import { createPluginApiRoutes, createPluginFileRoutes, type PluginRoutesOptions } from '../plugins/index.ts';
import type { ClusterProxy } from '../proxy/index.ts';
import { createAuthGate } from '../session/auth-gate.ts';
import type { AuthMode } from '../session/auth-mode.ts';
import { localAuthMode } from '../session/create-auth-mode.ts';
import type { Principal } from '../session/principal.ts';
import type { SessionCookies } from '../session/session-cookie.ts';
import { createSessionRoutes } from '../session/session-routes.ts';
import { createErrorHandler, type Log, notFoundHandler } from './errors.ts';
import { createSecurityMiddleware } from './security.ts';
import { createStaticFiles } from './static-files.ts';

/** Everything the server needs, created by `main` (or a test) and passed in. */
export interface AppDeps {
  clusters: Pick<ClusterRegistry, 'list' | 'files'>;
  /** Contexts' health probes (`/api/clusters/health`); without it not served. */
  health?: Pick<HealthMonitor, 'list' | 'check'> | undefined;
  /** Login modes: each person's health, probed with their credentials (else `health` for everyone). */
  healthFor?: ((principal: Principal) => Pick<HealthMonitor, 'list' | 'check'>) | undefined;
  /** `/clusters/{name}/...`; without it (route tests) no cluster is proxied. */
  proxy?: ClusterProxy | undefined;
  /** The multiplexer; mounts `GET /metrics`. */
  mux?: Pick<MuxServer, 'metricsRoutes'> | undefined;
  /** `GET /api/plugins` and `/plugins/{name}/...`; without it neither is served. */
  plugins?: PluginRoutesOptions | undefined;
  /** The built shell (`apps/shell/dist`); without it only the API is served. */
  shellDir?: string | undefined;
  /** Where server-side error details go; default `console.error`. */
  log?: Log | undefined;
  /** Who requests act for (`--auth`); default local mode, the kubeconfig's credentials. */
  auth?: { mode: AuthMode; sessions: SessionCookies | undefined } | undefined;
}

/**
 * Builds the Porthole server: `GET /healthz`, the API under `/api`, the shell's files for everything
 * else, and every error as a Kubernetes Status. Every request but the public ones (see
 * `createAuthGate`) is authenticated by the auth mode; its principal is what the proxy acts as.
 *
 * @example
 * const app = createApp({ clusters: await createClusterRegistry({ kubeconfigs: [path] }) });
 * const res = await app.request('/api/clusters');
 */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.onError(createErrorHandler(deps.log ?? console.error));
  app.notFound(notFoundHandler);

  // Before every route: CSRF for mutating requests, and no path that escapes its prefix.
  app.use('*', createSecurityMiddleware());
  const mode = deps.auth?.mode ?? localAuthMode;
  app.use('*', createAuthGate(mode));
  app.get('/healthz', (c) => c.text('ok'));
  mode.routes?.(app);
  app.route('/api', createSessionRoutes(mode, deps.auth?.sessions));
  app.route('/api/clusters', createClusterRoutes(deps.clusters, deps.health, deps.healthFor));
  if (deps.proxy) app.route('/clusters', deps.proxy.routes);
  if (deps.plugins) {
    app.route('/api/plugins', createPluginApiRoutes(deps.plugins));
    app.route('/plugins', createPluginFileRoutes(deps.plugins.registry));
  }
  if (deps.mux) app.route('/metrics', deps.mux.metricsRoutes);

  if (deps.shellDir) {
    // The shell's files go out compressed (gzip or deflate, as the browser accepts); registered last, so
    // proxied streams, plugin files (whose ETags name their exact bytes) and the API are never touched.
    app.use('*', compress());
    app.use('*', createStaticFiles({ root: deps.shellDir }));
  }
  return app;
}
