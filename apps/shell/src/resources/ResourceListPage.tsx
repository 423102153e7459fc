import {
  createNamespaceScope,
  createWatch,
  isForbidden,
  type KubeObject,
  pluralKind,
  usePorthole,
} from '@porthole/sdk';
import {
  createNow,
  EmptyState,
  ErrorState,
  ForbiddenState,
  formatAge,
  preloadTable,
  Table,
  type TableColumn,
  type TableControl,
  TextField,
} from '@porthole/ui';
import {
  createEffect,
  createMemo,
  createSignal,
  For,
  Match,
  onCleanup,
  onMount,
  Show,
  Switch,
} from 'solid-js';
import { unwrap } from 'solid-js/store';
import { ResourceListActionButton, useResourceExtensions } from '../extensions/index.ts';
import { resourceDetailHref, resourceIndexHref } from '../routing/app-path.ts';
import { useNamespaceChoice } from '../services/namespace-choice.ts';
import { createDiscoveredKind } from './discovered.ts';
import { createListColumns } from './kinds/list-columns.tsx';
import { Link } from './Link.tsx';
import { LiveBadge } from './LiveBadge.tsx';
import { parseLabelSelector } from './label-selector.ts';
import { filterObjects } from './list-filter.ts';
import { NamespacePicker } from './NamespacePicker.tsx';
import { createdOf, namespaceOf } from './object-fields.ts';
import { isTypingTarget } from './typing-target.ts';
import { createResubscribe, WaitingState } from './WaitingState.tsx';
import './resources.css';

const count = (n: number) => n.toLocaleString('en-US');

/** Props of the resource pages, as the shell's routes give them. */
export interface ResourcePageProps {
  cluster: string;
  /** `''` (or `core`) for the core group. */
  group: string;
  version: string;
  /** Plural resource name, e.g. `configmaps`. */
  resource: string;
  /** The list: the namespace to start with (all when absent). The detail page: the object's namespace. */
  namespace?: string;
  name?: string;
}

/**
 * The list of any resource kind: live through the multiplexer, virtualised, filtered by name and label
 * selector (both in the browser, so typing never restarts the watch), with a live namespace picker.
 *
 * @example
 * <ResourceListPage cluster="prod" group="" version="v1" resource="configmaps" />
 */
