import { StatusError } from '@porthole/protocol';
import type { DiscoveredResource, Discovery } from '@porthole/sdk';
import { type Accessor, createEffect, createSignal, on, onCleanup } from 'solid-js';
import { groupFromSegment, type ResourceAddress } from './resource-paths.ts';

/**
 * The discovered entry of a resource address (`group` `''` or `core` is the core group).
 *
 * @example
 * findResource(await discovery.resources('prod'), { cluster: 'prod', group: 'core', version: 'v1', resource: 'pods' });
 */
export function findResource(
  resources: readonly DiscoveredResource[],
  address: ResourceAddress,
): DiscoveredResource | undefined {
  const group = address.group === 'core' ? '' : address.group;
  return resources.find(
    (r) => r.group === group && r.version === address.version && r.resource === address.resource,
  );
}

/**
 * The resource serving `kind` of `apiVersion` (an owner reference's target): that exact version when
 * served, else the group's preferred one.
 *
 * @example
 * findKind(resources, 'apps', 'v1', 'ReplicaSet')?.resource; // 'replicasets'
 */
export function findKind(
  resources: readonly DiscoveredResource[],
  group: string,
  version: string,
  kind: string,
): DiscoveredResource | undefined {
  const matches = resources.filter((r) => r.group === group && r.kind === kind);
  return matches.find((r) => r.version === version) ?? matches.find((r) => r.preferred) ?? matches[0];
}

/** What discovery said: the list, or the failure as a value. */
export type DiscoveryResult =
  | { ok: true; resources: readonly DiscoveredResource[] }
  | { ok: false; message: string; code?: number | undefined };

/**
 * Discovery's result for a component: the result (undefined until the first answer), whether a request
 * is running, and a way to ask again. Plain signals, not a Solid resource: reading it never suspends
 * the page (the shell's Suspense fallback would replace the view's own waiting state).
 */
export interface DiscoveredResult {
  (): DiscoveryResult | undefined;
  readonly loading: boolean;
  retry(): void;
}

/**
 * The cluster's discovered resources for a component, reloaded when the cluster changes (or on
 * `retry()`); never rejects: a failure is a value with its message and HTTP code.
 *
 * @example
 * const discovered = createDiscovered(discovery, () => props.cluster);
 */
export function createDiscovered(discovery: Discovery, cluster: Accessor<string>): DiscoveredResult {
  const [state, setState] = createSignal<{ result?: DiscoveryResult; loading: boolean }>({ loading: true });
  const [attempt, setAttempt] = createSignal(0);
  // Another cluster's answer must not show while this one's is awaited.
  createEffect(on(cluster, () => setState({ loading: true })));
  createEffect(
    on([cluster, attempt], ([name]) => {
      let current = true;
      onCleanup(() => {
        current = false;
      });
      setState((before) => ({ ...before, loading: true }));
      discovery.resources(name).then(
        (resources) => {
          if (current) setState({ result: { ok: true, resources }, loading: false });
        },
        (err: unknown) => {
          const code = err instanceof StatusError ? err.code : undefined;
          const message = err instanceof Error ? err.message : String(err);
          if (current) setState({ result: { ok: false, message, code }, loading: false });
        },
      );
    }),
  );
  const read = () => state().result;
  return Object.defineProperties(read, {
    loading: { get: () => state().loading },
    retry: { value: () => setAttempt((n) => n + 1) },
  }) as DiscoveredResult;
}

/** A resource page's address and what discovery says of it. */
export interface DiscoveredKind {
  /** The API group (`''` for core; the URL says `core`). */
  group: Accessor<string>;
  address: Accessor<ResourceAddress>;
  discovered: DiscoveredResult;
  /** Every resource the cluster serves (empty while loading or after a failure). */
  resources: Accessor<readonly DiscoveredResource[]>;
  /** The discovered entry of this page's resource; undefined while loading or when not served. */
  kind: Accessor<DiscoveredResource | undefined>;
}

/**
 * The address of a resource page (from its URL props) and its discovered kind, for the list and detail
 * pages alike.
 *
 * @example
 * const { address, kind } = createDiscoveredKind(discovery, props);
 */
export function createDiscoveredKind(
  discovery: Discovery,
  props: { cluster: string; group: string; version: string; resource: string },
): DiscoveredKind {
  const group = () => groupFromSegment(props.group);
  const address = () => ({
    cluster: props.cluster,
    group: group(),
    version: props.version,
    resource: props.resource,
  });
  const discovered = createDiscovered(discovery, () => props.cluster);
  const resources = () => {
    const result = discovered();
    return result?.ok ? result.resources : [];
  };
  return { group, address, discovered, resources, kind: () => findResource(resources(), address()) };
}
