import { type Accessor, createEffect, on, onCleanup } from 'solid-js';
import type { PluginCatalog } from './plugin-catalog.ts';

/** Options of {@link followRegistry}. */
export interface FollowRegistryOptions {
  /** A change (navigation, another bundle) refreshes the list. */
  trigger: Accessor<unknown>;
  win: Pick<Window, 'addEventListener' | 'removeEventListener' | 'setInterval' | 'clearInterval'> & {
    document: Pick<Document, 'visibilityState'>;
  };
  /** The light poll while the tab is visible; default 15 s. */
  intervalMs?: number;
}

/**
 * Keeps the plugin list fresh so registry changes reach an open shell without a reload: the list is
 * fetched again on every navigation (and bundle change), when the window gets focus, and every 15 s
 * while the tab is visible. Each request revalidates (`no-cache`), and an unchanged answer changes
 * nothing on the page. Call inside a component; stops with its owner.
 *
 * @example
 * followRegistry(catalog, { trigger: () => [location.pathname(), choice()], win: window });
 */
export function followRegistry(catalog: PluginCatalog, options: FollowRegistryOptions): void {
  const { win } = options;
  createEffect(on(options.trigger, () => void catalog.refresh()));
  const onFocus = () => void catalog.refresh();
  win.addEventListener('focus', onFocus);
  const timer = win.setInterval(() => {
    if (win.document.visibilityState === 'visible') void catalog.refresh();
  }, options.intervalMs ?? 15_000);
  onCleanup(() => {
    win.removeEventListener('focus', onFocus);
    win.clearInterval(timer);
  });
}
