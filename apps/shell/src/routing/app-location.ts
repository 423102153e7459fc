import { type Accessor, createSignal } from 'solid-js';

/** The address bar as Solid signals, and the one way the shell changes it. */
export interface AppLocation {
  pathname: Accessor<string>;
  /** `?bundle=...&dev=...`, with the `?`, or `''`. */
  search: Accessor<string>;
  /**
   * Goes to an app path (`/c/prod/r/core/v1/pods`), keeping the query unless `path` has its own.
   * single-spa (once started) sees the pushState and mounts/unmounts the plugin routes.
   */
  navigate(path: string, options?: { replace?: boolean }): void;
  /** Stops listening to the window. */
  dispose(): void;
}

/** The part of `window` the location needs (a test passes a fresh JSDOM-free stand-in). */
export type LocationWindow = Pick<
  Window,
  'addEventListener' | 'removeEventListener' | 'location' | 'history'
>;

/**
 * Follows the window's URL: back/forward (`popstate`, which single-spa also fires after its patched
 * pushState) and the shell's own {@link AppLocation.navigate}.
 *
 * @example
 * const location = createAppLocation(window);
 * createEffect(() => console.log(location.pathname()));
 * location.navigate('/c/prod/plugins');
 */
export function createAppLocation(win: LocationWindow): AppLocation {
  const [pathname, setPathname] = createSignal(win.location.pathname);
  const [search, setSearch] = createSignal(win.location.search);
  const sync = () => {
    setPathname(win.location.pathname);
    setSearch(win.location.search);
  };
  win.addEventListener('popstate', sync);
  return {
    pathname,
    search,
    navigate(path, options) {
      const url = new URL(path, win.location.href);
      if (!path.includes('?')) url.search = win.location.search;
      const target = `${url.pathname}${url.search}${url.hash}`;
      const current = `${win.location.pathname}${win.location.search}${win.location.hash}`;
      if (target !== current) {
        if (options?.replace) win.history.replaceState(null, '', target);
        else win.history.pushState(null, '', target);
      }
      sync();
    },
    dispose: () => win.removeEventListener('popstate', sync),
  };
}

/**
 * A click the shell should handle itself: a plain left click on a same-origin link without a target.
 * Returns the app path to navigate to, or `undefined` to let the browser do it.
 */
export function appLinkOf(event: MouseEvent, origin: string): string | undefined {
  if (event.defaultPrevented || event.button !== 0) return undefined;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return undefined;
  const anchor = (event.target as Element | null)?.closest?.('a');
  if (!anchor || anchor.target || anchor.hasAttribute('download')) return undefined;
  const href = anchor.getAttribute('href');
  if (!href || href.startsWith('#')) return undefined;
  const url = new URL(anchor.href, origin);
  if (url.origin !== origin) return undefined;
  // Files the backend serves itself are real navigations, not pages of the shell.
  if (/^\/(api|plugins\/[^/]+\/|clusters\/[^/]+\/|ws$|metrics$|healthz$)/.test(url.pathname))
    return undefined;
  return `${url.pathname}${url.search}${url.hash}`;
}
