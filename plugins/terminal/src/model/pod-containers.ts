import type { KubeObject } from '@porthole/sdk';

/** A container of a pod, as the pickers list it. */
export interface PodContainer {
  name: string;
  kind: 'init' | 'main' | 'ephemeral';
  /** Restarted at least once: a previous (terminated) instance may have a log. */
  restarted: boolean;
  /** Running now (an exec can reach it). */
  running: boolean;
}

interface ContainerStatus {
  name?: string;
  restartCount?: number;
  state?: { running?: unknown };
  lastState?: { terminated?: unknown };
}
interface PodShape {
  spec?: {
    initContainers?: Array<{ name?: string }>;
    containers?: Array<{ name?: string }>;
    ephemeralContainers?: Array<{ name?: string }>;
  };
  status?: {
    initContainerStatuses?: ContainerStatus[];
    containerStatuses?: ContainerStatus[];
    ephemeralContainerStatuses?: ContainerStatus[];
  };
}

/**
 * Every container of a pod: init containers, then the app containers, then ephemeral ones (debug
 * containers), with what their statuses say.
 *
 * @example
 * podContainers(pod).map((c) => c.name); // ['migrate', 'app', 'debugger-x1']
 */
export function podContainers(pod: KubeObject | undefined): PodContainer[] {
  const shape = (pod ?? {}) as PodShape;
  const lists: Array<
    [PodContainer['kind'], Array<{ name?: string }> | undefined, ContainerStatus[] | undefined]
  > = [
    ['init', shape.spec?.initContainers, shape.status?.initContainerStatuses],
    ['main', shape.spec?.containers, shape.status?.containerStatuses],
    ['ephemeral', shape.spec?.ephemeralContainers, shape.status?.ephemeralContainerStatuses],
  ];
  const out: PodContainer[] = [];
  for (const [kind, specs, statuses] of lists) {
    for (const spec of specs ?? []) {
      if (!spec.name) continue;
      const status = statuses?.find((s) => s.name === spec.name);
      out.push({
        name: spec.name,
        kind,
        restarted: (status?.restartCount ?? 0) > 0 || status?.lastState?.terminated !== undefined,
        running: status?.state?.running !== undefined,
      });
    }
  }
  return out;
}

/** The container a pod's view starts on: the `kubectl.kubernetes.io/default-container` annotation, else the first app container. */
export function defaultContainer(pod: KubeObject | undefined): string | undefined {
  const annotations = pod?.metadata.annotations as Record<string, unknown> | undefined;
  const annotated = annotations?.['kubectl.kubernetes.io/default-container'];
  const containers = podContainers(pod);
  if (typeof annotated === 'string' && containers.some((c) => c.name === annotated)) return annotated;
  return (containers.find((c) => c.kind === 'main') ?? containers[0])?.name;
}

/** The label of a container in a picker: `app`, `migrate (init)`, `debugger (ephemeral)`. */
export function containerLabel(container: PodContainer): string {
  return container.kind === 'main' ? container.name : `${container.name} (${container.kind})`;
}

/** A string field of an object's metadata (`''` when absent or not a string). */
export function metaString(object: KubeObject | undefined, field: 'name' | 'namespace' | 'uid'): string {
  const value: unknown = object?.metadata[field];
  return typeof value === 'string' ? value : '';
}
