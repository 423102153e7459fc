import { sdkVersion } from '@porthole/sdk';
import { createToasts, namespaceNameError } from '@porthole/ui';
import { createMemo } from 'solid-js';
import { type BundleStorage, bundleChoiceOf, forgetBundle } from './plugins/bundle-choice.ts';
import { createPluginCatalog } from './plugins/plugin-catalog.ts';
import { createPluginHost } from './plugins/plugin-host.ts';
import { createPluginLoader, onceUntilFailure } from './plugins/plugin-loader.ts';
import { createAppLocation } from './routing/app-location.ts';
import { clusterOf, parseAppPath } from './routing/app-path.ts';
import { createNamespaceChoice } from './services/namespace-choice.ts';
import { createPorthole, createPortholeServices } from './services/porthole-services.ts';
import type { Shell } from './shell-context.ts';

/** What {@link createShell} takes from the page. */
export interface CreateShellOptions {
  win: Window;
  fetch: typeof fetch;
  /** Where the bundle and namespace choices are remembered (`localStorage`). */
  storage: BundleStorage | undefined;
}

/**
 * Creates everything the shell shares, once per tab (call inside a Solid root): the SDK services (one
 * multiplexer socket), the location, the plugin catalog, loader and host, and the Porthole value given
 * to every page and plugin. The Module Federation runtime API and the semver code are imported on the
 * first plugin load, not before.
 *
 * @example
 * render(() => <App shell={createShell({ win: window, fetch, storage: localStorage })} />, root);
 */
export function createShell(options: CreateShellOptions): Shell {
  const { win, storage } = options;
  const fetchFn: typeof fetch = (input, init) => options.fetch(input, init);
  const services = createPortholeServices({ fetch: fetchFn });
  const location = createAppLocation(win);
  const choice = createMemo(() => bundleChoiceOf(location.search(), storage), undefined, {
    equals: (a, b) => a.bundle === b.bundle && a.dev.join('\n') === b.dev.join('\n'),
  });
  const catalog = createPluginCatalog({
    fetch: fetchFn,
    choice,
    onUnknownBundle: () => forgetBundle(storage),
  });
  const loader = createPluginLoader({
    sdkVersion,
    fetch: fetchFn,
    remotes: onceUntilFailure(() => import('./plugins/federation.ts').then((m) => m.createRemoteLoader())),
    sdkMismatch: onceUntilFailure(() => import('./plugins/sdk-range.ts').then((m) => m.sdkMismatch)),
  });
  const plugins = createPluginHost(catalog, loader, { events: win });
  const cluster = createMemo(() => clusterOf(parseAppPath(location.pathname())) ?? '');
  const porthole = createPorthole(services, {
    cluster,
    navigate: (path) => location.navigate(path),
    extensions: (point) => plugins.extensions(point),
  });
  return {
    services,
    location,
    plugins,
    porthole,
    toasts: createToasts(),
    namespaces: createNamespaceChoice(storage, (value) => !namespaceNameError(value)),
  };
}
