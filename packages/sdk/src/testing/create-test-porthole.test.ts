// @vitest-environment happy-dom
import type { KubeObject } from '@porthole/protocol';
import { StatusError } from '@porthole/protocol';
import { createEffect, createRoot } from 'solid-js';
import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import { definePlugin } from '../plugins/define-plugin.ts';
import { usePluginConfig } from '../plugins/plugin-config.ts';
import { usePorthole } from '../plugins/porthole-context.ts';
import { createWatch } from '../solid/create-watch.ts';
import { createTestPorthole } from './create-test-porthole.ts';
import { renderPage, renderTab, renderWithPorthole, resourceContextOf, runAction } from './render-plugin.ts';

const configMap = (name: string, namespace = 'web', labels: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace, labels },
});

/** A plugin page (no JSX: the SDK's tests run without Solid's compiler) listing ConfigMaps live. */
function ConfigMapList() {
  const { mux, cluster } = usePorthole();
  const list = document.createElement('ul');
  list.setAttribute('aria-label', 'ConfigMaps');
  const maps = createWatch(mux, () => ({
    cluster: cluster(),
    group: '',
    version: 'v1',
    resource: 'configmaps',
  }));
  createEffect(() => {
    list.replaceChildren(
      ...maps
        .items()
        .map((m) => Object.assign(document.createElement('li'), { textContent: m.metadata.name })),
    );
  });
  return list;
}

const settings = z.object({ title: z._default(z.string(), 'Maps') });

function Titled() {
  const config = usePluginConfig(settings);
  return Object.assign(document.createElement('h1'), { textContent: config.title });
}

const plugin = definePlugin({
  name: 'demo',
  version: '1.0.0',
  sdk: '*',
  config: settings,
  extensions: [
    { type: 'route', path: 'maps', title: 'Maps', component: async () => ({ default: ConfigMapList }) },
    {
      type: 'resource.tab',
      match: { group: '', kind: 'ConfigMap' },
      title: 'Name',
      component: async () => ({
        default: (props: { context: { object: () => KubeObject | undefined } }) =>
          Object.assign(document.createElement('p'), { textContent: props.context.object()?.metadata.name }),
      }),
    },
    {
      type: 'resource.action',
      match: { group: '', kind: 'ConfigMap' },
      label: 'Open',
      run: async () => ({
        default: (
          context: { object: () => KubeObject | undefined },
          porthole: { navigate(p: string): void },
        ) => porthole.navigate(`/c/test/configmaps/${context.object()?.metadata.name}`),
      }),
    },
  ],
});

const texts = (root: HTMLElement) => Array.from(root.querySelectorAll('li'), (li) => li.textContent);

describe('createTestPorthole (in memory)', () => {
  it("renders a plugin's page on the given objects, and open watches see objects put and removed", async () => {
    const test = createTestPorthole({ objects: [configMap('b'), configMap('a')] });
    const view = await renderPage(plugin, 'maps', test);
    await vi.waitFor(() => expect(texts(view.container)).toEqual(['a', 'b']));
    test.objects.put('test', configMap('c'));
    await vi.waitFor(() => expect(texts(view.container)).toEqual(['a', 'b', 'c']));
    test.objects.remove('test', configMap('a'));
    await vi.waitFor(() => expect(texts(view.container)).toEqual(['b', 'c']));
    view.unmount();
    expect(document.body.contains(view.container)).toBe(false);
    test.close();
  });

  it('filters watches by namespace and label selector', async () => {
    const test = createTestPorthole({
      objects: [
        configMap('a', 'web', { team: 'x' }),
        configMap('b', 'web'),
        configMap('c', 'db', { team: 'x' }),
      ],
    });
    const names = async (labelSelector?: string, namespace?: string, resource = 'configmaps') => {
      const watch = test.porthole.mux.watch({
        cluster: 'test',
        group: '',
        version: 'v1',
        resource,
        namespace,
        labelSelector,
      });
      expect(watch.status()).toBe('loading');
      await Promise.resolve();
      expect(watch.status()).toBe('live');
      return watch.items().map((o) => o.metadata.name);
    };
    expect(await names('team=x')).toEqual(['c', 'a']);
    expect(await names('team', 'web')).toEqual(['a']);
    expect(await names('!team')).toEqual(['b']);
    expect(await names('team!=x')).toEqual(['b']);
    expect(await names(undefined, undefined, 'secrets')).toEqual([]);
  });

  it('gives the plugin its config, tabs their object, and actions the porthole to navigate with', async () => {
    const test = createTestPorthole({ config: { title: 'Team maps' } });
    const title = renderWithPorthole(Titled, test);
    expect(title.container.textContent).toBe('Team maps');
    const context = resourceContextOf(configMap('settings'), { cluster: 'test', resource: 'configmaps' });
    expect(context).toMatchObject({ group: '', version: 'v1', kind: 'ConfigMap', resource: 'configmaps' });
    const tab = await renderTab(plugin, 'Name', context, test);
    expect(tab.container.textContent).toBe('settings');
    await runAction(plugin, 'Open', context, test);
    expect(test.navigations).toEqual(['/c/test/configmaps/settings']);
    expect(renderWithPorthole(Titled, createTestPorthole()).container.textContent).toBe('Maps');
    await expect(renderTab(plugin, 'Nope', context, test)).rejects.toThrow(
      'plugin "demo" has no resource.tab titled "Nope"',
    );
  });

  it('answers HTTP from the handler, records the requests, and says which request had no answer', async () => {
    const test = createTestPorthole({
      http: ({ method, path }) => {
        if (method === 'DELETE') throw StatusError.forbidden({ resource: 'configmaps' }, 'a', 'no');
        if (path === '/clusters/test/api/v1/namespaces/web/configmaps/a') return configMap('a');
        return undefined;
      },
    });
    const got = await test.porthole.resources.get({
      cluster: 'test',
      group: '',
      version: 'v1',
      resource: 'configmaps',
      namespace: 'web',
      name: 'a',
    });
    expect(got.metadata.name).toBe('a');
    await expect(
      test.porthole.resources.delete({
        cluster: 'test',
        group: '',
        version: 'v1',
        resource: 'configmaps',
        namespace: 'web',
        name: 'a',
      }),
    ).rejects.toMatchObject({ status: { code: 403 } });
    await expect(test.porthole.http.request({ method: 'GET', path: '/api/nothing' })).rejects.toThrow(
      'createTestPorthole: no answer for GET /api/nothing (give one in http)',
    );
    expect(test.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /clusters/test/api/v1/namespaces/web/configmaps/a',
      'DELETE /clusters/test/api/v1/namespaces/web/configmaps/a',
      'GET /api/nothing',
    ]);
  });

  it('needs a cluster with a url, and refuses logs in memory with the way out', () => {
    expect(() => createTestPorthole({ url: 'http://127.0.0.1:1' })).toThrow(/needs the cluster too/);
    createRoot((dispose) => {
      const test = createTestPorthole();
      expect(() =>
        test.porthole.mux.logs({ cluster: 'test', namespace: 'web', pod: 'p', follow: true }),
      ).toThrow(/logs has no in-memory form/);
      dispose();
    });
  });
});
