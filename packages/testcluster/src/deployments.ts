import type { KubeObject } from './kube-client.ts';

export interface DeploymentOptions {
  namespace: string;
  name: string;
  replicas: number;
  /** The container's command, run by the kubelet stand-in as a local process. */
  command: string[];
  /** The container's name; `main` unless given. */
  container?: string;
  /** Labels of the Deployment besides `app: name` (which its pods carry and its selector matches). */
  labels?: Record<string, string>;
}

/**
 * A one-container Deployment (busybox, 1 s grace period, selected by `app: name`) to POST or apply:
 * what the seed, the specs and the benchmarks run.
 *
 * @example
 * await client.must('POST', '/apis/apps/v1/namespaces/demo/deployments',
 *   deploymentOf({ namespace: 'demo', name: 'web', replicas: 2, command: ['sleep', '3600'] }));
 */
export function deploymentOf(options: DeploymentOptions): KubeObject {
  const { namespace, name } = options;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels: { app: name, ...options.labels } },
    spec: {
      replicas: options.replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          terminationGracePeriodSeconds: 1,
          containers: [
            { name: options.container ?? 'main', image: 'busybox:1.36', command: options.command },
          ],
        },
      },
    },
  };
}
