import type { KubeObject } from '@porthole/sdk';
import { fieldOf } from '../object-fields.ts';

const str = (value: unknown) => (typeof value === 'string' ? value : '');
const num = (value: unknown) => (typeof value === 'number' ? value : 0);
const list = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value)
    ? value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null)
    : [];
const rec = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/** A container's state (`state` or `lastState` of a container status) in a few words. */
export interface ContainerStateWords {
  kind: 'running' | 'waiting' | 'terminated' | 'unknown';
  /** e.g. `Running`, `CrashLoopBackOff`, `Completed`, `Error`. */
  reason: string;
  /** e.g. `exit code 1`, the waiting message, `since 2026-…`. */
  detail: string;
  /** When it started (running) or finished (terminated). */
  at?: string;
}

/**
 * A container state in words, as `kubectl describe pod` reads it.
 *
 * @example
 * containerStateWords({ terminated: { reason: 'Error', exitCode: 1 } }); // { kind: 'terminated', reason: 'Error', detail: 'exit code 1', … }
 */
export function containerStateWords(state: unknown): ContainerStateWords {
  const s = rec(state);
  if (s.running) {
    const at = str(rec(s.running).startedAt);
    return { kind: 'running', reason: 'Running', detail: '', ...(at ? { at } : {}) };
  }
  if (s.terminated) {
    const t = rec(s.terminated);
    const code = num(t.exitCode);
    const signal = num(t.signal);
    const at = str(t.finishedAt);
    const detail = [`exit code ${code}`, signal ? `signal ${signal}` : '', str(t.message)]
      .filter(Boolean)
      .join(', ');
    return {
      kind: 'terminated',
      reason: str(t.reason) || (code === 0 ? 'Completed' : 'Error'),
      detail,
      ...(at ? { at } : {}),
    };
  }
  if (s.waiting) {
    const w = rec(s.waiting);
    return { kind: 'waiting', reason: str(w.reason) || 'Waiting', detail: str(w.message) };
  }
  return { kind: 'unknown', reason: '', detail: '' };
}

/** One container of a Pod with its spec and status joined by name. */
export interface ContainerFacts {
  name: string;
  init: boolean;
  image: string;
  /** The image the node runs (`imageID`), when reported. */
  imageID: string;
  state: ContainerStateWords;
  lastTermination?: ContainerStateWords;
  ready: boolean;
  restarts: number;
  ports: string[];
  /** `cpu 100m / 200m` style: requests / limits per resource. */
  resources: string[];
  /** Where its environment comes from: `ConfigMap app-config`, `Secret creds`, values, fields. */
  envSources: string[];
  /** `/data ← volume data (ro)` */
  mounts: string[];
}

function portWords(port: Record<string, unknown>): string {
  const name = str(port.name);
  return `${num(port.containerPort)}/${str(port.protocol) || 'TCP'}${name ? ` (${name})` : ''}`;
}

function resourceWords(resources: unknown): string[] {
  const requests = rec(rec(resources).requests);
  const limits = rec(rec(resources).limits);
  const names = [...new Set([...Object.keys(requests), ...Object.keys(limits)])].sort();
  return names.map((n) => `${n} ${str(requests[n]) || '–'} / ${str(limits[n]) || '–'}`);
}

function envWords(container: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const from of list(container.envFrom)) {
    const prefix = str(from.prefix);
    if (from.configMapRef)
      out.push(`ConfigMap ${str(rec(from.configMapRef).name)}${prefix ? ` (prefix ${prefix})` : ''}`);
    if (from.secretRef)
      out.push(`Secret ${str(rec(from.secretRef).name)}${prefix ? ` (prefix ${prefix})` : ''}`);
  }
  for (const env of list(container.env)) {
    const name = str(env.name);
    const from = rec(env.valueFrom);
    if (from.configMapKeyRef)
      out.push(
        `${name} ← ConfigMap ${str(rec(from.configMapKeyRef).name)}/${str(rec(from.configMapKeyRef).key)}`,
      );
    else if (from.secretKeyRef)
      out.push(`${name} ← Secret ${str(rec(from.secretKeyRef).name)}/${str(rec(from.secretKeyRef).key)}`);
    else if (from.fieldRef) out.push(`${name} ← field ${str(rec(from.fieldRef).fieldPath)}`);
    else if (from.resourceFieldRef)
      out.push(`${name} ← resource ${str(rec(from.resourceFieldRef).resource)}`);
    else out.push(`${name} = ${str(env.value)}`);
  }
  return out;
}

function mountWords(container: Record<string, unknown>): string[] {
  return list(container.volumeMounts).map(
    (m) =>
      `${str(m.mountPath)} ← ${str(m.name)}${str(m.subPath) ? `/${str(m.subPath)}` : ''}${m.readOnly === true ? ' (read-only)' : ''}`,
  );
}

/**
 * The init containers then the containers of a Pod, each spec joined with its status by name.
 *
 * @example
 * podContainers(pod).map((c) => `${c.name} ${c.image} ${c.state.reason} ${c.restarts}`);
 */
