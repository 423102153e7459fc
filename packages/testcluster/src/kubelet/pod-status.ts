import type { ContainerRunner, ContainerState } from './container-runner.ts';

function stateJson(state: ContainerState) {
  switch (state.kind) {
    case 'waiting':
      return { waiting: { reason: state.reason } };
    case 'running':
      return { running: { startedAt: state.startedAt } };
    case 'terminated':
      return {
        terminated: {
          exitCode: state.exitCode,
          reason: state.reason,
          startedAt: state.startedAt,
          finishedAt: state.finishedAt,
          containerID: 'porthole://terminated',
        },
      };
  }
}

/** A pod's phase as a kubelet derives it from its containers and restart policy. */
export function podPhase(containers: ContainerRunner[]): 'Pending' | 'Running' | 'Succeeded' | 'Failed' {
  const states = containers.map((c) => c.state);
  if (states.some((s) => s.kind === 'running')) return 'Running';
  if (states.every((s) => s.kind === 'terminated')) {
    return states.every((s) => s.kind === 'terminated' && s.exitCode === 0) ? 'Succeeded' : 'Failed';
  }
  if (containers.some((c) => c.restartCount > 0 || c.lastState)) return 'Running';
  return 'Pending';
}

/** The `status` of a pod whose containers the stand-in runs, for a merge patch of `pods/status`. */
export function renderPodStatus(
  uid: string,
  startTime: string,
  containers: ContainerRunner[],
  initContainers: ContainerRunner[] = [],
) {
  const phase = podPhase(containers);
  const initialized = initContainers.every((c) => c.state.kind === 'terminated' && c.state.exitCode === 0);
  const now = new Date().toISOString();
  const allReady = containers.every((c) => c.state.kind === 'running');
  const condition = (type: string, ok: boolean) => ({
    type,
    status: ok ? 'True' : 'False',
    lastProbeTime: null,
    lastTransitionTime: now,
    ...(ok
      ? {}
      : { reason: phase === 'Succeeded' || phase === 'Failed' ? 'PodCompleted' : 'ContainersNotReady' }),
  });
  return {
    phase,
    hostIP: '127.0.0.1',
    podIP: '127.0.0.1',
    podIPs: [{ ip: '127.0.0.1' }],
    startTime,
    qosClass: 'BestEffort',
    conditions: [
      condition('Initialized', initialized),
      condition('Ready', allReady),
      condition('ContainersReady', allReady),
      condition('PodScheduled', true),
    ],
    ...(initContainers.length > 0
      ? { initContainerStatuses: initContainers.map((c) => containerStatus(uid, c)) }
      : {}),
    containerStatuses: containers.map((c) => containerStatus(uid, c)),
  };
}

function containerStatus(uid: string, c: ContainerRunner) {
  return {
    name: c.spec.name,
    image: c.spec.image ?? '',
    imageID: `porthole://${c.spec.image ?? 'none'}`,
    containerID: `porthole://${uid}/${c.spec.name}/${c.restartCount}`,
    ready: c.state.kind === 'running',
    started: c.state.kind === 'running',
    restartCount: c.restartCount,
    state: stateJson(c.state),
    lastState: c.lastState ? stateJson(c.lastState) : {},
  };
}
