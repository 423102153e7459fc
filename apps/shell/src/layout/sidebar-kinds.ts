import { type AccessReview, type Discovery, type HttpClient, isStatusError } from '@porthole/sdk';
import { type Accessor, createEffect, createSignal, on, onCleanup } from 'solid-js';
import type { SidebarKind } from './sidebar-groups.ts';

/** The sidebar's kinds: loading, the kinds the person may list (and where), or why they are unknown. */
export type SidebarKindsState =
  | { status: 'loading' }
  | { status: 'ready'; kinds: SidebarKind[]; namespace: string }
  | { status: 'error'; message: string; code?: number | undefined };

/** What {@link createSidebarKinds} asks about. */
export interface SidebarKindsArgs {
  cluster: string;
  /** The namespace chosen on the cluster (`''`: all); `undefined` before any choice. */
  namespace: string | undefined;
  /** The kubeconfig context's namespace, where someone who may not list namespaces starts; `undefined` until known. */
  home: string | undefined;
}

/**
 * The kinds of the sidebar, live with the cluster and the namespace choice (see `loadSidebarKinds`:
 * what the cluster serves that the person may list there). Never rejects: a failure is a state; `retry`
 * asks again.
 *
 * @example
 * const kinds = createSidebarKinds({ discovery, http, access }, () => ({ cluster: 'prod', namespace: undefined, home: 'default' }));
 */
export function createSidebarKinds(
  deps: { discovery: Discovery; http: HttpClient; access: AccessReview },
  args: Accessor<SidebarKindsArgs>,
): { state: Accessor<SidebarKindsState>; retry(): void } {
  const [state, setState] = createSignal<SidebarKindsState>({ status: 'loading' });
  const [attempt, setAttempt] = createSignal(0);
  const key = () => {
    const a = args();
    return JSON.stringify([a.cluster, a.namespace, a.namespace === undefined ? a.home : '', attempt()]);
  };
  // Another cluster's kinds must not show (with their links) while this one's are awaited.
  createEffect(
    on(
      () => args().cluster,
      () => setState({ status: 'loading' }),
    ),
  );
  createEffect(
    on(key, () => {
      const { cluster, namespace, home } = args();
      // Before any choice the start depends on the context's namespace: wait for the cluster list.
      if (!cluster || (namespace === undefined && home === undefined)) return;
      let current = true;
      onCleanup(() => {
        current = false;
      });
      // Discovery first (the SDK's cache serves the pages too), then the code that sorts and checks the
      // kinds: it is not part of the first screen.
      (async () => {
        await deps.discovery.resources(cluster);
        const { loadSidebarKinds } = await import('./sidebar-load.ts');
        const found = await loadSidebarKinds(deps, { cluster, namespace, home });
        return { status: 'ready' as const, ...found };
      })().then(
        (ready) => current && setState(ready),
        (err: unknown) =>
          current &&
          setState({
            status: 'error',
            message: err instanceof Error ? err.message : String(err),
            code: isStatusError(err) ? err.code : undefined,
          }),
      );
    }),
  );
  return { state, retry: () => setAttempt((n) => n + 1) };
}
