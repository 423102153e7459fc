import { usePorthole } from '@porthole/sdk';
import { createMemo, createSignal, For, Match, onCleanup, onMount, Switch } from 'solid-js';
import { resourceListHref } from '../routing/app-path.ts';
import { createDiscovered } from './discovered.ts';
import { Link } from './Link.tsx';
import { groupResources } from './resource-index.ts';
import { isTypingTarget } from './typing-target.ts';
import { WaitingState } from './WaitingState.tsx';
import './resources.css';
import { EmptyState } from '@porthole/ui';

/**
 * Every kind the cluster serves (from discovery), grouped by API group, each linking to its list page:
 * the way to open any resource, including custom ones. `/` focuses the filter.
 *
 * @example
 * <ResourceIndexPage cluster="prod" />
 */
export function ResourceIndexPage(props: { cluster: string }) {
  const { discovery } = usePorthole();
  const discovered = createDiscovered(discovery, () => props.cluster);
  const [filter, setFilter] = createSignal('');
  const groups = createMemo(() => {
    const result = discovered();
    return result?.ok ? groupResources(result.resources, filter()) : [];
  });
  const failure = () => {
    const result = discovered();
    return result && !result.ok ? result : undefined;
  };

  let input: HTMLInputElement | undefined;
  onMount(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || isTypingTarget(event.target)) return;
      event.preventDefault();
      input?.focus();
    };
    document.addEventListener('keydown', onKey);
    onCleanup(() => document.removeEventListener('keydown', onKey));
  });

  return (
    <section class="panel res-page" data-testid="resource-index">
      <header class="panel-header res-header">
        <h1>Resources</h1>
        <span class="panel-count">every kind the cluster serves</span>
      </header>
      <div class="res-toolbar">
        <label class="res-field res-field-grow">
          <span class="res-field-label">Kind</span>
          <input
            ref={input}
            class="res-input"
            type="search"
            placeholder="Filter kinds  ( / )"
            data-testid="kind-filter"
            value={filter()}
            onInput={(e) => setFilter(e.currentTarget.value)}
          />
        </label>
      </div>
      <Switch>
        <Match when={discovered.loading || failure()}>
          <WaitingState
            cluster={props.cluster}
            what="the cluster's resources"
            cause={discovered.loading ? undefined : failure()?.message}
            code={discovered.loading ? undefined : failure()?.code}
            failed={!discovered.loading && failure() !== undefined}
            onRetry={discovered.retry}
          />
        </Match>
        <Match when={groups().length === 0}>
          <EmptyState title="No kind matches" />
        </Match>
        <Match when={true}>
          <div class="res-index">
            <For each={groups()}>
              {(group) => (
                <section class="res-index-group" data-group={group.group || 'core'}>
                  <h2 class="mono">{group.group || 'core'}</h2>
                  <ul>
                    <For each={group.resources}>
                      {(r) => (
                        <li>
                          <Link
                            href={resourceListHref({ cluster: props.cluster, ...r })}
                            data-testid="kind-link"
                          >
                            {r.kind}
                          </Link>{' '}
                          <span class="muted mono res-small">
                            {r.version}
                            {r.namespaced ? '' : ' · cluster'}
                          </span>
                        </li>
                      )}
                    </For>
                  </ul>
                </section>
              )}
            </For>
          </div>
        </Match>
      </Switch>
    </section>
  );
}
