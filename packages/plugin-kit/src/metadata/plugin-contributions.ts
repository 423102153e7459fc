import type { PluginContributions } from '@porthole/protocol';

/** The parts of a `definePlugin()` result the summary reads (checked by the SDK's `checkPluginDefinition` first). */
export interface PluginDefinitionLike {
  name: string;
  version: string;
  sdk: string;
  extensions: readonly unknown[];
  extensionPoints?: readonly unknown[];
  /** The settings schema (zod), if any. */
  config?: unknown;
}

/** What {@link summarisePlugin} concluded: the contributions, or every problem found, by extension. */
export type PluginSummaryResult =
  | { ok: true; contributes: PluginContributions }
  | { ok: false; problems: string[] };

const shellTypes = new Set(['route', 'resource.action', 'resource.listAction', 'resource.tab']);
const actionTypes = new Set(['resource.action', 'resource.listAction']);

type Matcher = { group: string; kind: string };

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function matchers(value: unknown): Matcher[] | undefined {
  const list = Array.isArray(value) ? value : [value];
  const out: Matcher[] = [];
  for (const item of list) {
    const { group, kind } = record(item);
    if (typeof group !== 'string' || typeof kind !== 'string' || kind === '') return undefined;
    out.push({ group, kind });
  }
  return out.length > 0 ? out : undefined;
}

function isLazy(value: unknown): boolean {
  return typeof value === 'function';
}

function routeOf(e: Record<string, unknown>, problems: string[], where: string) {
  if (typeof e.path !== 'string' || e.path === '') problems.push(`${where}: a route needs a path`);
  if (typeof e.title !== 'string' || e.title === '') problems.push(`${where}: a route needs a title`);
  if (!isLazy(e.component))
    problems.push(`${where}: component must be a lazy import, e.g. () => import('./pages/Page.tsx')`);
  const nav = e.nav === undefined ? undefined : record(e.nav);
  if (nav && (typeof nav.section !== 'string' || nav.section === ''))
    problems.push(`${where}: nav needs a section`);
  return {
    path: String(e.path),
    title: String(e.title),
    ...(nav && {
      nav: {
        section: String(nav.section),
        ...(typeof nav.icon === 'string' && { icon: nav.icon }),
        ...(typeof nav.order === 'number' && { order: nav.order }),
      },
    }),
  };
}

/**
 * What a plugin contributes, as `porthole-plugin.json` carries it: routes (path, title, nav), resource
 * actions, list actions and tabs (matchers and labels), the extension points it declares and those it fills. The
 * shell builds navigation and fills slots from this without loading the plugin's code, so every problem
 * that would only show once the plugin loads is reported here, at build time.
 *
 * @example
 * const result = summarisePlugin(definition);
 * if (!result.ok) throw new Error(result.problems.join('\n'));
 */
export function summarisePlugin(plugin: PluginDefinitionLike): PluginSummaryResult {
  const problems: string[] = [];
  const contributes: PluginContributions = {
    routes: [],
    resourceActions: [],
    resourceListActions: [],
    resourceTabs: [],
    extensionPoints: [],
    pointExtensions: [],
  };
  plugin.extensions.forEach((raw, index) => {
    const e = record(raw);
    const type = String(e.type);
    const where = `extension ${index} (${type})`;
    if (type === 'route') contributes.routes.push(routeOf(e, problems, where));
    else if (actionTypes.has(type) || type === 'resource.tab') {
      const action = actionTypes.has(type);
      const match = matchers(e.match);
      if (!match) problems.push(`${where}: match must be { group, kind } or a list of them`);
      const text = action ? e.label : e.title;
      if (typeof text !== 'string' || text === '')
        problems.push(`${where}: needs a ${action ? 'label' : 'title'}`);
      const code = action ? (isLazy(e.run) ? e.run : e.component) : e.component;
      if (!isLazy(code)) problems.push(`${where}: its code must be a lazy import () => import('...')`);
      if (type === 'resource.action')
        contributes.resourceActions.push({ match: match ?? [], label: String(text) });
      else if (type === 'resource.listAction')
        contributes.resourceListActions.push({ match: match ?? [], label: String(text) });
      else contributes.resourceTabs.push({ match: match ?? [], title: String(text) });
    } else if (!shellTypes.has(type)) {
      if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(type))
        problems.push(
          `${where}: "${type}" is neither a shell extension type nor a namespaced extension point id`,
        );
      else if (!contributes.pointExtensions.includes(type)) contributes.pointExtensions.push(type);
    }
  });
  for (const [index, point] of (plugin.extensionPoints ?? []).entries()) {
    const { id } = record(point);
    if (typeof id !== 'string')
      problems.push(`extensionPoints[${index}] is not a defineExtensionPoint() result`);
    else contributes.extensionPoints.push(id);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, contributes };
}
