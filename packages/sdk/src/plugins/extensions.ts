import type { KubeObject } from '@porthole/protocol';
import type { Component } from 'solid-js';
import type { Porthole } from './porthole-context.ts';

/**
 * Code loaded on first use: a plugin's manifest stays cheap, its pages load when a route or slot first
 * needs them (write `() => import('./pages/CronJobsPage.tsx')`).
 */
export type Lazy<T> = () => Promise<{ default: T }>;

/** Which resources an action or tab applies to: an API group and a kind; `'*'` matches any. */
export interface ResourceMatcher {
  /** `''` is the core group (pods, configmaps, ...). */
  group: string | '*';
  kind: string | '*';
}

/** Props of a route's page. */
export interface RouteProps {
  /** The cluster (kubeconfig context) in the URL: `/c/{cluster}/...`. */
  cluster: string;
  /** The route's `:params`, decoded. */
  params: Readonly<Record<string, string>>;
}

/** A page of its own, with an entry in the navigation. */
export interface RouteExtension {
  type: 'route';
  /** Below `/c/{cluster}/`, e.g. `'cronjobs'` or `'cronjobs/:namespace/:name'`. */
  path: string;
  title: string;
  /** Where the page appears in the navigation; a route without `nav` is reached by links only. */
  nav?: { section: string; icon?: string; order?: number };
  component: Lazy<Component<RouteProps>>;
}

/** What a resource action or tab is given. */
export interface ResourceContext<T extends KubeObject = KubeObject> {
  cluster: string;
  group: string;
  version: string;
  /** The plural resource name (`cronjobs`). */
  resource: string;
  kind: string;
  /** The object, live: it changes when the cluster does. */
  object: () => T | undefined;
}

/**
 * An action's code: a handler (given the context and the shell's services, e.g. to `navigate`), or a
 * component (a dialog, a menu) given the context and `close`.
 */
export type ActionCode<C> =
  | { run: Lazy<(context: C, porthole: Porthole) => void | Promise<void>>; component?: never }
  | { component: Lazy<Component<{ context: C; close: () => void }>>; run?: never };

/** A button on a resource's page: either a handler, or a component (a dialog, a menu). */
export type ResourceActionExtension = {
  type: 'resource.action';
  match: ResourceMatcher | readonly ResourceMatcher[];
  label: string;
} & ActionCode<ResourceContext>;

/** What a resource list action is given: the kind and the list's namespace, no object. */
export interface ResourceListContext {
  cluster: string;
  group: string;
  version: string;
  /** The plural resource name (`configmaps`). */
  resource: string;
  kind: string;
  /** False for a cluster-scoped kind (nodes, namespaces). */
  namespaced: boolean;
  /** The namespace the list shows when the action runs; `undefined` for all namespaces (or cluster-scoped). */
  namespace: () => string | undefined;
}

/**
 * A button in the toolbar of a kind's list page (e.g. "Create"), matched by kind like `resource.action`.
 *
 * @example
 * { type: 'resource.listAction', match: { group: '*', kind: '*' }, label: 'Create',
 *   run: () => import('./actions/open-create.ts') } // default export: (context, porthole) => porthole.navigate(...)
 */
export type ResourceListActionExtension = {
  type: 'resource.listAction';
  match: ResourceMatcher | readonly ResourceMatcher[];
  label: string;
} & ActionCode<ResourceListContext>;

/** A tab on a resource's detail page. */
export interface ResourceTabExtension {
  type: 'resource.tab';
  match: ResourceMatcher | readonly ResourceMatcher[];
  title: string;
  component: Lazy<Component<{ context: ResourceContext }>>;
}

/** A contribution to an extension point another plugin declared (see `defineExtensionPoint`). */
export interface PointExtension<Id extends string = string, Data = unknown> {
  type: Id;
  data: Data;
}

/** Every extension the shell knows, plus contributions to plugins' own extension points. */
export type Extension =
  | RouteExtension
  | ResourceActionExtension
  | ResourceListActionExtension
  | ResourceTabExtension
  | PointExtension;

/** The extension types the shell itself renders. */
export type ShellExtensionType = 'route' | 'resource.action' | 'resource.listAction' | 'resource.tab';

/**
 * True when `matcher` (or one of several) covers `group`/`kind`.
 *
 * @example
 * matchesResource({ group: 'batch', kind: 'CronJob' }, 'batch', 'CronJob'); // true
 * matchesResource({ group: '*', kind: 'Pod' }, '', 'Pod'); // true
 */
export function matchesResource(
  matcher: ResourceMatcher | readonly ResourceMatcher[],
  group: string,
  kind: string,
): boolean {
  const list: readonly ResourceMatcher[] = Array.isArray(matcher) ? matcher : [matcher as ResourceMatcher];
  return list.some((m) => (m.group === '*' || m.group === group) && (m.kind === '*' || m.kind === kind));
}
