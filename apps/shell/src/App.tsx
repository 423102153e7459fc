import { createAccessReview, createClusters, PortholeContext } from '@porthole/sdk';
import { applyTheme, LoadingState, namespaceNameError, Toaster } from '@porthole/ui';
import {
  createEffect,
  createMemo,
  createSignal,
  lazy,
  Match,
  onCleanup,
  onMount,
  Show,
  Suspense,
  Switch,
  untrack,
} from 'solid-js';
import { ContextRemoved } from './clusters/ContextRemoved.tsx';
import { Nav } from './layout/Nav.tsx';
import { buildSidebar, customSection } from './layout/sidebar-groups.ts';
import { createSidebarKinds } from './layout/sidebar-kinds.ts';
import { rememberCluster } from './layout/switcher-order.ts';
import { TopBar } from './layout/TopBar.tsx';
import { createThemeChoice } from './layout/theme-choice.ts';
import { ClusterHome } from './pages/ClusterHome.tsx';
import { NotFound } from './pages/NotFound.tsx';
import { RootPage } from './pages/RootPage.tsx';
import { followRegistry } from './plugins/follow-registry.ts';
import { reasonOf } from './plugins/plugin-load-result.ts';
import { appLinkOf } from './routing/app-location.ts';
import { clusterHref, clusterOf, parseAppPath, switchClusterHref } from './routing/app-path.ts';
import { navSections, pluginRoutes, routeFor } from './routing/plugin-routes.ts';
import { readStoredList } from './services/stored-list.ts';
import { type Shell, ShellContext } from './shell-context.ts';

// The resource pages are not on the first screen: their code (and the virtual list) loads on first use.
const resourcePages = () => import('./resources/index.ts');
const ResourceIndexPage = lazy(() => resourcePages().then((m) => ({ default: m.ResourceIndexPage })));
const ResourceListPage = lazy(() => resourcePages().then((m) => ({ default: m.ResourceListPage })));
const ResourceDetailPage = lazy(() => resourcePages().then((m) => ({ default: m.ResourceDetailPage })));
const PluginsPage = lazy(() => import('./pages/PluginsPage.tsx').then((m) => ({ default: m.PluginsPage })));
const UiGallery = lazy(() => import('./pages/gallery/UiGallery.tsx').then((m) => ({ default: m.UiGallery })));
// "Go to anything" loads on its first Ctrl/Cmd-K.
const GoToAnything = lazy(() => import('./palette/GoToAnything.tsx'));

/** What the shell needs from outside, passed in by `bootstrap` (or a test). */
export interface AppProps {
  shell: Shell;
  /** Where the last used cluster, the theme and the sidebar's folds are remembered (`localStorage`), if anywhere. */
  storage?: Pick<Storage, 'getItem' | 'setItem'> | undefined;
}

const clusterKey = 'porthole.cluster';
const recentKey = 'porthole.recentClusters';

/**
 * The whole page: top bar, navigation from the plugins' routes, and the content area, where the
 * shell's pages render and plugin routes mount (single-spa applications, each its own Solid root).
 *
 * @example
 * render(() => <App shell={shell} storage={localStorage} />, root);
 */
