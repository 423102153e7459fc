import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { kubectl } from './editor-pages.ts';
import type { E2eEnvironment } from './environment.ts';

/** The e2e cluster is Kubernetes 1.20: CronJob is served at batch/v1beta1 only. */
export const cronJobVersion = 'v1beta1';

/** A CronJob the specs create with kubectl. */
export interface CronJobSpec {
  name: string;
  schedule: string;
  suspend?: boolean;
  concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace';
  templateLabels?: Record<string, string>;
  templateAnnotations?: Record<string, string>;
}

/** Creates CronJobs in `namespace` with kubectl (batch/v1beta1). */
export async function createCronJobs(
  env: E2eEnvironment,
  namespace: string,
  specs: CronJobSpec[],
): Promise<void> {
  const items = specs.map((s) => ({
    apiVersion: `batch/${cronJobVersion}`,
    kind: 'CronJob',
    metadata: {
      name: s.name,
      namespace,
      labels: { 'cronjob-own-label': 'not-for-jobs' },
      annotations: { 'cronjob-own': 'not-for-jobs' },
    },
    spec: {
      schedule: s.schedule,
      suspend: s.suspend ?? false,
      concurrencyPolicy: s.concurrencyPolicy ?? 'Allow',
      jobTemplate: {
        metadata: { labels: s.templateLabels, annotations: s.templateAnnotations },
        spec: {
          template: {
            spec: {
              restartPolicy: 'Never',
              containers: [{ name: 'main', image: 'busybox', command: ['true'] }],
            },
          },
        },
      },
    },
  }));
  const file = join(tmpdir(), `cronjobs-${namespace}-${Date.now()}.json`);
  await writeFile(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
  await kubectl(env, 'create', '-f', file);
}

/** A CronJob's page on the product backend. */
export function cronJobURL(
  env: E2eEnvironment,
  namespace: string,
  name: string,
  context = env.contexts.admin,
): string {
  return `${env.productURL}/c/${encodeURIComponent(context)}/r/batch/${cronJobVersion}/cronjobs/${namespace}/${name}`;
}

/** Opens a CronJob's page on one of the plugin's tabs. */
export async function openCronJobTab(page: Page, url: string, tab: 'Schedule' | 'Jobs'): Promise<void> {
  await page.goto(url);
  await page.getByRole('tab', { name: tab }).click();
  await expect(page.getByRole('toolbar', { name: 'CronJob actions' })).toBeVisible();
}

/** `kubectl get -o json` of anything. */
export async function getJson<T>(env: E2eEnvironment, ...args: string[]): Promise<T> {
  return JSON.parse(await kubectl(env, 'get', ...args, '-o', 'json')) as T;
}

interface JobList {
  items: {
    metadata: {
      name: string;
      creationTimestamp: string;
      annotations?: Record<string, string>;
      ownerReferences?: { uid: string }[];
    };
  }[];
}

/** The Jobs of namespace controlled by the CronJob with `uid`. */
export async function jobsOf(env: E2eEnvironment, namespace: string, uid: string): Promise<JobList['items']> {
  const list = await getJson<JobList>(env, 'jobs', '-n', namespace);
  return list.items.filter((j) => j.metadata.ownerReferences?.some((o) => o.uid === uid));
}

/**
 * The Jobs of the CronJob with `uid` that a manual run started (annotated as `kubectl create job --from`
 * does): what a test started, whatever the schedule spawned meanwhile.
 */
export async function manualJobsOf(
  env: E2eEnvironment,
  namespace: string,
  uid: string,
): Promise<JobList['items']> {
  const jobs = await jobsOf(env, namespace, uid);
  return jobs.filter((j) => j.metadata.annotations?.['cronjob.kubernetes.io/instantiate'] === 'manual');
}

/** Milliseconds until `seconds` past the next minute. */
export function untilNextMinute(seconds: number): number {
  const now = Date.now();
  return 60_000 - (now % 60_000) + seconds * 1000;
}
