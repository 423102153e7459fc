import { PortholeContext, type RouteExtension } from '@porthole/sdk';
import { ToastContext } from '@porthole/ui';
import type { LifeCycles } from 'single-spa';
import { render } from 'solid-js/web';
import { LazyView } from '../extensions/LazyView.tsx';
import { PluginErrorCard } from '../extensions/PluginErrorCard.tsx';
import { PluginSlot } from '../extensions/PluginSlot.tsx';
import { parseAppPath } from '../routing/app-path.ts';
import { type PluginRouteEntry, routeFor } from '../routing/plugin-routes.ts';
import { createScopedMux } from '../services/scoped-mux.ts';
import { type Shell, ShellContext } from '../shell-context.ts';

/** What a route application needs from the root config. */
export interface RouteApplicationOptions {
  shell: Shell;
  entry: PluginRouteEntry;
  /** The current routes, to read this route's `:params` from the URL. */
  routes: () => readonly PluginRouteEntry[];
  /** The element plugin routes mount into (the layout's content area). */
  outlet: () => HTMLElement | null;
}

/** The page of one plugin route: loads the plugin, finds the route in its code, renders its component. */
function RouteView(props: {
  shell: Shell;
  entry: PluginRouteEntry;
  routes: () => readonly PluginRouteEntry[];
}) {
  const route = () => parseAppPath(props.shell.location.pathname());
  const cluster = () => {
    const r = route();
    return 'cluster' in r && r.cluster !== undefined ? r.cluster : '';
  };
  const params = () => {
    const r = route();
    return (r.page === 'plugin-route' ? routeFor(props.routes(), r.rest)?.params : undefined) ?? {};
  };
  const what = `the page "${props.entry.title}"`;
  return (
    <PluginSlot plugin={props.entry.plugin} what={what}>
      {(plugin) => {
        const extension = plugin.extensions.find(
          (e): e is RouteExtension => e.type === 'route' && (e as RouteExtension).path === props.entry.path,
        );
        if (!extension)
          return (
            <PluginErrorCard
              plugin={props.entry.plugin}
              what={what}
              reason={`its code has no route "${props.entry.path}" although its manifest lists one`}
            />
          );
        return (
          <LazyView
            plugin={props.entry.plugin}
            what={what}
            load={extension.component}
            props={{
              get cluster() {
                return cluster();
              },
              get params() {
                return params();
              },
            }}
          />
        );
      }}
    </PluginSlot>
  );
}

/**
 * The single-spa lifecycles of one plugin route. `mount` renders a Solid root (the plugin's page inside
 * its error boundary, with the Porthole context) into a fresh element in the outlet and keeps its
 * `dispose`; `unmount` disposes it — every effect and `onCleanup` of the plugin runs — and then ends any
 * multiplexer subscription the plugin opened and left open, so nothing it watched outlives its page.
 *
 * @example
 * registerApplication({ name: entry.key, app: async () => routeApplication({ shell, entry, routes, outlet }), activeWhen });
 */
export function routeApplication(options: RouteApplicationOptions): LifeCycles {
  const { shell, entry } = options;
  let mounted: { element: HTMLElement; dispose: () => void; closeAll: () => void } | undefined;
  return {
    bootstrap: async () => {},
    mount: async () => {
      const outlet = options.outlet();
      if (!outlet) throw new Error(`no outlet to mount ${entry.key} into`);
      const element = document.createElement('div');
      element.className = 'plugin-route';
      element.dataset.testid = 'plugin-route';
      element.dataset.plugin = entry.plugin;
      outlet.append(element);
      const scope = createScopedMux(shell.services.mux);
      const porthole = { ...shell.porthole, mux: scope.client };
      const dispose = render(
        () => (
          <ShellContext.Provider value={{ ...shell, porthole }}>
            <PortholeContext.Provider value={porthole}>
              <ToastContext.Provider value={shell.toasts}>
                <RouteView shell={shell} entry={entry} routes={options.routes} />
              </ToastContext.Provider>
            </PortholeContext.Provider>
          </ShellContext.Provider>
        ),
        element,
      );
      mounted = { element, dispose, closeAll: scope.closeAll };
    },
    unmount: async () => {
      const current = mounted;
      mounted = undefined;
      if (!current) return;
      try {
        current.dispose();
      } finally {
        current.closeAll();
        current.element.remove();
      }
    },
  };
}
