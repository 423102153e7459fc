import { type Accessor, createContext, useContext } from 'solid-js';
import type { Discovery } from '../http/discovery.ts';
import type { HttpClient } from '../http/http-client.ts';
import type { Resources } from '../http/resources.ts';
import type { MuxClient } from '../live/mux-client.ts';
import type { SafeWrites } from '../writes/safe-writes.ts';
import type { ExtensionPoint } from './extension-point.ts';

/** What the shell gives every plugin component (through Solid context; no globals). */
export interface Porthole {
  /** The tab's one multiplexer client: watch, watchOne, logs, exec, clusters. */
  mux: MuxClient;
  http: HttpClient;
  resources: Resources;
  writes: SafeWrites;
  discovery: Discovery;
  /** The cluster in the URL (`/c/{cluster}/...`). */
  cluster: Accessor<string>;
  /** Goes to an app path, e.g. `/c/prod/cronjobs`; history and single-spa follow. */
  navigate(path: string): void;
  /**
   * The data of every contribution to `point` from the plugins of the bundle; the contributing plugins
   * are loaded on first use, so the list fills in as they arrive.
   */
  extensions<Id extends string, Data>(point: ExtensionPoint<Id, Data>): Accessor<readonly Data[]>;
  /**
   * The settings of the plugin this component belongs to: its bundle's values from the registry file,
   * validated by the backend against the plugin's schema. The shell sets it around each plugin's slot;
   * read it typed with `usePluginConfig(schema)`.
   */
  pluginConfig?: Readonly<Record<string, unknown>>;
}

/** Provided by the shell around every plugin slot and route. */
export const PortholeContext = createContext<Porthole>();

/**
 * The shell's services, in a plugin component.
 *
 * @example
 * const { mux, cluster } = usePorthole();
 * const pods = createWatch(mux, () => ({ cluster: cluster(), group: '', version: 'v1', resource: 'pods' }));
 */
export function usePorthole(): Porthole {
  const porthole = useContext(PortholeContext);
  if (!porthole) {
    throw new Error(
      'usePorthole() was called outside a Porthole shell: render the component inside PortholeContext.Provider ' +
        '(the shell does this for every plugin; a test renders the component inside one with its own Porthole value)',
    );
  }
  return porthole;
}

/**
 * The contributions to an extension point this plugin declared.
 *
 * @example
 * const links = useExtensions(jobLinks);
 * return <For each={links()}>{(link) => <a href={link.href(job)}>{link.label}</a>}</For>;
 */
export function useExtensions<Id extends string, Data>(
  point: ExtensionPoint<Id, Data>,
): Accessor<readonly Data[]> {
  return usePorthole().extensions(point);
}