export function podContainers(pod: KubeObject): ContainerFacts[] {
  const facts = (specs: unknown, statuses: unknown, init: boolean) => {
    const byName = new Map(list(statuses).map((s) => [str(s.name), s]));
    return list(specs).map((spec): ContainerFacts => {
      const status = byName.get(str(spec.name)) ?? {};
      const last = containerStateWords(status.lastState);
      return {
        name: str(spec.name),
        init,
        image: str(spec.image),
        imageID: str(status.imageID),
        state: status.state
          ? containerStateWords(status.state)
          : { kind: 'waiting', reason: 'Pending', detail: '' },
        ...(last.kind === 'terminated' ? { lastTermination: last } : {}),
        ready: status.ready === true,
        restarts: num(status.restartCount),
        ports: list(spec.ports).map(portWords),
        resources: resourceWords(spec.resources),
        envSources: envWords(spec),
        mounts: mountWords(spec),
      };
    });
  };
  return [
    ...facts(fieldOf(pod, 'spec', 'initContainers'), fieldOf(pod, 'status', 'initContainerStatuses'), true),
    ...facts(fieldOf(pod, 'spec', 'containers'), fieldOf(pod, 'status', 'containerStatuses'), false),
  ];
}

/**
 * The STATUS word of `kubectl get pods`: Terminating, `Init:1/2`, `Init:CrashLoopBackOff`, a waiting or
 * terminated container's reason, `Completed`, `NotReady`, else the phase.
 *
 * @example
 * podStatusWord(pod); // 'CrashLoopBackOff'
 */
export function podStatusWord(pod: KubeObject): string {
  let reason = str(fieldOf(pod, 'status', 'reason')) || str(fieldOf(pod, 'status', 'phase')) || 'Pending';
  const inits = list(fieldOf(pod, 'status', 'initContainerStatuses'));
  const initCount = list(fieldOf(pod, 'spec', 'initContainers')).length;
  let initializing = false;
  for (const [i, c] of inits.entries()) {
    const state = rec(c.state);
    const terminated = rec(state.terminated);
    if (state.terminated && num(terminated.exitCode) === 0) continue;
    initializing = true;
    if (state.terminated) {
      reason = str(terminated.reason)
        ? `Init:${str(terminated.reason)}`
        : num(terminated.signal)
          ? `Init:Signal:${num(terminated.signal)}`
          : `Init:ExitCode:${num(terminated.exitCode)}`;
    } else if (
      state.waiting &&
      str(rec(state.waiting).reason) &&
      str(rec(state.waiting).reason) !== 'PodInitializing'
    ) {
      reason = `Init:${str(rec(state.waiting).reason)}`;
    } else {
      reason = `Init:${i}/${initCount}`;
    }
    break;
  }
  if (!initializing) {
    let running = false;
    for (const c of [...list(fieldOf(pod, 'status', 'containerStatuses'))].reverse()) {
      const state = rec(c.state);
      const waiting = str(rec(state.waiting).reason);
      const terminated = rec(state.terminated);
      if (waiting) reason = waiting;
      else if (state.terminated)
        reason =
          str(terminated.reason) ||
          (num(terminated.signal)
            ? `Signal:${num(terminated.signal)}`
            : `ExitCode:${num(terminated.exitCode)}`);
      else if (state.running && c.ready === true) running = true;
    }
    if (reason === 'Completed' && running) {
      const ready = conditionTrue(pod, 'Ready');
      reason = ready ? 'Running' : 'NotReady';
    }
  }
  if (pod.metadata.deletionTimestamp)
    reason = str(fieldOf(pod, 'status', 'reason')) === 'NodeLost' ? 'Unknown' : 'Terminating';
  return reason;
}

function conditionTrue(object: KubeObject, type: string): boolean {
  return list(fieldOf(object, 'status', 'conditions')).some((c) => c.type === type && c.status === 'True');
}

/** `ready/total` of a Pod's containers, as `kubectl get pods` shows it. */
export function podReadyWord(pod: KubeObject): string {
  const ready = list(fieldOf(pod, 'status', 'containerStatuses')).filter((c) => c.ready === true).length;
  return `${ready}/${list(fieldOf(pod, 'spec', 'containers')).length}`;
}

/** The restarts of all a Pod's containers together. */
export function podRestarts(pod: KubeObject): number {
  return list(fieldOf(pod, 'status', 'containerStatuses')).reduce((sum, c) => sum + num(c.restartCount), 0);
}

/**
 * The Pod's quality-of-service class: `status.qosClass` when the API server set it, else computed as
 * Kubernetes does (every container with equal cpu and memory requests and limits: Guaranteed; none with
 * any: BestEffort; else Burstable).
 *
 * @example
 * podQosClass(pod); // 'Burstable'
 */
export function podQosClass(pod: KubeObject): string {
  const reported = str(fieldOf(pod, 'status', 'qosClass'));
  if (reported) return reported;
  const containers = [
    ...list(fieldOf(pod, 'spec', 'initContainers')),
    ...list(fieldOf(pod, 'spec', 'containers')),
  ];
  let any = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const requests = rec(rec(c.resources).requests);
    const limits = rec(rec(c.resources).limits);
    for (const name of ['cpu', 'memory']) {
      const limit = str(limits[name]);
      const request = str(requests[name]) || limit;
      if (request || limit) any = true;
      if (!limit || request !== limit) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
