import { getAppNames, registerApplication, start, unregisterApplication } from 'single-spa';
import { type Accessor, createEffect, createRoot } from 'solid-js';
import { parseAppPath } from '../routing/app-path.ts';
import { type PluginRouteEntry, routeFor } from '../routing/plugin-routes.ts';
import type { Shell } from '../shell-context.ts';
import { routeApplication } from './route-application.tsx';

/** Options of {@link startRootConfig}. */
export interface RootConfigOptions {
  shell: Shell;
  /** The bundle's plugin routes (from the manifests); registrations follow it. */
  routes: Accessor<readonly PluginRouteEntry[]>;
  outlet: () => HTMLElement | null;
}

/**
 * The single-spa root config: one application per plugin route, active when the URL is
 * `/c/{cluster}/{that route}` (one route owns a URL), registered and unregistered as the bundle's
 * routes change (a plugin removed from the registry is unmounted). Loaded on the first visit to a
 * plugin route, so the first screen carries no single-spa. Returns the function that stops following
 * the routes.
 *
 * @example
 * const stop = startRootConfig({ shell, routes, outlet: () => document.getElementById('plugin-outlet') });
 */
export function startRootConfig(options: RootConfigOptions): () => void {
  const { routes } = options;
  const owns = (key: string) => (location: Location) => {
    const route = parseAppPath(location.pathname);
    return route.page === 'plugin-route' && routeFor(routes(), route.rest)?.route.key === key;
  };
  const stop = createRoot((dispose) => {
    createEffect(() => {
      const current = new Map(routes().map((entry) => [entry.key, entry]));
      for (const name of getAppNames()) if (!current.has(name)) void unregisterApplication(name);
      const known = new Set(getAppNames());
      for (const [key, entry] of current) {
        if (known.has(key)) continue;
        registerApplication({
          name: key,
          app: async () => routeApplication({ ...options, entry }),
          activeWhen: owns(key),
        });
      }
    });
    return dispose;
  });
  start({ urlRerouteOnly: true });
  return stop;
}
