import type { Porthole } from '@porthole/sdk';
import type { Toasts } from '@porthole/ui';
import { createContext, useContext } from 'solid-js';
import type { PluginHost } from './plugins/plugin-host.ts';
import type { AppLocation } from './routing/app-location.ts';
import type { NamespaceChoice } from './services/namespace-choice.ts';
import type { PortholeServices } from './services/porthole-services.ts';

/** What the shell's own components share (plugins see only {@link Porthole}, through `PortholeContext`). */
export interface Shell {
  services: PortholeServices;
  location: AppLocation;
  plugins: PluginHost;
  /** The value every plugin root and page gets as `PortholeContext`. */
  porthole: Porthole;
  /** The page's toasts (`useToasts()` of the kit), shown by the shell's `Toaster`, given to plugin roots too. */
  toasts: Toasts;
  /** The namespace chosen per cluster, shared by the list pages and the sidebar, remembered. */
  namespaces: NamespaceChoice;
}

/** Provided once by `App` (and around every plugin root the shell mounts). */
export const ShellContext = createContext<Shell>();

/**
 * The shell's services in a shell component.
 *
 * @example
 * const { plugins, location } = useShell();
 */
export function useShell(): Shell {
  const shell = useContext(ShellContext);
  if (!shell) throw new Error('useShell() was called outside the shell: render inside ShellContext.Provider');
  return shell;
}
