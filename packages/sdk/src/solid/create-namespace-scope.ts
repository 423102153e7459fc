import { type Accessor, createMemo, createResource, createSignal, untrack } from 'solid-js';
import { type AccessReview, type AccessTarget, createAccessReview } from '../access/can-i.ts';
import { findUsableNamespaces } from '../access/usable-namespaces.ts';
import type { Porthole } from '../plugins/porthole-context.ts';
import { createClusters } from './create-clusters.ts';
import { createWatch } from './create-watch.ts';

/** What {@link createNamespaceScope} is about. */
export interface NamespaceScopeArgs {
  cluster: string;
  /** What the page does in a namespace, e.g. `'secrets'` or `{ group: 'batch', resource: 'cronjobs' }`. */
  target: AccessTarget | string;
  /** Default `list`. */
  verb?: string;
  /** More namespaces to ask about when namespaces can't be listed (e.g. the one in the URL). */
  candidates?: readonly string[];
}

/** The namespaces a person can use on a cluster, for a namespace picker and a "you can't list" state. */
export interface NamespaceScope {
  /**
   * `true` when the person may list namespaces (`names` is every namespace), `false` when they may not
   * (`names` is the candidates they may use), `undefined` until known.
   */
  listable: Accessor<boolean | undefined>;
  /** The namespaces to offer in a picker, sorted. */
  names: Accessor<readonly string[]>;
  /**
   * The namespaces where the person may `verb` the target, checked by SelfSubjectAccessReview: what a
   * "you can't list X here" state offers. For someone who may not list namespaces it is `names()`; for
   * someone who may, reading it starts the checks, of the first {@link maxCheckedNamespaces} namespaces
   * (someone who may list namespaces is not always allowed the kind: ClusterRole `view` lists no Secrets).
   */
  allowed: Accessor<readonly string[]>;
  /** True while the list or the access reviews are awaited. */
  loading: Accessor<boolean>;
  /**
   * The kubeconfig context's namespace (`default` when the context names none): where someone who may
   * not list namespaces starts.
   */
  home: Accessor<string | undefined>;
  /**
   * Where someone who may not list namespaces starts: the context's namespace when they may use it, else
   * the first namespace they may use (someone logged in to a shared context may not use its namespace);
   * `undefined` for someone who may list namespaces, while unknown, or when there is none.
   */
  start: Accessor<string | undefined>;
}

/** How many namespaces {@link NamespaceScope.allowed} checks, one review each, for someone who may list them. */
export const maxCheckedNamespaces = 50;

/**
 * The namespaces a person can use, live: every namespace when they may list them (a live watch), else
 * the context's namespace, `default` and `args().candidates` where a SelfSubjectAccessReview says they
 * may `verb` the target (see {@link findUsableNamespaces}). Cancelled with its owner.
 *
 * @example
 * const scope = createNamespaceScope(usePorthole(), () => ({ cluster: props.cluster, target: 'secrets' }));
 * <NamespaceSelect namespaces={scope.names()} listable={scope.listable()} value={ns()} onChange={setNs} />
 */
export function createNamespaceScope(
  porthole: Pick<Porthole, 'mux' | 'http'>,
  args: Accessor<NamespaceScopeArgs | undefined | null | false>,
  access: AccessReview = createAccessReview(porthole.http),
): NamespaceScope {
  const cluster = () => (args() || undefined)?.cluster;
  const namespaces = createWatch(porthole.mux, () => {
    const c = cluster();
    return c ? { cluster: c, group: '', version: 'v1', resource: 'namespaces' } : undefined;
  });
  const clusters = createClusters(porthole.mux);
  const home = () => {
    const c = cluster();
    const entry = clusters.items().find((item) => item.name === c);
    return entry ? entry.namespace || 'default' : undefined;
  };
  const listable = (): boolean | undefined => {
    if (namespaces.status() === 'error') return false;
    return namespaces.resourceVersion() === undefined ? undefined : true;
  };
  const listed = () => namespaces.items().map((n) => n.metadata.name ?? '');
  // Checks for someone who may list namespaces start when `allowed()` is first read.
  const [checkListed, setCheckListed] = createSignal(false);
  // One key per distinct question, so a live change of the clusters list doesn't ask again.
  const question = createMemo(() => {
    const a = args();
    const mayList = listable();
    if (!a || mayList === undefined || clusters.status() === 'loading') return undefined;
    let candidates: string[];
    if (mayList === false) candidates = [home() ?? '', 'default', ...(a.candidates ?? [])];
    else if (checkListed()) candidates = [...listed()].sort().slice(0, maxCheckedNamespaces);
    else return undefined;
    candidates = candidates.filter((c) => c !== '');
    return JSON.stringify([a.cluster, a.verb ?? 'list', a.target, [...new Set(candidates)].sort()]);
  });
  const [usable] = createResource(question, (json) => {
    const [c, verb, target, candidates] = JSON.parse(json) as [string, string, AccessTarget, string[]];
    return findUsableNamespaces({ access, cluster: c, verb, target, candidates });
  });
  const names = createMemo((): readonly string[] => (listable() === true ? listed() : (usable.latest ?? [])));
  return {
    listable,
    names,
    allowed: () => {
      if (listable() === true && !untrack(checkListed)) setCheckListed(true);
      return usable.latest ?? [];
    },
    loading: () => listable() === undefined || usable.loading,
    home,
    start: () => {
      if (listable() !== false || usable.loading) return undefined;
      const found = usable.latest ?? [];
      const own = home();
      return own && found.includes(own) ? own : found[0];
    },
  };
}
