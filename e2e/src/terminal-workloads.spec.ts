import { expect, test } from '@playwright/test';
import { deploymentOf } from '@porthole/testcluster';
import { detailURL, kubectl } from './editor-pages.ts';
import { type E2eEnvironment, e2eEnvironment } from './environment.ts';
import { kubectlApply, logList } from './terminal-pages.ts';

const namespace = `term-work-${Date.now().toString(36)}`;
let env: E2eEnvironment;

async function podNames(): Promise<string[]> {
  const out = await kubectl(
    env,
    'get',
    'pods',
    '-n',
    namespace,
    '-l',
    'app=greeter',
    '-o',
    'jsonpath={range .items[?(@.status.phase=="Running")]}{.metadata.name}{"\\n"}{end}',
  );
  return out.split('\n').filter(Boolean).sort();
}

test.describe('the terminal plugin: Logs of a workload (issue 12)', () => {
  test.beforeAll(async () => {
    env = e2eEnvironment();
    await kubectl(env, 'create', 'namespace', namespace);
    await kubectlApply(
      env,
      deploymentOf({
        namespace,
        name: 'greeter',
        replicas: 2,
        command: ['sh', '-c', 'while true; do echo "hello from $HOSTNAME"; sleep 0.5; done'],
      }),
    );
  });
  test.afterAll(async () => {
    await kubectl(env, 'delete', 'namespace', namespace, '--wait=false');
  });

  test('2: a Deployment shows lines of both pods, tagged and coloured per pod; a deleted pod is marked gone and its replacement followed without a reload', async ({
    page,
  }) => {
    // The controller-manager makes the pods and their replacement: slower than one page's worth.
    test.setTimeout(150_000);
    await expect.poll(podNames, { timeout: 60_000 }).toHaveLength(2);
    const [first = '', second = ''] = await podNames();
    await page.goto(
      `${detailURL(env, { group: 'apps', resource: 'deployments', namespace, name: 'greeter' })}?tab=logs`,
    );
    const log = logList(page);
    await expect(log).toContainText(`hello from ${first}`, { timeout: 20_000 });
    await expect(log).toContainText(`hello from ${second}`);
    const tag = log.getByText(`${first}/main`, { exact: false }).first();
    const otherTag = log.getByText(`${second}/main`, { exact: false }).first();
    // Each pod's tag has its own colour (inline, from the pod's name).
    const [colour, otherColour] = [await tag.getAttribute('style'), await otherTag.getAttribute('style')];
    expect(colour).toMatch(/^color: (rgb|hsl)\(/);
    expect(colour).not.toBe(otherColour);
    const pods = page.getByRole('list', { name: 'Pods' });
    await expect(pods.getByRole('listitem')).toHaveText([first, second].sort());

    await kubectl(env, 'delete', 'pod', first, '-n', namespace, '--wait=false');
    await expect
      .poll(async () => (await podNames()).filter((n) => n !== first && n !== second), { timeout: 60_000 })
      .toHaveLength(1);
    const [replacement = ''] = (await podNames()).filter((n) => n !== first && n !== second);
    await expect(log).toContainText(`hello from ${replacement}`, { timeout: 20_000 });
    // Marked as it goes: terminating while the kubelet stops it, gone once the API server has deleted it.
    const goneItem = pods.getByRole('listitem').filter({ hasText: first });
    await expect(goneItem).toHaveText(`${first} (gone)`, { timeout: 30_000 });
    await expect(log).toContainText(`hello from ${first}`);
    await expect(pods.getByRole('listitem').filter({ hasText: replacement })).toHaveText(replacement);
  });
});
