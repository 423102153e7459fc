import { expect, type Request, test } from '@playwright/test';
import {
  createCronJobs,
  cronJobURL,
  getJson,
  jobsOf,
  manualJobsOf,
  openCronJobTab,
  untilNextMinute,
} from './cronjobs-pages.ts';
import { kubectl } from './editor-pages.ts';
import { type E2eEnvironment, e2eEnvironment } from './environment.ts';

const namespace = `cj-e2e-${Date.now().toString(36)}`;
let env: E2eEnvironment;

interface CronJobJson {
  metadata: { uid: string; name: string; labels?: Record<string, string> };
  spec: { suspend: boolean; schedule: string };
}
interface JobJson {
  metadata: {
    name: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: Record<string, unknown>[];
  };
}

const cronJob = (name: string) => getJson<CronJobJson>(env, 'cronjob', name, '-n', namespace);
// Writes to the cluster; the access reviews (canI) are questions, not writes.
const isWrite = (r: Request) =>
  ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method()) &&
  r.url().includes('/clusters/') &&
  !r.url().endsWith('/selfsubjectaccessreviews') &&
  // The sidebar's "what may I list" (issue 15): a review, which writes nothing.
  !r.url().endsWith('/selfsubjectrulesreviews');

test.describe('the CronJobs plugin (issue 11), on the real 1.20 cluster (batch/v1beta1) with kubectl as oracle', () => {
  test.beforeAll(async () => {
    env = e2eEnvironment();
    await kubectl(env, 'create', 'namespace', namespace);
  });
  test.afterAll(async () => {
    await kubectl(env, 'delete', 'namespace', namespace, '--wait=false');
  });

  test('1: Run now creates the Job kubectl create job --from would, and the garbage collector deletes it with the CronJob', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await createCronJobs(env, namespace, [
      {
        name: 'report',
        schedule: '0 0 1 1 *',
        templateLabels: { app: 'report', tier: 'batch' },
        templateAnnotations: { owner: 'oncall' },
      },
    ]);
    const { uid } = (await cronJob('report')).metadata;
    await openCronJobTab(page, cronJobURL(env, namespace, 'report'), 'Schedule');
    await expect(page.getByTestId('schedule-explanation')).toHaveText(
      'At 00:00, on day 1 of the month, only in January',
    );
    await page.getByRole('button', { name: 'Run now' }).click();
    const dialog = page.getByRole('dialog', { name: 'Run report now' });
    const name = dialog.getByLabel('Job name');
    await expect(name).toHaveValue(/^report-manual-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    // Hostile and invalid names are refused before anything is sent.
    await name.fill('../Bad_Name');
    await expect(
      dialog.getByText('use lower case letters, digits and "-" only', { exact: true }),
    ).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Run', exact: true })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    await name.fill('report-manual-e2e01');
    await expect(
      dialog
        .getByRole('region', { name: 'The Job to create' })
        .or(dialog.getByText('"cronjob.kubernetes.io/instantiate": "manual"')),
    ).toBeVisible();
    await dialog.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(dialog.getByRole('list', { name: 'Results' })).toContainText(
      `${namespace}/report: created Job report-manual-e2e01`,
    );
    await expect(dialog.getByTestId('created-job')).toContainText(
      /report-manual-e2e01\s+(Pending|Active|Succeeded)/,
    );

    const job = await getJson<JobJson>(env, 'job', 'report-manual-e2e01', '-n', namespace);
    expect(job.metadata.labels).toMatchObject({ app: 'report', tier: 'batch' });
    expect(job.metadata.labels).not.toHaveProperty('cronjob-own-label');
    expect(job.metadata.annotations).toEqual({
      owner: 'oncall',
      'cronjob.kubernetes.io/instantiate': 'manual',
    });
    expect(job.metadata.ownerReferences).toEqual([
      {
        apiVersion: 'batch/v1beta1',
        kind: 'CronJob',
        name: 'report',
        uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);

    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
    // A clash is reported with the Status reason and message, and the page stays usable.
    await page.getByRole('button', { name: 'Run now' }).click();
    await dialog.getByLabel('Job name').fill('report-manual-e2e01');
    await dialog.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(dialog.getByRole('list', { name: 'Results' })).toContainText(
      `${namespace}/report: AlreadyExists (409): jobs.batch "report-manual-e2e01" already exists`,
    );
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();

    // The Jobs tab lists it (manual), live, with its pods linked to their Logs tab by URL.
    await page.getByRole('tab', { name: 'Jobs' }).click();
    const row = page.getByRole('row', { name: /report-manual-e2e01/ });
    await expect(row).toContainText('Manual');
    const podLink = row.getByRole('link', { name: /^report-manual-e2e01-/ });
    await expect(podLink).toHaveAttribute(
      'href',
      new RegExp(`/r/core/v1/pods/${namespace}/report-manual-e2e01-[a-z0-9]+\\?tab=logs$`),
    );

    await kubectl(env, 'delete', 'cronjob', 'report', '-n', namespace, '--cascade=background');
    await expect
      .poll(
        async () =>
          (
            await getJson<{ items: unknown[] }>(
              env,
              'jobs',
              '-n',
              namespace,
              '--field-selector',
              'metadata.name=report-manual-e2e01',
            )
          ).items.length,
        {
          timeout: 90_000,
          intervals: [1000],
        },
      )
      .toBe(0);
  });

  test('2: Suspend sends a merge PATCH, the controller spawns nothing on the next schedule; Resume reverses it', async ({
    page,
  }) => {
    test.setTimeout(200_000);
    // Created on a yearly schedule so nothing can run before Suspend; kubectl then makes it every minute.
    await createCronJobs(env, namespace, [{ name: 'tick', schedule: '0 0 1 1 *' }]);
    const { uid } = (await cronJob('tick')).metadata;
    await openCronJobTab(page, cronJobURL(env, namespace, 'tick'), 'Schedule');
    const patch = page.waitForRequest((r) => r.method() === 'PATCH' && r.url().includes('/cronjobs/tick'));
    await page.getByRole('button', { name: 'Suspend' }).click();
    const sent = await patch;
    expect(sent.headers()['content-type']).toBe('application/merge-patch+json');
    expect(sent.postDataJSON()).toEqual({ spec: { suspend: true } });
    await expect(page.getByRole('list', { name: 'Results' })).toContainText(`${namespace}/tick: suspended`);
    await expect(page.getByRole('button', { name: 'Resume' })).toBeVisible();
    expect((await cronJob('tick')).spec.suspend).toBe(true);
    const suspendedAt = Date.now();
    await kubectl(
      env,
      'patch',
      'cronjob',
      'tick',
      '-n',
      namespace,
      '--type=merge',
      '-p',
      '{"spec":{"schedule":"*/1 * * * *"}}',
    );
    await expect(page.getByTestId('schedule-explanation')).toHaveText('Every minute');

    // The controller (1.20: checks every 10 s) would have started the next minute's run by 25 s past it.
    await page.waitForTimeout(untilNextMinute(25));
    expect(await jobsOf(env, namespace, uid)).toEqual([]);
    expect(Date.now() - suspendedAt).toBeGreaterThan(25_000);

    const resume = page.waitForRequest((r) => r.method() === 'PATCH' && r.url().includes('/cronjobs/tick'));
    await page.getByRole('button', { name: 'Resume' }).click();
    expect((await resume).postDataJSON()).toEqual({ spec: { suspend: false } });
    await expect(page.getByRole('list', { name: 'Results' })).toContainText(`${namespace}/tick: resumed`);
    expect((await cronJob('tick')).spec.suspend).toBe(false);
    await expect
      .poll(async () => (await jobsOf(env, namespace, uid)).length, { timeout: 100_000, intervals: [2000] })
      .toBeGreaterThan(0);
    const [spawned] = await jobsOf(env, namespace, uid);
    expect(spawned?.metadata.annotations?.['cronjob.kubernetes.io/instantiate']).toBeUndefined();
    // The Jobs tab shows the scheduled run, live.
    await page.getByRole('tab', { name: 'Jobs' }).click();
    await expect(page.getByRole('row', { name: new RegExp(spawned?.metadata.name ?? '-') })).toContainText(
      'Scheduled',
    );
    await kubectl(
      env,
      'patch',
      'cronjob',
      'tick',
      '-n',
      namespace,
      '--type=merge',
      '-p',
      '{"spec":{"suspend":true}}',
    );
  });

  test('3: a page left open while kubectl changes the CronJob several times: Suspend, then Run now, succeed without a 409', async ({
    page,
  }) => {
    await createCronJobs(env, namespace, [
      { name: 'busy', schedule: '0 3 * * *', concurrencyPolicy: 'Replace' },
    ]);
    await openCronJobTab(page, cronJobURL(env, namespace, 'busy'), 'Schedule');
    const statuses: number[] = [];
    page.on('response', (r) => {
      if (isWrite(r.request())) statuses.push(r.status());
    });
    for (const [i, schedule] of ['0 4 * * *', '0 5 * * *', '15 6 * * *'].entries()) {
      await kubectl(
        env,
        'patch',
        'cronjob',
        'busy',
        '-n',
        namespace,
        '--type=merge',
        '-p',
        JSON.stringify({ metadata: { labels: { edit: String(i) } }, spec: { schedule } }),
      );
    }
    await expect(page.getByTestId('schedule-explanation')).toHaveText('At 06:15');
    await page.getByRole('button', { name: 'Suspend' }).click();
    await expect(page.getByRole('list', { name: 'Results' })).toContainText(`${namespace}/busy: suspended`);
    await page.getByRole('button', { name: 'Run now' }).click();
    const dialog = page.getByRole('dialog', { name: 'Run busy now' });
    await expect(dialog.getByRole('note')).toHaveText([
      /busy is suspended: a manual run starts anyway/,
      /busy replaces running Jobs on schedule, but a manual run does not/,
    ]);
    await dialog.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(dialog.getByRole('list', { name: 'Results' })).toContainText(
      /busy: created Job busy-manual-/,
    );
    expect(statuses).toEqual([200, 201]);
    const after = await cronJob('busy');
    expect(after.spec).toMatchObject({ suspend: true, schedule: '15 6 * * *' });
    expect(after.metadata.labels).toMatchObject({ edit: '2' });
    // Only the Job the test started: the schedules (03:00 ... 06:15) may fire while a run is under way.
    expect((await manualJobsOf(env, namespace, after.metadata.uid)).length).toBe(1);
  });

  test('4: viewer@demo sees Run now and Suspend disabled with the reason, and nothing is sent', async ({
    page,
  }) => {
    await createCronJobs(env, namespace, [{ name: 'readonly', schedule: '@hourly' }]);
    const writes: string[] = [];
    page.on('request', (r) => {
      if (isWrite(r)) writes.push(`${r.method()} ${r.url()}`);
    });
    await openCronJobTab(page, cronJobURL(env, namespace, 'readonly', env.contexts.viewer), 'Schedule');
    for (const label of ['Run now', 'Suspend']) {
      const button = page.getByRole('button', { name: label });
      await expect(button).toHaveAttribute('aria-disabled', 'true');
      await expect(button).toHaveAccessibleDescription(
        /^Not allowed: you may not (create|patch) (jobs|cronjobs)\.batch in namespace/,
      );
      await button.click({ force: true });
    }
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await page.goto(`${env.productURL}/c/${encodeURIComponent(env.contexts.viewer)}/cronjobs`);
    await expect(page.getByRole('row', { name: /readonly/ })).toBeVisible();
    await page.getByRole('checkbox', { name: `Select ${namespace}/readonly` }).check();
    await expect(page.getByRole('button', { name: 'Suspend' })).toHaveAccessibleDescription(/^Not allowed/);
    await page.getByRole('button', { name: 'Suspend' }).click({ force: true });
    expect(writes).toEqual([]);
    expect((await cronJob('readonly')).spec.suspend).toBe(false);
  });

  test('4b: team-a, who may edit only namespace team-a, starts the list there and may suspend there', async ({
    page,
  }) => {
    const name = `team-${Date.now().toString(36)}`;
    await createCronJobs(env, 'team-a', [{ name, schedule: '@weekly' }]);
    try {
      await page.goto(`${env.productURL}/c/${encodeURIComponent(env.contexts['team-a'])}/cronjobs`);
      // team-a may not list namespaces: the list starts in the context's namespace, not a 403.
      await expect(page.getByLabel('Namespace')).toHaveValue('team-a');
      await page.getByRole('checkbox', { name: `Select team-a/${name}` }).check();
      await page.getByRole('button', { name: 'Suspend' }).click();
      await expect(page.getByRole('list', { name: 'Results' })).toContainText(`team-a/${name}: suspended`);
      expect((await getJson<CronJobJson>(env, 'cronjob', name, '-n', 'team-a')).spec.suspend).toBe(true);
    } finally {
      await kubectl(env, 'delete', 'cronjob', name, '-n', 'team-a', '--wait=false');
    }
  });

  test('6: bulk: three CronJobs selected in the list, Suspend suspends all three with one result each', async ({
    page,
  }) => {
    await createCronJobs(env, namespace, [
      { name: 'bulk-a', schedule: '*/5 * * * *' },
      { name: 'bulk-b', schedule: '@daily' },
      { name: 'bulk-c', schedule: '30 2 * * 1' },
      { name: 'bulk-d', schedule: '0 * * * *' },
    ]);
    await page.goto(`${env.productURL}/c/${encodeURIComponent(env.contexts.admin)}`);
    await page.getByRole('navigation').getByRole('link', { name: 'CronJobs' }).click();
    await page.getByLabel('Namespace').selectOption(namespace);
    await page.getByLabel('Filter by name').fill('bulk-');
    await expect(page.getByRole('row', { name: /bulk-/ })).toHaveCount(4);
    const rowA = page.getByRole('row', { name: /bulk-a/ });
    await expect(rowA).toContainText('Every 5 minutes');
    await expect(rowA.getByRole('time').nth(0)).toHaveAttribute('title', /\(UTC\)/);
    await expect(page.getByRole('row', { name: /bulk-c/ })).toContainText('At 02:30, only on Monday');
    for (const name of ['bulk-a', 'bulk-b', 'bulk-c'])
      await page.getByRole('checkbox', { name: `Select ${namespace}/${name}` }).check();
    await page.getByRole('button', { name: 'Suspend' }).click();
    const results = page.getByRole('list', { name: 'Results' }).getByRole('listitem');
    await expect(results).toHaveCount(3);
    for (const name of ['bulk-a', 'bulk-b', 'bulk-c']) {
      await expect(results.filter({ hasText: `${namespace}/${name}: suspended` })).toHaveCount(1);
      expect((await cronJob(name)).spec.suspend).toBe(true);
      await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('Suspended');
    }
    expect((await cronJob('bulk-d')).spec.suspend).toBe(false);

    // Bulk Run now: one dialog, what a manual run ignores, one Job and one result per CronJob.
    await page.getByRole('button', { name: 'Run now' }).click();
    const dialog = page.getByRole('dialog', { name: 'Run 3 CronJobs now' });
    await expect(dialog.getByRole('note')).toHaveCount(3);
    await dialog.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(dialog.getByRole('list', { name: 'Results' }).getByRole('listitem')).toHaveCount(3);
    for (const name of ['bulk-a', 'bulk-b', 'bulk-c']) {
      await expect(
        dialog.getByRole('listitem').filter({ hasText: `${namespace}/${name}: created Job ${name}-manual-` }),
      ).toHaveCount(1);
      // Only the Jobs the test started: bulk-a runs every 5 minutes and may have fired before its Suspend.
      const started = await manualJobsOf(env, namespace, (await cronJob(name)).metadata.uid);
      expect(started.map((j) => j.metadata.name)).toEqual([expect.stringMatching(`^${name}-manual-`)]);
    }
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();

    // Keyboard: rows are sorted by name; ArrowDown then Enter opens the next CronJob's page.
    await page.getByRole('row', { name: /bulk-a/ }).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/r/batch/v1beta1/cronjobs/${namespace}/bulk-b$`));
  });
});
