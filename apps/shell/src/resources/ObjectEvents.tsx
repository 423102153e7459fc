import { createWatch, type KubeObject, usePorthole } from '@porthole/sdk';
import {
  EmptyState,
  ErrorState,
  formatAge,
  LoadingState,
  StatusPill,
  Table,
  type TableColumn,
} from '@porthole/ui';
import { createMemo, Match, Switch } from 'solid-js';
import { fieldOf } from './object-fields.ts';

/** Props of {@link ObjectEvents}. */
export interface ObjectEventsProps {
  cluster: string;
  /** The object's uid: events are selected by `involvedObject.uid`. */
  uid: string;
  /** The object's namespace (its events live there); all namespaces for a cluster-scoped object. */
  namespace?: string;
  now: number;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** When an event last happened: `lastTimestamp`, else `eventTime`, else its creation. */
export function eventTimeOf(event: KubeObject): string {
  return (
    text(fieldOf(event, 'lastTimestamp')) ||
    text(fieldOf(event, 'eventTime')) ||
    text(fieldOf(event, 'metadata', 'creationTimestamp'))
  );
}

/**
 * The events of one object, newest first, live through the multiplexer (a watch of `events` with the
 * field selector `involvedObject.uid=<uid>`, so the API server does the filtering).
 *
 * @example
 * <ObjectEvents cluster="prod" uid={object.metadata.uid} namespace="web" now={now()} />
 */
export function ObjectEvents(props: ObjectEventsProps) {
  const { mux } = usePorthole();
  const events = createWatch(mux, () => ({
    cluster: props.cluster,
    group: '',
    version: 'v1',
    resource: 'events',
    namespace: props.namespace,
    fieldSelector: `involvedObject.uid=${props.uid}`,
  }));
  const sorted = createMemo(() =>
    [...events.items()].sort((a, b) => eventTimeOf(b).localeCompare(eventTimeOf(a))),
  );

  const columns: TableColumn<KubeObject>[] = [
    {
      id: 'type',
      title: 'Type',
      width: '7rem',
      cell: (e) => (
        <StatusPill tone={fieldOf(e, 'type') === 'Warning' ? 'warning' : 'neutral'}>
          {text(fieldOf(e, 'type'))}
        </StatusPill>
      ),
      sortValue: (e) => text(fieldOf(e, 'type')),
    },
    { id: 'reason', title: 'Reason', width: '10rem', cell: (e) => text(fieldOf(e, 'reason')) },
    {
      id: 'age',
      title: 'Age',
      width: '5rem',
      cell: (e) => <span title={eventTimeOf(e)}>{formatAge(eventTimeOf(e), props.now)}</span>,
    },
    {
      id: 'count',
      title: 'Count',
      width: '5rem',
      cell: (e) => String(fieldOf(e, 'count') ?? 1),
      sortValue: (e) => Number(fieldOf(e, 'count') ?? 1),
    },
    {
      id: 'from',
      title: 'From',
      width: '10rem',
      cell: (e) => text(fieldOf(e, 'source', 'component')) || text(fieldOf(e, 'reportingComponent')),
    },
    {
      id: 'message',
      title: 'Message',
      cell: (e) => <span title={text(fieldOf(e, 'message'))}>{text(fieldOf(e, 'message'))}</span>,
    },
  ];

  return (
    <section class="res-section" data-testid="object-events">
      <h2>Events</h2>
      <Switch>
        <Match when={events.status() === 'error'}>
          <ErrorState title="Events can't be shown" error={events.error() ?? 'the watch failed'} />
        </Match>
        <Match when={events.status() === 'loading'}>
          <LoadingState what="events" />
        </Match>
        <Match when={sorted().length === 0}>
          <EmptyState title="No events" />
        </Match>
        <Match when={true}>
          <Table
            label="Events"
            rows={sorted()}
            columns={columns}
            rowKey={(e) => e.metadata.uid ?? `${eventTimeOf(e)} ${text(fieldOf(e, 'message'))}`}
            testId="event"
          />
        </Match>
      </Switch>
    </section>
  );
}
