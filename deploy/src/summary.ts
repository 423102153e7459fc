import type { Manifest } from './kustomize.ts';

// The kustomize overlays and the Helm chart are two spellings of one deployment. `summarize` reduces a
// rendering to what must be the same in both: the pod as it runs (flags with their values resolved,
// security, probes, resources, volumes by kind), the RBAC rules, the Ingress annotations, the network
// policy's rules, the disruption budget. Names, labels and ConfigMap hash suffixes are left out.

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { configMapKeyRef?: { name: string; key: string } };
}
interface Volume {
  name: string;
  emptyDir?: unknown;
  configMap?: unknown;
  secret?: { secretName: string; items?: unknown; defaultMode?: number };
}
interface Container {
  args: string[];
  env?: EnvVar[];
  [field: string]: unknown;
}
interface PodSpec {
  containers: Container[];
  volumes: Volume[];
  [field: string]: unknown;
}

const byKind = (objects: Manifest[], kind: string) => objects.filter((o) => o.kind === kind);
const field = <T>(object: Manifest | undefined, ...path: string[]): T =>
  path.reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], object) as T;

/** `$(NAME)` in args replaced by the env var's value, itself read from the rendered ConfigMaps. */
function resolveArgs(container: Container, objects: Manifest[]): string[] {
  const data = (name: string) =>
    field<Record<string, string>>(
      byKind(objects, 'ConfigMap').find((c) => c.metadata.name === name),
      'data',
    );
  const values = new Map<string, string>();
  for (const e of container.env ?? []) {
    const ref = e.valueFrom?.configMapKeyRef;
    values.set(e.name, ref ? (data(ref.name)?.[ref.key] ?? `<missing ${ref.key}>`) : (e.value ?? ''));
  }
  return container.args.map((a) =>
    a.replace(/\$\((\w+)\)/g, (_, name: string) => values.get(name) ?? `$(${name})`),
  );
}

function summarizePod(pod: PodSpec, objects: Manifest[]) {
  const [container, ...others] = pod.containers;
  if (!container || others.length > 0) throw new Error('expected one container');
  const { args: _args, env, image: _image, ...rest } = container;
  return {
    pod: Object.fromEntries(
      Object.entries(pod).filter(
        ([k]) => !['containers', 'volumes', 'topologySpreadConstraints'].includes(k),
      ),
    ),
    spreadOver: field<{ topologyKey: string }[]>(
      pod as unknown as Manifest,
      'topologySpreadConstraints',
    )?.map((t) => t.topologyKey),
    args: resolveArgs(container, objects).sort(),
    // Variables that only carry settings into args are compared through the args.
    env: (env ?? []).filter((e) => !e.name.startsWith('PORTHOLE_')),
    container: rest,
    volumes: pod.volumes.map((v) => ({
      name: v.name,
      kind: v.emptyDir
        ? 'emptyDir'
        : v.configMap
          ? 'configMap'
          : v.secret
            ? `secret ${v.secret.secretName}`
            : '?',
      secret: v.secret ? { items: v.secret.items, defaultMode: v.secret.defaultMode } : undefined,
    })),
  };
}

/**
 * What a rendering of Porthole's deployment amounts to, for comparing the kustomize overlay with the
 * Helm chart.
 *
 * @example
 * expect(summarize(helmObjects)).toEqual(summarize(kustomizeObjects));
 */
export function summarize(objects: Manifest[]) {
  const [deployment] = byKind(objects, 'Deployment');
  const rules = [...byKind(objects, 'ClusterRole'), ...byKind(objects, 'Role')].map((r) => field(r, 'rules'));
  const policy = byKind(objects, 'NetworkPolicy')[0];
  return {
    kinds: [...new Set(objects.map((o) => o.kind))].filter((k) => k !== 'Namespace').sort(),
    replicas: field<number>(deployment, 'spec', 'replicas'),
    strategy: field(deployment, 'spec', 'strategy'),
    ...summarizePod(field<PodSpec>(deployment, 'spec', 'template', 'spec'), objects),
    rbacRules: rules,
    bindingSubjects: [...byKind(objects, 'ClusterRoleBinding'), ...byKind(objects, 'RoleBinding')].map((b) =>
      field<{ kind: string; name: string }[]>(b, 'subjects').map((s) => `${s.kind}/${s.name}`),
    ),
    ingressAnnotations: field(byKind(objects, 'Ingress')[0], 'metadata', 'annotations'),
    ingressRules: field<{ host: string }[]>(byKind(objects, 'Ingress')[0], 'spec', 'rules')?.map(
      (r) => r.host,
    ),
    networkPolicy: { ingress: field(policy, 'spec', 'ingress'), egress: field(policy, 'spec', 'egress') },
    minAvailable: field<number>(byKind(objects, 'PodDisruptionBudget')[0], 'spec', 'minAvailable'),
    service: field(byKind(objects, 'Service')[0], 'spec', 'ports'),
  };
}
