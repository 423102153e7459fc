import type { KubeClient, KubeObject } from './kube-client.ts';
import { waitFor } from './wait.ts';

export interface RunPodOptions {
  namespace?: string;
  name: string;
  /** The container's command, run by the kubelet stand-in as a local process. */
  command: string[];
  restartPolicy?: 'Always' | 'OnFailure' | 'Never';
  labels?: Record<string, string>;
}

type PodWithStatus = KubeObject & { status?: { phase?: string } };

/**
 * Creates a one-container pod and waits until the kubelet stand-in reports it Running (or finished).
 *
 * @example
 * await runPod(cluster.client(), { name: 'shell', command: ['sleep', '3600'] });
 */
export async function runPod(client: KubeClient, options: RunPodOptions): Promise<PodWithStatus> {
  const namespace = options.namespace ?? 'default';
  await client.must('POST', `/api/v1/namespaces/${namespace}/pods`, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: options.name, namespace, labels: options.labels ?? {} },
    spec: {
      restartPolicy: options.restartPolicy ?? 'Always',
      terminationGracePeriodSeconds: 1,
      containers: [{ name: 'main', image: 'busybox', command: options.command }],
    },
  });
  return waitFor(`pod ${namespace}/${options.name} running`, async () => {
    const pod = await client.must<PodWithStatus>(
      'GET',
      `/api/v1/namespaces/${namespace}/pods/${options.name}`,
    );
    return pod.status?.phase !== undefined && pod.status.phase !== 'Pending' ? pod : undefined;
  });
}
