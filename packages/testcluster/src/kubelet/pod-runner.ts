import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { KubeClient, KubeObject } from '../kube-client.ts';
import { type ContainerRunner, type ContainerSpec, createContainerRunner } from './container-runner.ts';
import { renderPodStatus } from './pod-status.ts';

/** The fields of a Pod the stand-in reads. */
export interface PodObject extends KubeObject {
  spec: {
    nodeName?: string;
    restartPolicy?: string;
    initContainers?: ContainerSpec[];
    containers: ContainerSpec[];
    terminationGracePeriodSeconds?: number;
  };
  status?: { phase?: string };
}

/** A pod bound to the stand-in's node, with its containers running as local processes. */
export interface RunningPod {
  uid: string;
  namespace: string;
  name: string;
  /** Run one after another, each to a successful exit, before `containers` start (as a kubelet does). */
  initContainers: ContainerRunner[];
  containers: ContainerRunner[];
}

export interface PodRunner {
  handle(pod: PodObject): void;
  forget(pod: PodObject): void;
  find(namespace: string, name: string): RunningPod | undefined;
  stopAll(): Promise<void>;
}

export interface PodRunnerOptions {
  client: KubeClient;
  nodeName: string;
  workDir: string;
  onError: (err: unknown) => void;
}

/** Binds pending pods to the stand-in's node, runs their containers, reports their status, finishes deletes. */
export function createPodRunner({ client, nodeName, workDir, onError }: PodRunnerOptions): PodRunner {
  const pods = new Map<string, RunningPod>();
  const binding = new Set<string>();
  const terminating = new Set<string>();
  const statusTimers = new Map<string, NodeJS.Timeout>();
  const podPath = (ns: string, name: string) => `/api/v1/namespaces/${ns}/pods/${name}`;

  function reportStatus(pod: RunningPod, startTime: string) {
    if (statusTimers.has(pod.uid)) return;
    statusTimers.set(
      pod.uid,
      setTimeout(() => {
        statusTimers.delete(pod.uid);
        if (!pods.has(pod.uid) || terminating.has(pod.uid)) return;
        const status = renderPodStatus(pod.uid, startTime, pod.containers, pod.initContainers);
        client
          .must(
            'PATCH',
            `${podPath(pod.namespace, pod.name)}/status`,
            { status },
            { contentType: 'application/merge-patch+json', allow: [404] },
          )
          .catch((err: unknown) => {
            // A real kubelet's status manager resyncs until the API server has the status; a pod
            // whose only report failed would otherwise stay Pending for ever.
            onError(err);
            setTimeout(() => reportStatus(pod, startTime), 500);
          });
      }, 30),
    );
  }

  function bind(pod: PodObject, attempt = 0) {
    const { namespace = 'default', name, uid = '' } = pod.metadata;
    if (binding.has(uid)) return;
    binding.add(uid);
    let failed = false;
    client
      .must(
        'POST',
        `${podPath(namespace, name)}/binding`,
        {
          apiVersion: 'v1',
          kind: 'Binding',
          metadata: { name, namespace },
          target: { apiVersion: 'v1', kind: 'Node', name: nodeName },
        },
        { allow: [404, 409] },
      )
      .catch((err: unknown) => {
        onError(err);
        failed = true;
      })
      .finally(() => {
        binding.delete(uid);
        // Retried (a 409 once bound, a 404 once deleted end it), as a scheduler retries a failed bind;
        // without it a pod whose one bind failed stays Pending until something else changes it.
        if (failed && attempt < 20) setTimeout(() => bind(pod, attempt + 1), 500);
      });
  }

  function start(pod: PodObject) {
    const { namespace = 'default', name, uid = '' } = pod.metadata;
    const podDir = join(workDir, `${namespace}_${name}_${uid}`);
    mkdirSync(podDir, { recursive: true });
    const startTime = new Date().toISOString();
    const running: RunningPod = { uid, namespace, name, initContainers: [], containers: [] };
    const restartPolicy = pod.spec.restartPolicy ?? 'Always';
    // Init containers: the next starts when one exits 0; a failed one is restarted unless the pod's
    // policy is Never (then the pod fails). The app containers start after the last.
    let initIndex = 0;
    let appsStarted = false;
    const advance = () => {
      if (appsStarted || !pods.has(uid)) return;
      const current = running.initContainers[initIndex];
      if (current) {
        const state = current.state;
        if (state.kind === 'waiting' && initIndex === 0 && state.reason === 'ContainerCreating')
          current.start();
        if (state.kind !== 'terminated' || state.exitCode !== 0) return;
        initIndex += 1;
        const next = running.initContainers[initIndex];
        if (next) {
          next.start();
          return;
        }
      }
      appsStarted = true;
      for (const c of running.containers) c.start();
    };
    const onChange = () => {
      reportStatus(running, startTime);
      queueMicrotask(advance);
    };
    running.initContainers = (pod.spec.initContainers ?? []).map((spec) =>
      createContainerRunner({
        spec,
        podName: name,
        podDir,
        restartPolicy: restartPolicy === 'Never' ? 'Never' : 'OnFailure',
        onChange,
      }),
    );
    running.containers = pod.spec.containers.map((spec) =>
      createContainerRunner({ spec, podName: name, podDir, restartPolicy, onChange }),
    );
    pods.set(uid, running);
    advance();
    reportStatus(running, startTime);
  }

  async function terminate(pod: PodObject) {
    const uid = pod.metadata.uid ?? '';
    if (terminating.has(uid)) return;
    terminating.add(uid);
    const running = pods.get(uid);
    const graceMs = Math.min((pod.spec.terminationGracePeriodSeconds ?? 30) * 1000, 3000);
    await Promise.all(
      [...(running?.initContainers ?? []), ...(running?.containers ?? [])].map((c) => c.stop(graceMs)),
    );
    await client
      .must(
        'DELETE',
        podPath(pod.metadata.namespace ?? 'default', pod.metadata.name),
        {
          apiVersion: 'v1',
          kind: 'DeleteOptions',
          gracePeriodSeconds: 0,
          preconditions: { uid },
        },
        { allow: [404, 409] },
      )
      .catch((err: unknown) => {
        // Retried, as a real kubelet retries until the pod object is gone.
        onError(err);
        terminating.delete(uid);
        setTimeout(() => void terminate(pod), 500);
      });
  }

  return {
    handle(pod) {
      const uid = pod.metadata.uid ?? '';
      if (!pod.spec.nodeName) {
        if (!pod.metadata.deletionTimestamp) bind(pod);
        return;
      }
      if (pod.spec.nodeName !== nodeName) return;
      if (pod.metadata.deletionTimestamp) {
        void terminate(pod);
        return;
      }
      const phase = pod.status?.phase;
      if (!pods.has(uid) && phase !== 'Succeeded' && phase !== 'Failed') start(pod);
    },
    forget(pod) {
      const uid = pod.metadata.uid ?? '';
      const running = pods.get(uid);
      pods.delete(uid);
      terminating.delete(uid);
      clearTimeout(statusTimers.get(uid));
      statusTimers.delete(uid);
      if (!running) return;
      void Promise.all([...running.initContainers, ...running.containers].map((c) => c.stop(1000))).then(() =>
        rmSync(join(workDir, `${running.namespace}_${running.name}_${uid}`), {
          recursive: true,
          force: true,
        }),
      );
    },
    find(namespace, name) {
      for (const pod of pods.values()) if (pod.namespace === namespace && pod.name === name) return pod;
      return undefined;
    },
    async stopAll() {
      for (const timer of statusTimers.values()) clearTimeout(timer);
      statusTimers.clear();
      const all = [...pods.values()];
      pods.clear();
      await Promise.all(all.flatMap((p) => [...p.initContainers, ...p.containers].map((c) => c.stop(500))));
    },
  };
}
