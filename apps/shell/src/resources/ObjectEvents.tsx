import { createWatch, type KubeObject, usePorthole } from '@porthole/sdk';
import { formatAge } from '@porthole/ui';
import { createMemo, For, Match, Switch } from 'solid-js';
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

  return (
    <section class="res-section" data-testid="object-events">
      <h2>Events</h2>
      <Switch>
        <Match when={events.status() === 'error'}>
          <p class="res-note res-note-error" role="alert">
            Events can't be shown: {events.error()?.message}
          </p>
        </Match>
        <Match when={events.status() === 'loading'}>
          <p class="res-note">Loading events…</p>
        </Match>
        <Match when={sorted().length === 0}>
          <p class="res-note">No events</p>
        </Match>
        <Match when={true}>
          <table class="res-table">
            <thead>
              <tr>
                <th>Type</th>
                <th>Reason</th>
                <th>Age</th>
                <th>Count</th>
                <th>From</th>
                <th>Message</th>
              </tr>
            </thead>
            <tbody>
              <For each={sorted()}>
                {(event) => (
                  <tr
                    data-testid="event-row"
                    classList={{ 'res-warning': fieldOf(event, 'type') === 'Warning' }}
                  >
                    <td>{text(fieldOf(event, 'type'))}</td>
                    <td>{text(fieldOf(event, 'reason'))}</td>
                    <td title={eventTimeOf(event)}>{formatAge(eventTimeOf(event), props.now)}</td>
                    <td>{String(fieldOf(event, 'count') ?? 1)}</td>
                    <td>
                      {text(fieldOf(event, 'source', 'component')) ||
                        text(fieldOf(event, 'reportingComponent'))}
                    </td>
                    <td class="res-message">{text(fieldOf(event, 'message'))}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </Match>
      </Switch>
    </section>
  );
}
