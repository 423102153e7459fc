import type { ClustersStore } from '@porthole/sdk';
import { createEffect } from 'solid-js';
import { ClustersView } from '../clusters/ClustersView.tsx';
import { pickCluster } from './pick-cluster.ts';

/** Props of {@link RootPage}. */
export interface RootPageProps {
  clusters: ClustersStore;
  /** The cluster used last in this browser, if any. */
  remembered: string | undefined;
  /** Goes to the picked cluster (replacing `/` in the history). */
  open: (cluster: string) => void;
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
