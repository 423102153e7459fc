import type { AddressInfo } from 'node:net';
import { signServingCert } from '../certs.ts';
import type { KubeClient } from '../kube-client.ts';
import { createKubeletServer, type LogHooks } from './kubelet-server.ts';
import { registerNode } from './node-status.ts';
import { createPodRunner, type PodObject } from './pod-runner.ts';

export type { LogHooks } from './kubelet-server.ts';

export interface KubeletStandIn {
  nodeName: string;
  port: number;
  /** Test hooks on the log endpoint: end every follow cleanly, refuse the next requests. */
  logs: LogHooks;
  stop(): Promise<void>;
}

export interface KubeletStandInOptions {
  client: KubeClient;
  /** Holds the cluster CA (ca.crt, ca.key); the stand-in's certificate and pod folders go here too. */
  dir: string;
  nodeName?: string;
  onError?: (err: unknown) => void;
}

/**
 * A kubelet stand-in — test infrastructure, not a kubelet. It registers a Ready Node (InternalIP
 * 127.0.0.1), binds pending pods to it, runs each container's command as a real local process (so logs
 * are real lines and Jobs really succeed or fail), and serves the exec and log endpoints the API server
 * proxies to. It runs the commands of every pod of the cluster it serves: only point it at a test cluster.
 *
 * @example
 * const kubelet = await startKubeletStandIn({ client, dir });
 * await kubelet.stop();
 */
export async function startKubeletStandIn(options: KubeletStandInOptions): Promise<KubeletStandIn> {
  const { client, dir } = options;
  const nodeName = options.nodeName ?? 'porthole-node';
  const onError = options.onError ?? ((err) => console.error('[kubelet stand-in]', err));
  const tls = await signServingCert(dir, 'kubelet', nodeName);
  const pods = createPodRunner({ client, nodeName, workDir: `${dir}/pods`, onError });
  const { server, logHooks } = createKubeletServer(pods, tls);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const stopHeartbeat = await registerNode(client, nodeName, port);

  const abort = new AbortController();
  const loop = (async () => {
    while (!abort.signal.aborted) {
      try {
        const list = await client.must<{ metadata: { resourceVersion: string }; items: PodObject[] }>(
          'GET',
          '/api/v1/pods',
        );
        for (const pod of list.items) pods.handle(pod);
        await client.watch(
          `/api/v1/pods?watch=1&allowWatchBookmarks=true&resourceVersion=${list.metadata.resourceVersion}`,
          (event) => {
            if (event.type === 'DELETED') pods.forget(event.object as PodObject);
            else if (event.type === 'ADDED' || event.type === 'MODIFIED')
              pods.handle(event.object as PodObject);
          },
          abort.signal,
        );
      } catch (err) {
        if (!abort.signal.aborted) onError(err);
      }
      if (!abort.signal.aborted) await new Promise((r) => setTimeout(r, 500));
    }
  })();

  return {
    nodeName,
    port,
    logs: logHooks,
    async stop() {
      abort.abort();
      stopHeartbeat();
      await loop;
      await pods.stopAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
