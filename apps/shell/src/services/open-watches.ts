import type { KubeObject, MuxClient, WatchOptions } from '@porthole/sdk';

/** A live list open in the tab: what it watches and its current items. */
export interface OpenWatch {
  options: WatchOptions;
  items(): readonly KubeObject[];
}

/**
 * The tab's multiplexer client, remembering the watches open through it (every page's and plugin's live
 * lists), so "Go to anything" finds objects already in the tab without asking the cluster again.
 *
 * @example
 * const { mux, open } = trackOpenWatches(createMuxClient({ url: '/ws' }));
 * mux.watch({ cluster: 'prod', group: '', version: 'v1', resource: 'pods' });
 * open()[0]?.items();
 */
export function trackOpenWatches(mux: MuxClient): { mux: MuxClient; open(): OpenWatch[] } {
  const open = new Set<OpenWatch>();
  const watch = <T extends KubeObject>(options: WatchOptions) => {
    const collection = mux.watch<T>(options);
    const entry: OpenWatch = { options, items: () => collection.items() };
    open.add(entry);
    const close = collection.close.bind(collection);
    collection.close = () => {
      open.delete(entry);
      close();
    };
    return collection;
  };
  return { mux: { ...mux, watch }, open: () => [...open] };
}
