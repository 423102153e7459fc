import {
  clusterPath,
  type LogStatus,
  type LogStream,
  type ResourceContext,
  type StatusError,
  usePorthole,
} from '@porthole/sdk';
import { Badge, Checkbox, ErrorState, SelectField, TextField } from '@porthole/ui';
import { createEffect, createMemo, createSignal, on, onCleanup, Show, untrack } from 'solid-js';
import { ContainerPicker } from '../components/ContainerPicker.tsx';
import { defaultContainer, metaString, podContainers } from '../model/pod-containers.ts';
import { LogView } from './LogView.tsx';
import { createLogFeed, statusText } from './log-feed.ts';
import { sincePresets, sinceSecondsOf, tailPresets } from './since.ts';
import '../terminal.css';

/** Lines kept in the browser unless `?logCap=` says otherwise (bounded memory). */
export const defaultLineCap = 100_000;

/** The cap from the URL (`?logCap=`, 1 to 1,000,000), else {@link defaultLineCap}. */
export function lineCapOf(search: string): number {
  const value = Number(new URLSearchParams(search).get('logCap'));
  return Number.isInteger(value) && value >= 1 && value <= 1_000_000 ? value : defaultLineCap;
}

/**
 * The `Logs` tab of a Pod: one container's log over the tab's multiplexed socket, following by default.
 * Container picker (init and ephemeral too), previous instance, since, tail, follow; the view does
 * search, timestamps, wrap and download. A reconnect resumes without repeating or losing lines (the
 * SDK's log resume); the badge says "Reconnecting…" meanwhile.
 */
export default function PodLogsTab(props: { context: ResourceContext }) {
  const { mux } = usePorthole();
  const pod = () => props.context.object();
  const namespace = () => metaString(pod(), 'namespace');
  const name = () => metaString(pod(), 'name');
  const containers = createMemo(() => podContainers(pod()));
  const [container, setContainer] = createSignal<string>();
  const chosen = () => container() ?? defaultContainer(pod());
  const [previous, setPrevious] = createSignal(false);
  const [follow, setFollow] = createSignal(true);
  const [since, setSince] = createSignal('');
  const [sinceTime, setSinceTime] = createSignal('');
  const [tail, setTail] = createSignal('1000');
  const feed = createLogFeed(lineCapOf(window.location.search));
  const [status, setStatus] = createSignal<LogStatus>('loading');
  const [error, setError] = createSignal<StatusError>();

  const query = createMemo(
    () => {
      if (!name() || !chosen()) return undefined;
      const sinceSeconds = sinceSecondsOf(since(), sinceTime(), Date.now());
      return {
        cluster: props.context.cluster,
        namespace: namespace(),
        pod: name(),
        container: chosen() ?? '',
        follow: follow() && !previous(),
        previous: previous(),
        timestamps: true,
        ...(tail() ? { tailLines: Number(tail()) } : {}),
        ...(sinceSeconds ? { sinceSeconds } : {}),
      };
    },
    undefined,
    { equals: (a, b) => JSON.stringify(a) === JSON.stringify(b) },
  );

  let stream: LogStream | undefined;
  createEffect(
    on(query, (q) => {
      untrack(() => {
        feed.clear();
        setError(undefined);
        setStatus('loading');
      });
      if (!q) return;
      const current = mux.logs(q);
      stream = current;
      const detach = feed.attach(current, undefined);
      current.ended.then(
        () => stream === current && setStatus(current.status()),
        (err: StatusError) => {
          if (stream !== current) return;
          setError(err);
          setStatus('error');
        },
      );
      onCleanup(detach);
    }),
  );
  // The SDK's stream has no status event: look at it twice a second (cheap; only a badge changes).
  const timer = setInterval(() => stream && setStatus(stream.status()), 500);
  onCleanup(() => clearInterval(timer));

  const serverLogHref = () => {
    const params = new URLSearchParams();
    if (chosen()) params.set('container', chosen() ?? '');
    if (previous()) params.set('previous', 'true');
    return clusterPath(
      props.context.cluster,
      `/api/v1/namespaces/${encodeURIComponent(namespace())}/pods/${encodeURIComponent(name())}/log?${params}`,
    );
  };
  const selected = () => containers().find((c) => c.name === chosen());

  const toolbar = (
    <>
      <ContainerPicker containers={containers} chosen={chosen} onPick={setContainer} />
      <SelectField
        label="Since"
        options={sincePresets}
        value={since()}
        onChange={(e) => setSince(e.currentTarget.value)}
      />
      <Show when={since() === 'custom'}>
        <TextField
          label="Since time"
          type="datetime-local"
          step="1"
          value={sinceTime()}
          onChange={(e) => setSinceTime(e.currentTarget.value)}
        />
      </Show>
      <SelectField
        label="Tail"
        options={tailPresets}
        value={tail()}
        onChange={(e) => setTail(e.currentTarget.value)}
      />
      <Checkbox label="Follow" checked={follow()} onChange={(e) => setFollow(e.currentTarget.checked)} />
      <Checkbox
        label="Previous container"
        description={selected()?.restarted ? undefined : 'this container has not restarted'}
        checked={previous()}
        onChange={(e) => setPrevious(e.currentTarget.checked)}
      />
      <a class="term-link" href={serverLogHref()} download={`${name()}-${chosen() ?? ''}.log`}>
        Download whole log
      </a>
      <span role="status" aria-label="Stream status">
        <Badge tone={status() === 'live' ? 'ok' : status() === 'error' ? 'error' : 'neutral'}>
          {statusText(status())}
        </Badge>
      </span>
    </>
  );

  return (
    <div class="term-tab">
      <Show when={error()}>
        {(err) => (
          <ErrorState title={`Could not read the log of ${name()}/${chosen() ?? ''}`} error={err()} />
        )}
      </Show>
      <LogView
        buffer={feed.buffer}
        version={feed.version()}
        label={`Log of ${name()}/${chosen() ?? ''}`}
        follow={follow() && !previous()}
        fileName={`${name()}-${chosen() ?? ''}.log`}
        toolbar={toolbar}
      />
    </div>
  );
}
