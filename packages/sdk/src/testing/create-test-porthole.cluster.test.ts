// @vitest-environment happy-dom
// The test kit against a real `porthole serve` and the testcluster: the integration-test half of
// createTestPorthole, as a plugin author's integration test would use it.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { type RunningBackend, startBackend } from '@porthole/backend/testing';
import { start, type TestCluster } from '@porthole/testcluster';
import { createEffect } from 'solid-js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { definePlugin } from '../plugins/define-plugin.ts';
import { usePorthole } from '../plugins/porthole-context.ts';
import { createWatch } from '../solid/create-watch.ts';
import { createTestPorthole } from './create-test-porthole.ts';
import { renderPage } from './render-plugin.ts';

const run = promisify(execFile);
const ns = 'sdk-test-kit';

/** A plugin page listing the ConfigMaps of the namespace in its route params, live. */
function ConfigMapList(props: { params: Readonly<Record<string, string>> }) {
  const { mux, cluster } = usePorthole();
  const list = document.createElement('ul');
  const maps = createWatch(mux, () => ({
    cluster: cluster(),
    group: '',
    version: 'v1',
    resource: 'configmaps',
    namespace: props.params.namespace,
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

const plugin = definePlugin({
  name: 'maps',
  version: '1.0.0',
  sdk: '*',
  extensions: [
    {
      type: 'route',
      path: 'maps/:namespace',
      title: 'Maps',
      component: async () => ({ default: ConfigMapList }),
    },
  ],
});

describe('createTestPorthole({ url })', () => {
  let cluster: TestCluster;
  let backend: RunningBackend;
  const kubectl = (...args: string[]) => run('kubectl', ['--kubeconfig', cluster.kubeconfigPath, ...args]);

  beforeAll(async () => {
    cluster = await start({ name: 'sdk-test-kit' });
    backend = await startBackend({ kubeconfigs: [cluster.kubeconfigPath] });
    await kubectl('create', 'namespace', ns);
    await kubectl('create', 'configmap', 'first', '-n', ns);
  });

  afterAll(async () => {
    await backend?.stop();
    await cluster?.stop();
  });

  it("renders a plugin's page on the real cluster through porthole serve, live", async () => {
    // porthole serve takes a WebSocket only from its own origin (as the shell is): the page is there.
    (globalThis as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(backend.url);
    const test = createTestPorthole({ url: backend.url, cluster: cluster.contexts.admin });
    const view = await renderPage(plugin, 'maps/:namespace', test, { namespace: ns });
    // Every namespace also holds the cluster's kube-root-ca.crt.
    const names = () =>
      Array.from(view.container.querySelectorAll('li'), (li) => li.textContent).filter(
        (n) => n !== 'kube-root-ca.crt',
      );
    await vi.waitFor(() => expect(names()).toEqual(['first']), { timeout: 30_000 });
    await kubectl('create', 'configmap', 'second', '-n', ns);
    await vi.waitFor(() => expect(names()).toEqual(['first', 'second']), { timeout: 30_000 });
    const read = await test.porthole.resources.get({
      cluster: cluster.contexts.admin,
      group: '',
      version: 'v1',
      resource: 'configmaps',
      namespace: ns,
      name: 'second',
    });
    expect((read as { metadata: { name: string } }).metadata.name).toBe('second');
    view.unmount();
    test.close();
  });
});
