import {
  type ClusterSummary,
  createClusters,
  createContextHealth,
  createKubeconfigFiles,
  type RouteProps,
  usePorthole,
} from '@porthole/sdk';
import { Button, EmptyState, ErrorState, LoadingState, StatusPill, Table, TextField } from '@porthole/ui';
import { createMemo, createSignal, Match, Show, Switch } from 'solid-js';
import { currentContextOf, describeHealth } from '../model/describe.ts';
import { FilesSection } from './FilesSection.tsx';
import './contexts.css';

/**
 * The contexts page (route `contexts`): every kubeconfig context, live (a context added, removed or
 * renamed in any file shows at once), with its health probed by the backend while the page is open,
 * `Check again` on demand, and the kubeconfig files with their problems.
 */
export default function ContextsPage(_props: RouteProps) {
  const { mux, http } = usePorthole();
  const clusters = createClusters(mux);
  const files = createKubeconfigFiles(mux);
  const health = createContextHealth(mux);
  const [filter, setFilter] = createSignal('');
  const [checking, setChecking] = createSignal(false);
  const [checkError, setCheckError] = createSignal<unknown>();

  const current = () => currentContextOf(files.items());
  const healthByName = createMemo(() => new Map(health.items().map((h) => [h.name, h])));
  const rows = createMemo(() => {
    const text = filter().trim().toLowerCase();
    const all = clusters.items();
    return text
      ? all.filter((c) =>
          [c.name, c.server, c.user ?? '', c.namespace, c.source].some((v) => v.toLowerCase().includes(text)),
        )
      : all;
  });

  async function checkAgain(): Promise<void> {
    setChecking(true);
    setCheckError(undefined);
    try {
      await http.request({ method: 'POST', path: '/api/clusters/health/check', body: {} });
    } catch (err) {
      setCheckError(err);
    } finally {
      setChecking(false);
    }
  }

  const healthCell = (c: ClusterSummary) => {
    const described = () => describeHealth(healthByName().get(c.name));
    return (
      <span class="contexts-health" data-testid="context-health">
        <StatusPill tone={described().tone}>{described().label}</StatusPill>
        <span class="contexts-muted">{described().detail}</span>
      </span>
    );
  };

  return (
    <section class="contexts-page" aria-labelledby="contexts-title">
      <header class="contexts-header">
        <h1 id="contexts-title">Contexts</h1>
        <Show when={clusters.items().length}>
          {(count) => <span class="contexts-muted">{count()} from your kubeconfig</span>}
        </Show>
        <span class="contexts-spacer" />
        <TextField
          label="Filter contexts"
          value={filter()}
          onInput={(event) => setFilter(event.currentTarget.value)}
        />
        <Button variant="secondary" busy={checking()} onClick={() => void checkAgain()}>
          Check again
        </Button>
      </header>
      <Show when={checkError()}>
        {(error) => <ErrorState title="Could not check the contexts again" error={error()} />}
      </Show>
      <Switch>
        <Match when={clusters.error()}>
          {(error) => <ErrorState title="Could not load the contexts" error={error()} />}
        </Match>
        <Match when={clusters.status() === 'loading' && clusters.items().length === 0}>
          <LoadingState what="contexts" />
        </Match>
        <Match when={clusters.items().length === 0}>
          <EmptyState title="No contexts">The kubeconfig files below define no context.</EmptyState>
        </Match>
        <Match when={clusters.items().length > 0}>
          <Table
            label="Contexts"
            testId="contexts"
            rows={rows()}
            rowKey={(c) => c.name}
            columns={[
              {
                id: 'name',
                title: 'Name',
                width: '16rem',
                sortValue: (c) => c.name,
                cell: (c) => (
                  <span class="contexts-name">
                    <a href={`/c/${encodeURIComponent(c.name)}`}>{c.name}</a>
                    <Show when={c.name === current()}>
                      <StatusPill tone="info">current</StatusPill>
                    </Show>
                  </span>
                ),
              },
              { id: 'health', title: 'Health', width: '22rem', cell: healthCell },
              { id: 'server', title: 'Server', sortValue: (c) => c.server, cell: (c) => c.server || '—' },
              { id: 'user', title: 'User', width: '9rem', cell: (c) => c.user ?? '—' },
              { id: 'namespace', title: 'Namespace', width: '8rem', cell: (c) => c.namespace },
              { id: 'distribution', title: 'Distribution', width: '7rem', cell: (c) => c.distribution },
              {
                id: 'source',
                title: 'File',
                sortValue: (c) => c.source,
                cell: (c) => (
                  <span class="contexts-path" title={c.error ? `${c.source}: ${c.error}` : c.source}>
                    {c.source}
                  </span>
                ),
              },
            ]}
          />
        </Match>
      </Switch>
      <FilesSection files={files} />
    </section>
  );
}
