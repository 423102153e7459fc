import type { KubeObject } from '@porthole/protocol';
import { type Component, createComponent, type JSX } from 'solid-js';
import { render } from 'solid-js/web';
import type { PluginDefinition } from '../plugins/define-plugin.ts';
import type {
  ResourceContext,
  ResourceListContext,
  RouteExtension,
  RouteProps,
} from '../plugins/extensions.ts';
import { type Porthole, PortholeContext } from '../plugins/porthole-context.ts';

/** Something rendered by the test kit, in its own element attached to `document.body`. */
export interface RenderedView {
  /** The element the view is rendered into; query it (`container.querySelector`, `textContent`). */
  container: HTMLElement;
  /** Disposes the view (every `onCleanup` runs) and removes its element. */
  unmount(): void;
}

/**
 * Renders `ui` inside `PortholeContext` with `porthole` (from `createTestPorthole`), into a new element
 * on `document.body`. Needs a DOM: a test environment such as happy-dom (`environment: 'happy-dom'` in
 * the vitest config) with Solid's browser build.
 *
 * @example
 * const test = createTestPorthole({ objects: [pod] });
 * const view = renderWithPorthole(() => <PodsPage cluster="test" params={{}} />, test);
 * await vi.waitFor(() => expect(view.container.textContent).toContain('web-1'));
 */
export function renderWithPorthole(ui: () => JSX.Element, test: { porthole: Porthole }): RenderedView {
  const container = document.createElement('div');
  document.body.append(container);
  const dispose = render(
    () =>
      createComponent(PortholeContext.Provider, {
        value: test.porthole,
        get children() {
          return ui();
        },
      }),
    container,
  );
  return {
    container,
    unmount() {
      dispose();
      container.remove();
    },
  };
}

function extensionOf<E extends { type: string }>(
  plugin: PluginDefinition,
  type: E['type'],
  pick: (e: E) => boolean,
  what: string,
): E {
  const found = plugin.extensions.find((e) => e.type === type && pick(e as unknown as E));
  if (!found) throw new Error(`plugin "${plugin.name}" has no ${type} ${what}`);
  return found as unknown as E;
}

async function renderLazy<P extends object>(
  load: () => Promise<{ default: Component<P> }>,
  props: P,
  test: { porthole: Porthole },
): Promise<RenderedView> {
  const { default: component } = await load();
  return renderWithPorthole(() => createComponent(component, props), test);
}

/**
 * Renders the page of a plugin's route (by its `path`) as the shell would, its lazy code loaded.
 *
 * @example
 * const view = await renderPage(plugin, 'cronjobs', test);
 */
export async function renderPage(
  plugin: PluginDefinition,
  path: string,
  test: { porthole: Porthole },
  params: RouteProps['params'] = {},
): Promise<RenderedView> {
  const route = extensionOf<RouteExtension>(plugin, 'route', (r) => r.path === path, `with path "${path}"`);
  return renderLazy(route.component, { cluster: test.porthole.cluster(), params }, test);
}

/**
 * Renders a plugin's `resource.tab` (by its title) for an object.
 *
 * @example
 * const view = await renderTab(plugin, 'Jobs', resourceContextOf(cronJob, { cluster: 'test', resource: 'cronjobs' }), test);
 */
export async function renderTab(
  plugin: PluginDefinition,
  title: string,
  context: ResourceContext,
  test: { porthole: Porthole },
): Promise<RenderedView> {
  const tab = extensionOf<Extract<PluginDefinition['extensions'][number], { type: 'resource.tab' }>>(
    plugin,
    'resource.tab',
    (t) => t.title === title,
    `titled "${title}"`,
  );
  return renderLazy(tab.component, { context }, test);
}

type ActionExtension = Extract<
  PluginDefinition['extensions'][number],
  { type: 'resource.action' | 'resource.listAction' }
>;

/**
 * Runs a plugin's `resource.action` or `resource.listAction` (by its label): a handler is called with
 * the context and the test's Porthole (`view` is undefined); a component (a dialog) is rendered with the
 * context and a `close` that `closed()` reports.
 *
 * @example
 * const action = await runAction(plugin, 'Run now', resourceContextOf(cronJob, { cluster: 'test', resource: 'cronjobs' }), test);
 * action.view?.container.querySelector('button');
 */
export async function runAction(
  plugin: PluginDefinition,
  label: string,
  context: ResourceContext | ResourceListContext,
  test: { porthole: Porthole },
): Promise<{ view: RenderedView | undefined; closed: () => boolean }> {
  const action = extensionOf<ActionExtension>(
    plugin,
    (['resource.action', 'resource.listAction'] as const).find((type) =>
      plugin.extensions.some((e) => e.type === type && (e as ActionExtension).label === label),
    ) ?? 'resource.action',
    (a) => a.label === label,
    `labelled "${label}"`,
  );
  let closed = false;
  if (action.run) {
    const { default: handler } = await action.run();
    await (handler as (c: typeof context, p: Porthole) => void | Promise<void>)(context, test.porthole);
    return { view: undefined, closed: () => true };
  }
  const { default: component } = await action.component();
  const view = renderWithPorthole(
    () =>
      createComponent(component as Component<{ context: typeof context; close: () => void }>, {
        context,
        close: () => {
          closed = true;
        },
      }),
    test,
  );
  return { view, closed: () => closed };
}

/**
 * A `ResourceContext` for an object, as the shell gives tabs and actions: its group, version and kind
 * from the object, the plural `resource` given.
 *
 * @example
 * resourceContextOf(cronJob, { cluster: 'test', resource: 'cronjobs' });
 */
export function resourceContextOf<T extends KubeObject>(
  object: T,
  where: { cluster: string; resource: string },
): ResourceContext<T> {
  const apiVersion = String(object.apiVersion ?? 'v1');
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  return {
    cluster: where.cluster,
    group: group ?? '',
    version: version ?? 'v1',
    resource: where.resource,
    kind: String(object.kind ?? ''),
    object: () => object,
  };
}
