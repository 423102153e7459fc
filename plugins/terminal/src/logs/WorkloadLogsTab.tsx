import { createWatch, type KubeObject, type ResourceContext, usePorthole } from '@porthole/sdk';
import { type LabelSelector, selectorString } from '@porthole/sdk/workloads';
import { EmptyState, ErrorState, SelectField } from '@porthole/ui';
import { createEffect, createMemo, createSignal, For, onCleanup, Show } from 'solid-js';
import { metaString } from '../model/pod-containers.ts';
import { sourceColour } from '../model/styled-runs.ts';
import { LogView } from './LogView.tsx';
import { createLogFeed } from './log-feed.ts';
import { lineCapOf } from './PodLogsTab.tsx';
import { tailPresets } from './since.ts';
import '../terminal.css';

interface PodShape {
  spec?: { containers?: Array<{ name?: string }> };
  status?: {
    containerStatuses?: Array<{ name?: string; state?: { running?: unknown; terminated?: unknown } }>;
  };
}

/** Containers of a pod whose log can be read now (running or terminated). */
function startedContainers(pod: KubeObject): string[] {
  const shape = pod as unknown as PodShape;
  return (shape.status?.containerStatuses ?? [])
    .filter((s) => s.name && (s.state?.running !== undefined || s.state?.terminated !== undefined))
    .map((s) => s.name ?? '');
}

/**
 * The `Logs` tab of a Deployment, ReplicaSet, StatefulSet, DaemonSet or Job: the lines of every pod its
 * selector matches, each tagged `pod/container` in the pod's colour, merged in time order (the
 * kubelet's timestamps). Pods are watched: a new pod (a replacement) is followed as soon as its
 * containers start; a pod that goes away stays in the list, marked gone, and its lines stay.
 */
export default function WorkloadLogsTab(props: { context: ResourceContext }) {
  const { mux } = usePorthole();
  const workload = () => props.context.object();
  const namespace = () => metaString(workload(), 'namespace');
  const selector = createMemo(() =>
    selectorString(
      (workload() as unknown as { spec?: { selector?: LabelSelector } } | undefined)?.spec?.selector,
    ),
  );
  const [tail, setTail] = createSignal('100');
  const pods = createWatch(mux, () => {
    const labelSelector = selector();
    return labelSelector && namespace()
      ? {
          cluster: props.context.cluster,
          group: '',
          version: 'v1',
          resource: 'pods',
          namespace: namespace(),
          labelSelector,
        }
      : undefined;
  });
  const feed = createLogFeed(lineCapOf(window.location.search));
  // Streams by `pod-uid/container`; pods ever seen by uid (name kept to mark them gone).
  const streams = new Map<string, () => void>();
  const [seen, setSeen] = createSignal<ReadonlyArray<{ uid: string; name: string }>>([]);
  const closeAll = () => {
    for (const detach of streams.values()) detach();
    streams.clear();
  };
  onCleanup(closeAll);
  createEffect(() => {
    // A new tail (or another workload) starts over.
    void tail();
    void selector();
    closeAll();
    feed.clear();
    setSeen([]);
  });
  createEffect(() => {
    const tailLines = tail() ? Number(tail()) : undefined;
    for (const pod of pods.items()) {
      const uid = metaString(pod, 'uid');
      const name = metaString(pod, 'name');
      if (!seen().some((p) => p.uid === uid)) setSeen((list) => [...list, { uid, name }]);
      for (const container of startedContainers(pod)) {
        const key = `${uid}/${container}`;
        if (streams.has(key)) continue;
        const stream = mux.logs({
          cluster: props.context.cluster,
          namespace: namespace(),
          pod: name,
          container,
          follow: true,
          timestamps: true,
          ...(tailLines !== undefined ? { tailLines } : {}),
        });
        streams.set(key, feed.attach(stream, `${name}/${container}`));
      }
    }
  });
  const alive = createMemo(() => new Set(pods.items().map((p) => metaString(p, 'uid'))));
  const terminating = createMemo(
    () =>
      new Set(
        pods
          .items()
          .filter((p) => p.metadata.deletionTimestamp)
          .map((p) => metaString(p, 'uid')),
      ),
  );
  const mark = (uid: string) =>
    !alive().has(uid) ? ' (gone)' : terminating().has(uid) ? ' (terminating)' : '';

  const toolbar = (
    <SelectField
      label="Tail per container"
      options={tailPresets}
      value={tail()}
      onChange={(e) => setTail(e.currentTarget.value)}
    />
  );
  return (
    <div class="term-tab">
      <Show
        when={selector()}
        fallback={
          <EmptyState title="No pod selector">
            This {props.context.kind} has no selector Porthole can read, so it has no pods to show logs of.
          </EmptyState>
        }
      >
        <Show when={pods.error()}>
          {(err) => <ErrorState title="Could not watch the pods" error={err()} />}
        </Show>
        <ul class="term-pods" aria-label="Pods">
          <For each={seen()}>
            {(pod) => (
              <li
                style={{ color: sourceColour(pod.name) }}
                classList={{ 'term-log-gone': mark(pod.uid) !== '' }}
                data-gone={alive().has(pod.uid) ? undefined : 'true'}
              >
                {pod.name}
                {mark(pod.uid)}
              </li>
            )}
          </For>
        </ul>
        <LogView
          buffer={feed.buffer}
          version={feed.version()}
          label={`Logs of the pods of ${props.context.kind} ${metaString(workload(), 'name')}`}
          follow={true}
          sources={true}
          fileName={`${metaString(workload(), 'name')}.log`}
          toolbar={toolbar}
        />
      </Show>
    </div>
  );
}