export function App(props: AppProps) {
  const { shell } = props;
  const { location, plugins, services } = shell;
  const route = createMemo(() => parseAppPath(location.pathname()));
  const cluster = createMemo(() => clusterOf(route()));
  const clusters = createClusters(services.mux);
  const routes = createMemo(() => pluginRoutes(plugins.manifests()), [], {
    equals: (a, b) =>
      a.length === b.length && a.every((r, i) => r.key === b[i]?.key && r.title === b[i]?.title),
  });
  const pluginRoute = createMemo(() => {
    const r = route();
    return r.page === 'plugin-route' ? routeFor(routes(), r.rest) : undefined;
  });
  // A context of the URL that the live list no longer has: every page of it says so (generic for the
  // shell's pages and plugin routes alike). `seen` tells a removed context from a mistyped one.
  const seen = new Set<string>();
  const missing = createMemo(() => {
    const c = cluster();
    const items = clusters.items();
    const wasSeen = c !== undefined && seen.has(c);
    for (const item of items) seen.add(item.name);
    if (c === undefined || clusters.status() !== 'live' || items.some((i) => i.name === c)) return undefined;
    return { name: c, removed: wasSeen };
  });
  const contextsHref = () => {
    const other = clusters.items().find((c) => !c.error)?.name;
    if (other === undefined) return '/';
    return routes().some((r) => r.path === 'contexts') ? clusterHref(other, 'contexts') : clusterHref(other);
  };
  // Registry changes reach this tab on navigation, on focus and by a light poll.
  followRegistry(plugins.catalog, {
    trigger: () => `${location.pathname()}${location.search()}`,
    win: window,
  });
  let remembered: string | undefined;
  try {
    remembered = props.storage?.getItem(clusterKey) ?? undefined;
  } catch {
    remembered = undefined;
  }
  const [recentClusters, setRecentClusters] = createSignal(readStoredList(props.storage, recentKey));
  createEffect(() => {
    const c = cluster();
    if (c === undefined) return;
    const recent = rememberCluster(untrack(recentClusters), c);
    setRecentClusters(recent);
    try {
      props.storage?.setItem(clusterKey, c);
      props.storage?.setItem(recentKey, JSON.stringify(recent));
    } catch {
      // Not remembered; the URL still carries the cluster.
    }
  });

  // single-spa and the route applications load on the first visit to a plugin route.
  let outlet: HTMLDivElement | undefined;
  let started = false;
  let stop: (() => void) | undefined;
  const [runtimeError, setRuntimeError] = createSignal<string>();
  createEffect(() => {
    if (route().page !== 'plugin-route' || started) return;
    started = true;
    import('./single-spa/root-config.ts').then(
      (m) => {
        stop = m.startRootConfig({ shell, routes, outlet: () => outlet ?? null });
      },
      (err: unknown) => {
        started = false;
        setRuntimeError(`could not load the plugin runtime: ${reasonOf(err)}`);
      },
    );
  });
  onCleanup(() => stop?.());

  const onClick = (event: MouseEvent) => {
    const path = appLinkOf(event, window.location.origin);
    if (!path) return;
    event.preventDefault();
    location.navigate(path);
  };
  const pluginsHref = () => {
    const c = cluster();
    return c === undefined ? '/bundle' : clusterHref(c, 'plugins');
  };
  const pickBundle = (bundle: string) => {
    const params = new URLSearchParams(location.search());
    params.set('bundle', bundle);
    location.navigate(`${location.pathname()}?${params}`);
  };
  // `?namespace=` starts a list in that namespace; what can't be a namespace name is ignored.
  const namespaceInUrl = (search: string) => {
    const value = new URLSearchParams(search).get('namespace') ?? '';
    return value && !namespaceNameError(value) ? value : undefined;
  };
  const listProps = () => {
    const r = route();
    return r.page === 'resource-list' ? r : undefined;
  };
  const detailProps = () => {
    const r = route();
    return r.page === 'resource-detail' ? r : undefined;
  };

  const theme = createThemeChoice({
    apply: applyTheme,
    storage: props.storage,
    matchMedia: typeof window.matchMedia === 'function' ? (q) => window.matchMedia(q) : undefined,
  });
  // The sidebar: the kinds the person may list in the cluster's namespace choice, and the plugins' routes.
  const access = createAccessReview(services.http);
  // The context's namespace, once the cluster list is known (`default` when it names none).
  const home = createMemo(() => {
    if (clusters.status() === 'loading') return undefined;
    const c = cluster();
    return clusters.items().find((item) => item.name === c)?.namespace || 'default';
  });
  const sidebar = createSidebarKinds({ discovery: services.discovery, http: services.http, access }, () => {
    const c = cluster() ?? '';
    return { cluster: c, namespace: shell.namespaces.of(c), home: home() };
  });
  const sidebarSections = createMemo(() => {
    const state = sidebar.state();
    return buildSidebar(cluster() ?? '', state.status === 'ready' ? state.kinds : [], navSections(routes()));
  });
  const [palette, setPalette] = createSignal(false);
  onMount(() => {
    const onKey = (event: KeyboardEvent) => {
      if (
        event.key.toLowerCase() !== 'k' ||
        !(event.ctrlKey || event.metaKey) ||
        event.altKey ||
        event.shiftKey
      )
        return;
      if (cluster() === undefined) return;
      event.preventDefault();
      setPalette(true);
    };
    document.addEventListener('keydown', onKey);
    onCleanup(() => document.removeEventListener('keydown', onKey));
  });
  const paletteKinds = () => {
    const state = sidebar.state();
    if (state.status !== 'ready') return { kinds: [], namespace: '' };
    return {
      kinds: state.kinds.filter((k) => k.section !== customSection && k.resource !== 'events'),
      namespace: state.namespace,
    };
  };

  return (
    <ShellContext.Provider value={shell}>
      <PortholeContext.Provider value={shell.porthole}>
        <Toaster toasts={shell.toasts}>
          {/* biome-ignore lint/a11y/noStaticElementInteractions: delegates clicks on the links inside. */}
          {/* biome-ignore lint/a11y/useKeyWithClickEvents: links are activated by the keyboard as clicks. */}
          <div class="app" onClick={onClick}>
            <TopBar
              clusters={clusters}
              cluster={cluster()}
              recentClusters={recentClusters()}
              bundle={plugins.catalog.manifest()}
              pluginsHref={pluginsHref()}
              onPickCluster={(c) => location.navigate(switchClusterHref(location.pathname(), c))}
              onPickBundle={pickBundle}
              http={shell.services.http}
              theme={theme.choice()}
              onPickTheme={theme.choose}
              onGoTo={cluster() === undefined ? undefined : () => setPalette(true)}
            />
            <Show when={palette() && cluster()}>
              {(c) => (
                <Suspense>
                  <GoToAnything
                    cluster={c()}
                    {...paletteKinds()}
                    clusters={clusters.items()}
                    clusterHref={(other) => switchClusterHref(location.pathname(), other)}
                    onClose={() => setPalette(false)}
                    onOpen={(href) => {
                      setPalette(false);
                      location.navigate(href);
                    }}
                  />
                </Suspense>
              )}
            </Show>
            <div class="body">
              <Show when={cluster()}>
                {(c) => (
                  <Nav
                    cluster={c()}
                    sections={sidebarSections()}
                    kinds={sidebar.state()}
                    onRetry={sidebar.retry}
                    pathname={location.pathname()}
                    storage={props.storage}
                  />
                )}
              </Show>
              <main class="content">
                <Suspense fallback={<LoadingState what="the page" />}>
                  <Switch>
                    <Match when={missing()}>
                      {(m) => (
                        <ContextRemoved name={m().name} removed={m().removed} contextsHref={contextsHref()} />
                      )}
                    </Match>
                    <Match when={route().page === 'root'}>
                      <RootPage
                        clusters={clusters}
                        remembered={remembered}
                        open={(c) => location.navigate(clusterHref(c), { replace: true })}
                      />
                    </Match>
                    <Match when={route().page === 'cluster-home' && cluster()}>
                      {(c) => <ClusterHome cluster={c()} clusters={clusters} plugins={plugins} />}
                    </Match>
                    <Match when={route().page === 'ui-gallery'}>
                      <UiGallery />
                    </Match>
                    <Match when={route().page === 'plugins'}>
                      <PluginsPage plugins={plugins} />
                    </Match>
                    <Match when={route().page === 'resource-index' && cluster()}>
                      {(c) => <ResourceIndexPage cluster={c()} />}
                    </Match>
                    <Match when={listProps()}>
                      {(r) => (
                        <ResourceListPage
                          cluster={r().cluster}
                          group={r().group}
                          version={r().version}
                          resource={r().resource}
                          namespace={untrack(() => namespaceInUrl(location.search()))}
                        />
                      )}
                    </Match>
                    <Match when={detailProps()}>
                      {(r) => (
                        <ResourceDetailPage
                          cluster={r().cluster}
                          group={r().group}
                          version={r().version}
                          resource={r().resource}
                          namespace={r().namespace}
                          name={r().name}
                        />
                      )}
                    </Match>
                    <Match when={route().page === 'plugin-route' && !pluginRoute()}>
                      <Show when={plugins.catalog.manifest()} fallback={<LoadingState what="plugins" />}>
                        <NotFound path={location.pathname()} home={clusterHref(cluster() ?? '')} />
                      </Show>
                    </Match>
                    <Match when={route().page === 'not-found'}>
                      <NotFound path={location.pathname()} home="/" />
                    </Match>
                  </Switch>
                </Suspense>
                <Show when={runtimeError()}>
                  {(error) => (
                    <p class="banner banner-error" role="alert">
                      {error()}
                    </p>
                  )}
                </Show>
                {/* Plugin routes mount here (single-spa); hidden while a shell page is shown. */}
                <div
                  id="plugin-outlet"
                  class="plugin-outlet"
                  ref={outlet}
                  hidden={!pluginRoute() || missing() !== undefined}
                />
              </main>
            </div>
          </div>
        </Toaster>
      </PortholeContext.Provider>
    </ShellContext.Provider>
  );
}
