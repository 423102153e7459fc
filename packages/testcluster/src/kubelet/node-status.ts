import type { KubeClient } from '../kube-client.ts';

/** The Node's status: Ready, reachable at 127.0.0.1 on the stand-in's port. */
export function renderNodeStatus(kubeletPort: number) {
  const now = new Date().toISOString();
  const condition = (type: string, status: string, reason: string) => ({
    type,
    status,
    reason,
    message: reason,
    lastHeartbeatTime: now,
    lastTransitionTime: now,
  });
  return {
    capacity: { cpu: '16', memory: '64Gi', pods: '250', 'ephemeral-storage': '100Gi' },
    allocatable: { cpu: '16', memory: '64Gi', pods: '250', 'ephemeral-storage': '100Gi' },
    conditions: [
      condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory'),
      condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure'),
      condition('PIDPressure', 'False', 'KubeletHasSufficientPID'),
      condition('Ready', 'True', 'KubeletReady'),
    ],
    addresses: [
      { type: 'InternalIP', address: '127.0.0.1' },
      { type: 'Hostname', address: 'localhost' },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: kubeletPort } },
    nodeInfo: {
      machineID: 'porthole',
      systemUUID: 'porthole',
      bootID: 'porthole',
      kernelVersion: 'stand-in',
      osImage: 'Porthole kubelet stand-in',
      containerRuntimeVersion: 'porthole://1',
      kubeletVersion: 'v1.20.2',
      kubeProxyVersion: 'v1.20.2',
      operatingSystem: 'linux',
      architecture: 'amd64',
    },
  };
}

/** Registers the Node and keeps its heartbeat fresh, so the node lifecycle controller never evicts its pods. */
export async function registerNode(
  client: KubeClient,
  nodeName: string,
  kubeletPort: number,
): Promise<() => void> {
  await client.must(
    'POST',
    '/api/v1/nodes',
    {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: nodeName,
        labels: {
          'kubernetes.io/hostname': nodeName,
          'kubernetes.io/os': 'linux',
          'kubernetes.io/arch': 'amd64',
        },
      },
      spec: {},
    },
    { allow: [409] },
  );
  const beat = () =>
    client.must(
      'PATCH',
      `/api/v1/nodes/${nodeName}/status`,
      { status: renderNodeStatus(kubeletPort) },
      {
        contentType: 'application/merge-patch+json',
      },
    );
  await beat();
  const timer = setInterval(() => void beat().catch(() => {}), 10_000);
  return () => clearInterval(timer);
}
