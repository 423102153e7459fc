import { ClustersView } from './clusters/ClustersView.tsx';
import type { LoadClustersResult } from './clusters/load-clusters.ts';
import { TopBar } from './layout/TopBar.tsx';

/** What the shell needs from outside, passed in by `bootstrap` (or a test). */
export interface AppProps {
  loadClusters: () => Promise<LoadClustersResult>;
}

/**
 * The whole page: the top bar and, for now, the list of clusters.
 *
 * @example
 * render(() => <App loadClusters={() => loadClusters(fetch)} />, root);
 */
export function App(props: AppProps) {
  return (
    <div class="app">
      <TopBar />
      <main class="content">
        <ClustersView load={props.loadClusters} />
      </main>
    </div>
  );
}