export function ResourceListPage(props: ResourcePageProps) {
  const porthole = usePorthole();
  const { mux, discovery, navigate } = porthole;
  const { group, address, discovered, kind, resources } = createDiscoveredKind(discovery, props);
  const notServed = () => {
    const result = discovered();
    return result?.ok === true && !kind();
  };
  const namespaced = () => kind()?.namespaced ?? true;
  // The cluster's one namespace choice, shared with every list page and the sidebar, remembered.
  const [namespace, setNamespace] = useNamespaceChoice(() => props.cluster, props.namespace);
  // The namespaces the person can use for this kind: all of them, or (someone who may not list
  // namespaces) those of the context, `default` and the one shown where they may list the kind.
  const scope = createNamespaceScope(
    porthole,
    () =>
      namespaced() && {
        cluster: props.cluster,
        target: { group: group(), resource: props.resource },
        candidates: namespace() ? [namespace()] : [],
      },
  );
  // Someone who may not list namespaces starts in their context's namespace (or another they may use),
  // not in a refused list of all.
  createEffect(() => {
    const start = scope.start();
    if (namespace() === '' && namespaced() && start) setNamespace(start);
  });
  const [nameFilter, setNameFilter] = createSignal('');
  const [selectorText, setSelectorText] = createSignal('');
  const selector = createMemo(() => parseLabelSelector(selectorText()));
  const selectorError = () => {
    const parsed = selector();
    return parsed.ok ? undefined : parsed.message;
  };
  const now = createNow();

  const again = createResubscribe();
  const watch = createWatch(mux, () => {
    if (again.paused()) return undefined;
    // A namespace narrows only a namespaced kind, which discovery has to confirm first.
    if (namespace() && !kind()) return undefined;
    return { ...address(), namespace: namespaced() ? namespace() || undefined : undefined };
  });
  const rows = createMemo(() => {
    const parsed = selector();
    const labels = parsed.ok ? parsed.requirements : [];
    // Names never change but labels do: with a label filter, every batch of changes filters again.
    if (labels.length > 0) watch.resourceVersion();
    // Matching reads the plain objects (unwrap): tracking two fields of 50,000 store rows costs a second.
    return filterObjects(watch.items(), { name: nameFilter(), labels }, unwrap);
  });

  // Per kind (kubectl's -o wide set) or a custom resource's printer columns (kinds/list-columns.tsx).
  const extraColumns = createListColumns(porthole, address, resources, now);
  const detailPath = (object: KubeObject) =>
    resourceDetailHref({ ...address(), namespace: namespaceOf(object), name: object.metadata.name ?? '' });
  // One set of column objects until the namespace or kind changes (rows key their cells by column).
  const columns = createMemo((): TableColumn<KubeObject>[] => [
    {
      id: 'name',
      title: 'Name',
      cell: (o) => (
        <Link href={detailPath(o)} tabindex="-1" data-testid="resource-name">
          {o.metadata.name}
        </Link>
      ),
      sortValue: (o) => o.metadata.name,
    },
    ...(namespaced() && !namespace()
      ? [
          {
            id: 'namespace',
            title: 'Namespace',
            width: '14rem',
            cell: (o: KubeObject) => namespaceOf(o) ?? '',
            sortValue: (o: KubeObject) => namespaceOf(o),
          },
        ]
      : []),
    ...extraColumns(),
    {
      id: 'age',
      title: 'Age',
      width: '6rem',
      cell: (o) => formatAge(createdOf(o), now()),
      // Youngest first when ascending, as the ages read.
      sortValue: (o) => {
        const created = Date.parse(createdOf(o) ?? '');
        return Number.isNaN(created) ? undefined : -created;
      },
    },
  ]);
  const title = () => (kind()?.kind ? `${kind()?.kind}` : props.resource);
  // Nothing listed yet (loading, or the backend retrying a cluster that does not answer). The first
  // chunks of a big LIST already show as rows while the rest arrives (see listProgress).
  const waiting = () =>
    watch.status() !== 'error' && watch.resourceVersion() === undefined && watch.items().length === 0;
  const listProgress = () => {
    const progress = watch.progress();
    if (!progress || watch.status() === 'error') return undefined;
    const about = progress.remaining ? ` of about ${count(progress.received + progress.remaining)}` : '';
    return watch.resourceVersion() === undefined
      ? `Loading more… ${count(progress.received)} so far${about}`
      : `Relisting… ${count(progress.received)} so far${about}`;
  };
  const discoveryFailure = () => {
    const result = discovered();
    return result && !result.ok ? result : undefined;
  };
  const filtering = () => nameFilter().trim() !== '' || selectorText().trim() !== '';

  // Plugins' buttons for this kind (e.g. the editor's Create), given the kind and the list's namespace.
  const listActions = useResourceExtensions('resource.listAction', () => {
    const k = kind();
    return k ? { group: group(), kind: k.kind } : undefined;
  });
  const listContext = () => ({
    cluster: props.cluster,
    group: group(),
    version: props.version,
    resource: props.resource,
    kind: kind()?.kind ?? '',
    namespaced: namespaced(),
    namespace: () => (namespaced() ? namespace() || undefined : undefined),
  });

  let filterInput: HTMLInputElement | undefined;
  let table: TableControl | undefined;
  // From a filter, ArrowDown goes on to the rows.
  const toRows = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowDown' || !table) return;
    event.preventDefault();
    table.focus();
  };
  // The table's code loads while the LIST is on its way, not after its first rows arrive.
  onMount(preloadTable);
  onMount(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target))
        return;
      event.preventDefault();
      filterInput?.focus();
      filterInput?.select();
    };
    document.addEventListener('keydown', onKey);
    onCleanup(() => document.removeEventListener('keydown', onKey));
  });

  return (
    <section class="panel res-page" data-testid="resource-list">
      <header class="panel-header res-header">
        <h1>{title()}</h1>
        <span class="muted mono">{group() ? `${group()}/${props.version}` : props.version}</span>
        <LiveBadge status={watch.status()} />
        <span
          class="panel-count"
          data-testid="resource-count"
          data-shown={rows().length}
          data-total={watch.items().length}
        >
          {filtering()
            ? `${count(rows().length)} of ${count(watch.items().length)}`
            : count(watch.items().length)}
        </span>
        <Link class="res-header-link" href={resourceIndexHref(props.cluster)}>
          All kinds
        </Link>
      </header>
      <div class="res-toolbar">
        <Show when={namespaced()}>
          <NamespacePicker scope={scope} value={namespace()} onChange={setNamespace} />
        </Show>
        <TextField
          label="Name"
          class="res-field-grow"
          ref={filterInput}
          type="search"
          placeholder="Filter by name  ( / )"
          data-testid="name-filter"
          value={nameFilter()}
          onInput={(e) => setNameFilter(e.currentTarget.value)}
          onKeyDown={toRows}
        />
        <TextField
          label="Labels"
          class="res-field-grow"
          type="search"
          placeholder="app=web, tier in (a,b), !canary"
          data-testid="label-filter"
          error={selectorError() === undefined ? undefined : `Label selector: ${selectorError()}`}
          value={selectorText()}
          onInput={(e) => setSelectorText(e.currentTarget.value)}
          onKeyDown={toRows}
        />
        <Show when={listActions().length > 0}>
          <div class="resource-actions res-list-actions" data-testid="resource-list-actions">
            <For each={listActions()}>
              {(entry) => <ResourceListActionButton entry={entry} context={listContext()} />}
            </For>
          </div>
        </Show>
      </div>
      <Show when={listProgress()}>
        {(text) => (
          <p class="res-banner res-progress muted" role="status" data-testid="list-progress">
            {text()}
          </p>
        )}
      </Show>
      <Show when={!waiting() && watch.cause()}>
        {(cause) => (
          <p class="res-banner" role="alert" data-testid="stale-cause">
            Showing the last {props.resource} seen: {cause().message}
          </p>
        )}
      </Show>
      <Switch>
        <Match when={notServed()}>
          <ErrorState
            title={`The cluster doesn't serve ${props.resource}`}
            error={`${group() || 'core'}/${props.version} has no resource "${props.resource}".`}
            actions={<Link href={resourceIndexHref(props.cluster)}>See what it serves</Link>}
          />
        </Match>
        <Match when={watch.status() === 'error' && isForbidden(watch.error())}>
          <ForbiddenState
            what={pluralKind(kind()?.kind, props.resource)}
            namespace={namespace()}
            namespaced={namespaced()}
            namespaces={scope.allowed()}
            loading={scope.loading()}
            onPick={setNamespace}
          >
            <p>
              <Link href={resourceIndexHref(props.cluster)}>See every kind the cluster serves</Link>
            </p>
          </ForbiddenState>
        </Match>
        <Match when={watch.status() === 'error'}>
          <ErrorState
            title={`Could not list ${props.resource}`}
            error={watch.error() ?? 'the watch failed'}
          />
        </Match>
        <Match when={waiting()}>
          <WaitingState
            cluster={props.cluster}
            what={props.resource}
            cause={watch.cause()?.message ?? discoveryFailure()?.message}
            code={watch.cause()?.code ?? discoveryFailure()?.code}
            onRetry={() => {
              discovered.retry();
              again.retry();
            }}
          />
        </Match>
        <Match when={watch.items().length === 0}>
          <EmptyState title={`No ${props.resource}${namespace() ? ` in namespace ${namespace()}` : ''}`} />
        </Match>
        <Match when={rows().length === 0}>
          <EmptyState title={`No ${props.resource} match the filter`} />
        </Match>
        <Match when={true}>
          <Table
            rows={rows()}
            columns={columns()}
            rowKey={(object) => object.metadata.uid ?? `${namespaceOf(object) ?? ''}/${object.metadata.name}`}
            testId="resource"
            onOpen={(object) => navigate(detailPath(object))}
            label={title()}
            control={(control) => {
              table = control;
            }}
          />
        </Match>
      </Switch>
    </section>
  );
}
