import { deploymentOf } from './deployments.ts';
import type { KubeClient } from './kube-client.ts';

const logLoop = (lines: string[], seconds: number) =>
  `i=0; while true; do i=$((i+1)); ${lines.map((l) => `echo "$(date -u +%H:%M:%S) ${l}"`).join('; ')}; sleep ${seconds}; done`;

/** A demo Deployment whose container (named after it) runs `script` in a shell. */
const deployment = (namespace: string, name: string, replicas: number, script: string) =>
  deploymentOf({
    namespace,
    name,
    replicas,
    command: ['sh', '-c', script],
    container: name,
    labels: { 'app.kubernetes.io/part-of': 'porthole-demo' },
  });

function cronJob(namespace: string, name: string, schedule: string, script: string, suspend = false) {
  return {
    apiVersion: 'batch/v1beta1',
    kind: 'CronJob',
    metadata: { name, namespace },
    spec: {
      schedule,
      suspend,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
      jobTemplate: {
        spec: {
          backoffLimit: 0,
          template: {
            spec: {
              restartPolicy: 'Never',
              containers: [{ name, image: 'busybox:1.36', command: ['sh', '-c', script] }],
            },
          },
        },
      },
    },
  };
}

/** What {@link seed} creates, by collection URL. */
export const seedObjects: [string, object][] = [
  ['/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo' } }],
  ['/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'payments' } }],
  [
    '/api/v1/namespaces/demo/configmaps',
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'app-config', namespace: 'demo' },
      data: {
        LOG_LEVEL: 'info',
        FEATURE_SEARCH: 'true',
        'app.yaml': 'server:\n  port: 8080\n  replicas: 2\n',
      },
    },
  ],
  [
    '/api/v1/namespaces/payments/configmaps',
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'feature-flags', namespace: 'payments' },
      data: { 'new-checkout': 'false', 'refunds-v2': 'true' },
    },
  ],
  [
    '/apis/apps/v1/namespaces/demo/deployments',
    deployment('demo', 'web', 2, logLoop(['GET /healthz 200 1ms', 'GET /api/orders?page=$i 200 12ms'], 3)),
  ],
  [
    '/apis/apps/v1/namespaces/payments/deployments',
    deployment('payments', 'ledger', 1, logLoop(['processed payment #$i', 'balance check ok'], 2)),
  ],
  [
    '/apis/apps/v1/namespaces/team-a/deployments',
    deployment('team-a', 'api', 1, logLoop(['team-a api heartbeat $i'], 5)),
  ],
  [
    '/apis/batch/v1beta1/namespaces/demo/cronjobs',
    cronJob('demo', 'heartbeat', '*/1 * * * *', 'echo "heartbeat at $(date -u)"; echo "all systems nominal"'),
  ],
  [
    '/apis/batch/v1beta1/namespaces/demo/cronjobs',
    cronJob('demo', 'nightly-report', '0 2 * * *', 'echo "building report"; sleep 2; echo done', true),
  ],
  [
    '/apis/batch/v1beta1/namespaces/payments/cronjobs',
    cronJob(
      'payments',
      'flaky-import',
      '*/1 * * * *',
      'echo "importing statements"; echo "error: upstream returned 503" >&2; exit 1',
    ),
  ],
  [
    '/apis/batch/v1/namespaces/demo/jobs',
    {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'migrate-db', namespace: 'demo' },
      spec: {
        backoffLimit: 0,
        template: {
          spec: {
            restartPolicy: 'Never',
            containers: [
              {
                name: 'migrate',
                image: 'busybox:1.36',
                command: [
                  'sh',
                  '-c',
                  'for v in 1 2 3; do echo "applying migration 00$v"; sleep 1; done; echo "schema up to date"',
                ],
              },
            ],
          },
        },
      },
    },
  ],
];

/**
 * Fills a test cluster with demo data: namespaces `demo` and `payments` (plus `team-a`), Deployments whose
 * pods print real log lines, CronJobs (one every minute, one suspended, one that fails), a Job and ConfigMaps.
 * Idempotent: objects that exist are left as they are.
 *
 * @example
 * await seed(cluster.client());
 */
export async function seed(client: KubeClient): Promise<void> {
  for (const [path, object] of seedObjects) await client.must('POST', path, object, { allow: [409] });
}
