import type { ClustersStore } from '@porthole/sdk';
import { createEffect } from 'solid-js';
import { ClustersView } from '../clusters/ClustersView.tsx';

/** Props of {@link RootPage}. */
export interface RootPageProps {
  clusters: ClustersStore;
  /** The cluster used last in this browser, if any. */
  remembered: string | undefined;
  /** Goes to the picked cluster (replacing `/` in the history). */
  open: (cluster: string) => void;
}

/**
 * Picks the cluster for `/`: the last one used in this browser if it is still usable, else the first
 * usable one, as soon as the live list arrives. With none usable it stays, showing the list and why.
 *
 * @example
 * pickCluster([{ name: 'a', error: 'x' }, { name: 'b' }], 'gone'); // 'b'
 */
export function pickCluster(
  clusters: readonly { name: string; error?: string | undefined }[],
  remembered: string | undefined,
): string | undefined {
  const usable = clusters.filter((c) => !c.error);
  return usable.find((c) => c.name === remembered)?.name ?? usable[0]?.name;
}

/** `/`: goes to a cluster (see {@link pickCluster}); the cluster list meanwhile or when none is usable. */
export function RootPage(props: RootPageProps) {
  createEffect(() => {
    if (props.clusters.status() === 'loading') return;
    const picked = pickCluster(props.clusters.items(), props.remembered);
    if (picked) props.open(picked);
  });
  return <ClustersView clusters={props.clusters} />;
}
