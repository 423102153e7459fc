import { type Accessor, createSignal, untrack } from 'solid-js';
import { useShell } from '../shell-context.ts';

/** The namespace chosen on each cluster, shared by every list page and the sidebar; see {@link createNamespaceChoice}. */
export interface NamespaceChoice {
  /** The namespace chosen on `cluster` (`''`: all namespaces); `undefined` before any choice. Reactive. */
  of(cluster: string): string | undefined;
  choose(cluster: string, namespace: string): void;
}

const key = 'porthole.namespaces';
type NamespaceStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** The remembered choices; a value that is not a namespace name (an edited store) is dropped. */
function read(
  storage: NamespaceStorage | undefined,
  isName: (value: string) => boolean,
): Record<string, string> {
  try {
    const value: unknown = JSON.parse(storage?.getItem(key) ?? '{}');
    if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
    return Object.fromEntries(
      Object.entries(value).filter(
        (e): e is [string, string] => typeof e[1] === 'string' && (e[1] === '' || isName(e[1])),
      ),
    );
  } catch {
    return {};
  }
}

/**
 * One namespace choice per cluster for the tab, remembered in `storage` (`localStorage`) so the next
 * visit opens there: a list page shows the chosen namespace, the sidebar offers the kinds the person may
 * list in it. `isName` tells a namespace name from anything else found in the store.
 *
 * @example
 * const choice = createNamespaceChoice(localStorage, (v) => !namespaceNameError(v));
 * choice.choose('prod', 'web');
 * choice.of('prod'); // 'web'
 */
export function createNamespaceChoice(
  storage: NamespaceStorage | undefined,
  isName: (value: string) => boolean,
): NamespaceChoice {
  const [chosen, setChosen] = createSignal(read(storage, isName));
  return {
    of: (cluster) => (Object.hasOwn(chosen(), cluster) ? chosen()[cluster] : undefined),
    choose(cluster, namespace) {
      if (untrack(chosen)[cluster] === namespace) return;
      const next = { ...read(storage, isName), ...untrack(chosen), [cluster]: namespace };
      setChosen(next);
      try {
        storage?.setItem(key, JSON.stringify(next));
      } catch {
        // Not remembered; this tab still shares it.
      }
    },
  };
}

/**
 * A list page's namespace as a signal pair over the shell's shared choice for `cluster`; `start` (the
 * URL's `?namespace=`) becomes the choice.
 *
 * @example
 * const [namespace, setNamespace] = useNamespaceChoice(() => props.cluster, props.namespace);
 */
export function useNamespaceChoice(
  cluster: Accessor<string>,
  start?: string,
): [Accessor<string>, (namespace: string) => void] {
  const { namespaces } = useShell();
  if (start !== undefined) namespaces.choose(untrack(cluster), start);
  return [() => namespaces.of(cluster()) ?? '', (namespace) => namespaces.choose(cluster(), namespace)];
}
