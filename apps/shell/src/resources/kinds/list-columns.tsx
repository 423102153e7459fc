import type { DiscoveredResource, KubeObject, Porthole } from '@porthole/sdk';
import { formatAge, formatDuration, type TableColumn } from '@porthole/ui';
import { type Accessor, createEffect, createMemo, createSignal, on, onCleanup, Show } from 'solid-js';
import { type ColumnTarget, type KindColumn, kindColumns, type TimeWords } from '../kind-columns.ts';
import { Link } from '../Link.tsx';
import type { ResourceAddress } from '../resource-paths.ts';
import { printerColumnsOf, printerKindColumns } from './printer-columns.ts';
import { relatedHref } from './related-href.ts';

/**
 * The printer columns of a custom resource, read from its CRD (`<resource>.<group>`); none for a
 * built-in kind, while loading, or when the CRD can't be read (someone who may not get CRDs).
 */
function createPrinterColumns(
  porthole: Pick<Porthole, 'resources'>,
  address: Accessor<ResourceAddress>,
): Accessor<KindColumn[]> {
  const [columns, setColumns] = createSignal<{ key: string; columns: KindColumn[] }>();
  const key = () => {
    const a = address();
    // Built-in groups have no dot (or end in k8s.io); a CRD's group always has one.
    if (!a.group.includes('.') || a.group.endsWith('.k8s.io') || kindColumns(a.group, a.resource).length > 0)
      return undefined;
    return JSON.stringify([a.cluster, a.group, a.version, a.resource]);
  };
  createEffect(
    on(key, (k) => {
      if (!k) return;
      let current = true;
      onCleanup(() => {
        current = false;
      });
      const [cluster, group, version, resource] = JSON.parse(k) as string[];
      porthole.resources
        .get({
          cluster: cluster as string,
          group: 'apiextensions.k8s.io',
          version: 'v1',
          resource: 'customresourcedefinitions',
          name: `${resource}.${group}`,
        })
        .then(
          (crd) => {
            if (current)
              setColumns({ key: k, columns: printerKindColumns(printerColumnsOf(crd, version as string)) });
          },
          () => {
            if (current) setColumns({ key: k, columns: [] });
          },
        );
    }),
  );
  return () => (columns()?.key === key() ? (columns()?.columns ?? []) : []);
}

function TargetLink(props: {
  cluster: string;
  target: ColumnTarget;
  text: string;
  resources: readonly DiscoveredResource[];
}) {
  const href = () => relatedHref(props.cluster, props.resources, props.target);
  return (
    <Show when={href()} fallback={props.text}>
      {(h) => (
        <Link href={h()} tabindex="-1">
          {props.text}
        </Link>
      )}
    </Show>
  );
}

/**
 * The list page's columns beyond name, namespace and age, for any kind: the built-in set of
 * `kind-columns.ts` (after `kubectl get -o wide`), or a custom resource's CRD printer columns; ages
 * and durations follow `now`, an Event's object is a link. One array per kind (and CRD answer), so rows
 * keep their cells.
 *
 * @example
 * const extra = createListColumns(usePorthole(), address, resources, now);
 * const columns = () => [nameColumn, ...extra(), ageColumn];
 */
export function createListColumns(
  porthole: Pick<Porthole, 'resources'>,
  address: Accessor<ResourceAddress>,
  resources: Accessor<readonly DiscoveredResource[]>,
  now: Accessor<number>,
): Accessor<TableColumn<KubeObject>[]> {
  const printer = createPrinterColumns(porthole, address);
  const time: TimeWords = {
    get now() {
      return now();
    },
    age: (t) => formatAge(t, now()),
    duration: formatDuration,
  };
  return createMemo(() => {
    const { group, resource, cluster } = address();
    const builtIn = kindColumns(group, resource);
    return (builtIn.length > 0 ? builtIn : printer()).map(
      (c): TableColumn<KubeObject> => ({
        id: `kind-${c.title}`,
        title: c.title,
        width: c.width,
        cell: (o) => {
          const target = c.target?.(o);
          const text = c.value(o, time);
          return target ? (
            <TargetLink cluster={cluster} target={target} text={text} resources={resources()} />
          ) : (
            text
          );
        },
      }),
    );
  });
}
