import {
  createDiscovery,
  createHttpClient,
  createMuxClient,
  createResources,
  createSafeWrites,
  type Discovery,
  type ExtensionPoint,
  type HttpClient,
  type MuxClient,
  type Porthole,
  type Resources,
  type SafeWrites,
} from '@porthole/sdk';
import type { Accessor } from 'solid-js';
import { type OpenWatch, trackOpenWatches } from './open-watches.ts';

/** The SDK services of one browser tab: one multiplexer socket, one HTTP client, one discovery cache. */
export interface PortholeServices {
  mux: MuxClient;
  http: HttpClient;
  resources: Resources;
  discovery: Discovery;
  writes: SafeWrites;
  /** The live lists open in the tab now (through `mux`). */
  openWatches(): OpenWatch[];
}

/** Options of {@link createPortholeServices}. */
export interface PortholeServicesOptions {
  /** The multiplexer; default `/ws` (same origin). */
  muxUrl?: string;
  /** Where the backend is; default same origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
}

/**
 * Creates the SDK services once per tab (in `bootstrap`); every page and plugin shares them through
 * `PortholeContext`, so all live views of the tab ride on one WebSocket.
 *
 * @example
 * const services = createPortholeServices();
 * const pods = services.mux.watch({ cluster: 'prod', group: '', version: 'v1', resource: 'pods' });
 */
export function createPortholeServices(options: PortholeServicesOptions = {}): PortholeServices {
  const { mux, open } = trackOpenWatches(createMuxClient({ url: options.muxUrl ?? '/ws' }));
  const http = createHttpClient({ baseUrl: options.baseUrl, fetch: options.fetch });
  const resources = createResources(http);
  const discovery = createDiscovery(http);
  const writes = createSafeWrites(http, discovery);
  return { mux, http, resources, discovery, writes, openWatches: open };
}

/** What a {@link Porthole} value adds to the services: where the user is, and the plugins' points. */
export interface PortholeShellParts {
  cluster: Accessor<string>;
  navigate(path: string): void;
  extensions<Id extends string, Data>(point: ExtensionPoint<Id, Data>): Accessor<readonly Data[]>;
}

/**
 * The value of `PortholeContext`: the tab's services plus the current cluster, navigation and the
 * plugins' extension points. The shell provides it around its pages and every plugin's Solid root.
 *
 * @example
 * <PortholeContext.Provider value={createPorthole(services, { cluster, navigate, extensions })}>...</PortholeContext.Provider>
 */
export function createPorthole(services: PortholeServices, parts: PortholeShellParts): Porthole {
  return {
    mux: services.mux,
    http: services.http,
    resources: services.resources,
    writes: services.writes,
    discovery: services.discovery,
    cluster: parts.cluster,
    navigate: (path) => parts.navigate(path),
    extensions: (point) => parts.extensions(point),
  };
}
