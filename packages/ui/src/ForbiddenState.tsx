import { createUniqueId, For, type JSX, Show } from 'solid-js';
import { Button } from './Button.tsx';
import { type ForbiddenPlace, forbiddenTitle } from './forbidden-title.ts';

/** Props of {@link ForbiddenState}. */
export interface ForbiddenStateProps extends ForbiddenPlace {
  /** What was refused, plural, for people: `Secrets`, `CronJobs` (the SDK's `pluralKind`). */
  what: string;
  /** Default `list`. */
  verb?: string;
  /** The namespaces where the person may do it (the SDK's `createNamespaceScope`). */
  namespaces?: readonly string[];
  /** True while those namespaces are being found. */
  loading?: boolean;
  /** Called with the namespace the person picks; its buttons are shown only with it. */
  onPick?: (namespace: string) => void;
  /** More, under the explanation (e.g. a link to what the cluster serves). */
  children?: JSX.Element;
}

/**
 * What a page shows instead of a raw 403 when the person may not list (or `verb`) what it shows: "You
 * can't list Secrets in namespace default", in words for people, and the namespaces where they can, as
 * buttons. The API server's own message ("secrets is forbidden: User … cannot list resource …") is not
 * shown: it names the same thing less clearly.
 *
 * @example
 * <Show when={isForbidden(watch.error())}>
 *   <ForbiddenState what="Secrets" namespace="default" namespaces={scope.names()} onPick={setNamespace} />
 * </Show>
 */
export function ForbiddenState(props: ForbiddenStateProps) {
  const verb = () => props.verb ?? 'list';
  const elsewhere = () => (props.namespaces ?? []).filter((n) => n !== props.namespace);
  const clusterWide = () => props.namespaced === false;
  const listId = `pt-forbidden-${createUniqueId()}`;
  return (
    <div class="pt-state pt-state-forbidden" role="alert" data-testid="forbidden-state">
      <h2>{forbiddenTitle(verb(), props.what, props)}</h2>
      <p>
        {clusterWide()
          ? `Your account may not ${verb()} ${props.what} across the cluster. Ask a cluster administrator if you need to.`
          : `Your account may not ${verb()} ${props.what} here.`}
      </p>
      <Show when={!clusterWide() && props.onPick}>
        {(pick) => (
          <Show
            when={elsewhere().length > 0}
            fallback={
              <p>
                {props.loading
                  ? 'Looking for namespaces you can use…'
                  : `No namespace where you may ${verb()} ${props.what} was found; type one you know in the namespace picker, or ask a cluster administrator.`}
              </p>
            }
          >
            <p id={listId}>Namespaces where you can:</p>
            <ul class="pt-state-actions pt-state-namespaces" aria-labelledby={listId}>
              <For each={elsewhere()}>
                {(namespace) => (
                  <li>
                    <Button size="small" onClick={() => pick()(namespace)}>
                      {namespace}
                    </Button>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
      {props.children}
    </div>
  );
}
