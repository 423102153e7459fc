import {
  type AccessDecision,
  createAccessReview,
  type ExecSession,
  type ResourceContext,
  type StatusError,
  usePorthole,
} from '@porthole/sdk';
import { Button, EmptyState, ErrorState, LoadingState, TextField } from '@porthole/ui';
import { createEffect, createMemo, createSignal, Match, on, onCleanup, Show, Switch } from 'solid-js';
import { ContainerPicker } from '../components/ContainerPicker.tsx';
import { defaultContainer, metaString, podContainers } from '../model/pod-containers.ts';
import { runShell, type ShellEnd } from './run-shell.ts';
import { openTerminal, type TerminalHandle } from './terminal.ts';
import '../terminal.css';

/**
 * The `Shell` tab of a Pod: a terminal (xterm, DOM renderer, so its text is in the page) on the
 * multiplexer's `exec` with a tty. Tries `bash`, then `sh`, or runs the command given. The size follows
 * the tab; the end says how (exit code, connection lost) with `Reconnect`. Only offered when `canI`
 * says the user may `create pods/exec`; otherwise the tab says why.
 */
export default function ShellTab(props: { context: ResourceContext }) {
  const porthole = usePorthole();
  const pod = () => props.context.object();
  const namespace = () => metaString(pod(), 'namespace');
  const name = () => metaString(pod(), 'name');
  const containers = createMemo(() => podContainers(pod()).filter((c) => c.kind !== 'init' || c.running));
  const [container, setContainer] = createSignal<string>();
  const chosen = () => container() ?? defaultContainer(pod());
  const [command, setCommand] = createSignal('');
  const [access, setAccess] = createSignal<AccessDecision | { error: StatusError }>();
  const [ended, setEnded] = createSignal<ShellEnd>();
  const [attempt, setAttempt] = createSignal(0);
  const review = createAccessReview(porthole.http);

  createEffect(
    on([() => props.context.cluster, namespace], ([cluster, ns]) => {
      if (!ns) return;
      review
        .canI(cluster, 'create', 'pods/exec', ns)
        .then(setAccess, (error: StatusError) => setAccess({ error }));
    }),
  );
  const allowed = () => {
    const a = access();
    return a !== undefined && 'allowed' in a && a.allowed;
  };

  let host: HTMLDivElement | undefined;
  let terminal: TerminalHandle | undefined;
  let session: ExecSession | undefined;
  onCleanup(() => {
    session?.close();
    terminal?.dispose();
  });

  // (Re)connects whenever the container, the attempt (Reconnect) or the permission changes.
  createEffect(
    on([allowed, chosen, attempt, name], ([ok, target]) => {
      if (!ok || !target || !host || !name()) return;
      session?.close();
      setEnded(undefined);
      terminal ??= openTerminal(host);
      terminal.reset();
      const run = runShell({
        mux: porthole.mux,
        terminal,
        target: { cluster: props.context.cluster, namespace: namespace(), pod: name(), container: target },
        command: command(),
        onSession: (s) => {
          session = s;
        },
      });
      run.then(setEnded);
      terminal.focus();
    }),
  );

  const reconnect = () => setAttempt((n) => n + 1);
  const denied = () => {
    const a = access();
    return a && 'allowed' in a && !a.allowed ? a : undefined;
  };
  const reviewError = () => {
    const a = access();
    return a && 'error' in a ? a.error : undefined;
  };

  return (
    <div class="term-shell">
      <Switch>
        <Match when={reviewError()}>
          {(error) => <ErrorState title="Could not check whether you may open a shell" error={error()} />}
        </Match>
        <Match when={denied()}>
          {(decision) => (
            <EmptyState title="You may not open a shell in this pod">
              Porthole asked the cluster (SelfSubjectAccessReview): {decision().explanation}.
              {decision().reason ? ` ${decision().reason}` : ''}
            </EmptyState>
          )}
        </Match>
        <Match when={access() === undefined}>
          <LoadingState what="your permissions" />
        </Match>
      </Switch>
      <Show when={allowed()}>
        <form
          class="term-toolbar"
          aria-label="Shell options"
          onSubmit={(e) => {
            e.preventDefault();
            reconnect();
          }}
        >
          <ContainerPicker containers={containers} chosen={chosen} onPick={setContainer} />
          <TextField
            label="Command"
            description="Empty: bash, then sh. Words go to the container as they are (no shell)."
            value={command()}
            onInput={(e) => setCommand(e.currentTarget.value)}
          />
          <Button type="submit" size="small" variant="secondary">
            Run
          </Button>
        </form>
        <Show when={ended()}>
          {(end) => (
            <div class="term-toolbar" role="status">
              <span>{end().message}</span>
              <Button size="small" onClick={reconnect}>
                Reconnect
              </Button>
            </div>
          )}
        </Show>
      </Show>
      {/* biome-ignore lint/a11y/useSemanticElements: xterm's host, not a form group of fields */}
      <div
        ref={host}
        class="term-xterm"
        role="group"
        aria-label={`Shell in ${name()}/${chosen() ?? ''}`}
        hidden={!allowed()}
      />
    </div>
  );
}
