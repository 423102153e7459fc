import { createWatch, isForbidden, type KubeObject, usePorthole, type WatchOptions } from '@porthole/sdk';
import { EmptyState, ErrorState, ForbiddenState, LoadingState, Table, type TableColumn } from '@porthole/ui';
import { createMemo, Match, Switch } from 'solid-js';
import { resourceDetailHref } from '../../routing/app-path.ts';
import { Link } from '../Link.tsx';
import { namespaceOf } from '../object-fields.ts';

/** Props of {@link LiveTable}. */
export interface LiveTableProps {
  /** What to watch (undefined: nothing yet, the table shows "loading"). */
  watch: WatchOptions | undefined;
  /** For people, plural: `Pods`, `ReplicaSets`. */
  what: string;
  columns: readonly TableColumn<KubeObject>[];
  /** Keeps only some of what the watch returns (e.g. the ReplicaSets this Deployment owns). */
  filter?: (object: KubeObject) => boolean;
  /** Sorts the rows (default: the watch's namespace/name order). */
  sort?: (a: KubeObject, b: KubeObject) => number;
  /** Said when there is none, e.g. `No pods match app=web`. */
  empty: string;
  testId: string;
  /** Where Enter on a row goes (its page). */
  href?: (object: KubeObject) => string;
}

/**
 * A live table of objects on a kind page (its pods, its ReplicaSets, a namespace's quotas), through the
 * multiplexer, with its own loading, empty, error and "you can't list these" states.
 *
 * @example
 * <LiveTable watch={{ cluster, group: '', version: 'v1', resource: 'pods', namespace, labelSelector }} what="Pods" columns={podColumns(cluster, now)} empty="No pods" testId="workload-pods" />
 */
export function LiveTable(props: LiveTableProps) {
  const { mux, navigate } = usePorthole();
  const watch = createWatch(mux, () => props.watch);
  const rows = createMemo(() => {
    const items = props.filter ? watch.items().filter(props.filter) : [...watch.items()];
    return props.sort ? items.sort(props.sort) : items;
  });
  return (
    <Switch>
      <Match when={watch.status() === 'error' && isForbidden(watch.error())}>
        <ForbiddenState
          what={props.what}
          namespace={props.watch?.namespace}
          namespaced={props.watch?.namespace !== undefined}
        />
      </Match>
      <Match when={watch.status() === 'error'}>
        <ErrorState title={`Could not list ${props.what}`} error={watch.error() ?? 'the watch failed'} />
      </Match>
      <Match when={!props.watch || watch.resourceVersion() === undefined}>
        <LoadingState what={props.what.toLowerCase()} />
      </Match>
      <Match when={rows().length === 0}>
        <EmptyState title={props.empty} />
      </Match>
      <Match when={true}>
        <Table
          label={props.what}
          rows={rows()}
          columns={props.columns}
          rowKey={(o) => o.metadata.uid ?? `${namespaceOf(o) ?? ''}/${o.metadata.name}`}
          testId={props.testId}
          onOpen={(o) => {
            const href = props.href?.(o);
            if (href) navigate(href);
          }}
        />
      </Match>
    </Switch>
  );
}

/**
 * A Name column linking each row to its page.
 *
 * @example
 * nameColumn({ cluster, group: '', version: 'v1', resource: 'pods' });
 */
export function nameColumn(ref: KindRef): TableColumn<KubeObject> {
  return {
    id: 'name',
    title: 'Name',
    cell: (o) => (
      <Link href={objectHref(ref, o)} tabindex="-1">
        {o.metadata.name}
      </Link>
    ),
    sortValue: (o) => o.metadata.name,
  };
}

/** A resource of a cluster, for links to its objects. */
export interface KindRef {
  cluster: string;
  group: string;
  version: string;
  resource: string;
}

/** The page of one object of `ref`. */
export function objectHref(ref: KindRef, object: KubeObject): string {
  return resourceDetailHref({ ...ref, namespace: namespaceOf(object), name: object.metadata.name ?? '' });
}
