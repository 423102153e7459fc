import { parseFlags } from '@porthole/backend';
import { describe, expect, it } from 'vitest';
import { type Manifest, type Mode, modes, renderOverlay } from './kustomize.ts';

// What each overlay renders to (`kubectl kustomize`, no cluster): the properties issue 16 asks of the
// Deployment and its neighbours, and the wiring between objects that no API server checks (a flag
// reading a ConfigMap key that isn't there, a Service port that names no container port).

interface Container {
  args: string[];
  env?: { name: string; value?: string; valueFrom?: { configMapKeyRef?: { name: string; key: string } } }[];
  ports: { name: string; containerPort: number }[];
  securityContext: Record<string, unknown>;
  resources: { requests?: Record<string, string>; limits?: Record<string, string> };
  livenessProbe: { httpGet: { path: string; port: string } };
  readinessProbe: { httpGet: { path: string; port: string } };
  lifecycle?: { preStop?: { exec?: { command: string[] } } };
  volumeMounts: { name: string; mountPath: string }[];
}
interface PodSpec {
  securityContext: Record<string, unknown>;
  serviceAccountName: string;
  terminationGracePeriodSeconds: number;
  topologySpreadConstraints?: {
    topologyKey: string;
    labelSelector: { matchLabels: Record<string, string> };
  }[];
  containers: Container[];
  volumes: {
    name: string;
    emptyDir?: unknown;
    configMap?: { name: string };
    secret?: { secretName: string };
  }[];
}
type Deployment = Manifest & {
  spec: { replicas: number; template: { metadata: { labels: Record<string, string> }; spec: PodSpec } };
};

const rendered = Object.fromEntries(
  await Promise.all(modes.map(async (m) => [m, await renderOverlay(m)] as const)),
);
const one = <T extends Manifest>(objects: Manifest[], kind: string) => {
  const found = objects.filter((o) => o.kind === kind);
  expect(found, kind).toHaveLength(1);
  return found[0] as T;
};
const deploymentOf = (mode: Mode) => one<Deployment>(rendered[mode] ?? [], 'Deployment');
const containerOf = (mode: Mode) => deploymentOf(mode).spec.template.spec.containers[0] as Container;
const flag = (mode: Mode, name: string) =>
  containerOf(mode).args.filter((a) => a === `--${name}` || a.startsWith(`--${name}=`));

/** `20s`, `500ms`, `2m` or plain seconds (as Porthole's duration flags read them), in seconds. */
function seconds(duration: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(duration);
  if (!match) throw new Error(`not a duration: ${duration}`);
  const unit = { ms: 0.001, s: 1, m: 60 }[match[2] ?? 's'] ?? 1;
  return Number(match[1]) * unit;
}

describe.each(modes)('deploy/overlays/%s', (mode) => {
  it('runs two replicas as non-root with a read-only root filesystem, no privilege escalation and no capabilities', () => {
    const deployment = deploymentOf(mode);
    const pod = deployment.spec.template.spec;
    expect(deployment.spec.replicas).toBe(2);
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
    expect(containerOf(mode).securityContext).toEqual({
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    const tmp = containerOf(mode).volumeMounts.find((m) => m.mountPath === '/tmp');
    expect(pod.volumes.find((v) => v.name === tmp?.name)?.emptyDir).toBeDefined();
    expect(pod.serviceAccountName).toBe('porthole');
  });

  it('has resource requests and limits, health probes and topology spread', () => {
    const container = containerOf(mode);
    for (const part of ['requests', 'limits'] as const)
      expect(Object.keys(container.resources[part] ?? {}).sort(), part).toEqual(['cpu', 'memory']);
    expect(container.livenessProbe.httpGet).toMatchObject({ path: '/healthz', port: 'http' });
    expect(container.readinessProbe.httpGet).toMatchObject({ path: '/readyz', port: 'http' });
    const spread = deploymentOf(mode).spec.template.spec.topologySpreadConstraints ?? [];
    expect(spread.map((s) => s.topologyKey)).toContain('kubernetes.io/hostname');
    for (const s of spread)
      expect(s.labelSelector.matchLabels).toEqual(deploymentOf(mode).spec.template.metadata.labels);
  });

  it('gives the drain its whole --shutdown-grace (after the preStop pause) before the kubelet kills', () => {
    const [grace] = flag(mode, 'shutdown-grace');
    const preStop = containerOf(mode).lifecycle?.preStop?.exec?.command ?? [];
    expect(preStop[0]).toBe('sleep');
    const budget = seconds(preStop[1] ?? '0') + seconds(grace?.split('=')[1] ?? 'missing');
    const { terminationGracePeriodSeconds } = deploymentOf(mode).spec.template.spec;
    expect(terminationGracePeriodSeconds).toBeGreaterThan(budget);
    expect(terminationGracePeriodSeconds - budget).toBeLessThanOrEqual(10);
  });

  it(`serves in-cluster on all interfaces with --auth ${mode}, and a session key only where people log in`, () => {
    expect(flag(mode, 'auth')).toEqual([`--auth=${mode}`]);
    expect(flag(mode, 'in-cluster')).toEqual(['--in-cluster']);
    expect(flag(mode, 'host')).toEqual(['--host=0.0.0.0']);
    expect(flag(mode, 'external-url')).toHaveLength(1);
    expect(flag(mode, 'session-secret-file')).toHaveLength(mode === 'proxy' ? 0 : 1);
    expect(flag(mode, 'trusted-proxy')).toHaveLength(mode === 'proxy' ? 1 : 0);
    expect(flag(mode, 'oidc-issuer-url')).toHaveLength(mode === 'oidc' ? 1 : 0);
  });

  it('passes flags that porthole serve itself accepts (the $(VAR)s filled from its ConfigMaps)', () => {
    const container = containerOf(mode);
    const configMaps = new Map(
      (rendered[mode] ?? [])
        .filter((o) => o.kind === 'ConfigMap')
        .map((o) => [o.metadata.name, (o as Manifest & { data: Record<string, string> }).data]),
    );
    const values = new Map(
      (container.env ?? []).map((e) => {
        const ref = e.valueFrom?.configMapKeyRef;
        return [e.name, ref ? (configMaps.get(ref.name)?.[ref.key] ?? '') : ''] as const;
      }),
    );
    // The proxy overlay ships a placeholder the operator must replace (see below); stand in an address.
    const fill = (arg: string) =>
      arg
        .replace(/\$\((\w+)\)/g, (_, name: string) => values.get(name) ?? '')
        .replace(/^--trusted-proxy=.*/, '--trusted-proxy=10.0.0.0/8');
    const parsed = parseFlags(container.args.map(fill), {
      KUBERNETES_SERVICE_HOST: '10.96.0.1',
      KUBERNETES_SERVICE_PORT: '443',
    });
    expect(parsed.kind === 'error' ? parsed.message : parsed.kind).toBe('serve');
    if (parsed.kind !== 'serve') return;
    expect(parsed.config.authMode).toBe(mode);
    expect(parsed.config.inCluster).toBe(true);
  });

  it('defines every $(VAR) its flags use, from ConfigMap keys that exist', () => {
    const container = containerOf(mode);
    const env = new Map((container.env ?? []).map((e) => [e.name, e]));
    const used = container.args.flatMap((a) => [...a.matchAll(/\$\((\w+)\)/g)].map((m) => m[1] ?? ''));
    expect(used.length).toBeGreaterThan(0);
    for (const name of used) expect(env.has(name), name).toBe(true);
    const configMaps = new Map(
      (rendered[mode] ?? [])
        .filter((o) => o.kind === 'ConfigMap')
        .map((o) => [o.metadata.name, (o as Manifest & { data: Record<string, string> }).data]),
    );
    for (const e of env.values()) {
      const ref = e.valueFrom?.configMapKeyRef;
      if (ref) expect(configMaps.get(ref.name)?.[ref.key], `${ref.name}/${ref.key}`).toBeDefined();
    }
  });

  it('mounts the plugin registry from its ConfigMap and every file flag from a mounted volume', () => {
    const container = containerOf(mode);
    const pod = deploymentOf(mode).spec.template.spec;
    const fileFlags = container.args.filter((a) =>
      /^--(plugins|session-secret-file|oidc-[a-z-]*file)=/.test(a),
    );
    expect(fileFlags.length).toBeGreaterThan(0);
    for (const arg of fileFlags) {
      const path = arg.split('=')[1] ?? '';
      const mount = container.volumeMounts.find((m) => path.startsWith(`${m.mountPath}/`));
      expect(mount, arg).toBeDefined();
      expect(
        pod.volumes.find((v) => v.name === mount?.name)?.emptyDir,
        `${arg} on a writable scratch volume`,
      ).toBe(undefined);
    }
    const plugins = pod.volumes.find((v) => v.configMap?.name.startsWith('porthole-plugins-'));
    expect(plugins).toBeDefined();
  });

  it('commits no Secret: the session key (and OIDC client secret) are the operator’s', () => {
    expect((rendered[mode] ?? []).filter((o) => o.kind === 'Secret')).toEqual([]);
    const secrets = deploymentOf(mode)
      .spec.template.spec.volumes.flatMap((v) => (v.secret ? [v.secret.secretName] : []))
      .sort();
    expect(secrets).toEqual(
      { oidc: ['porthole-oidc', 'porthole-session'], proxy: [], token: ['porthole-session'] }[mode],
    );
  });

  it('routes Service, Ingress, NetworkPolicy and PodDisruptionBudget to the pods’ http port', () => {
    const objects = rendered[mode] ?? [];
    const podLabels = deploymentOf(mode).spec.template.metadata.labels;
    const service = one<Manifest & { spec: { selector: object; ports: { targetPort: string }[] } }>(
      objects,
      'Service',
    );
    expect(service.spec.selector).toEqual(podLabels);
    expect(containerOf(mode).ports.map((p) => p.name)).toContain(service.spec.ports[0]?.targetPort);
    const pdb = one<Manifest & { spec: { selector: { matchLabels: object }; minAvailable: number } }>(
      objects,
      'PodDisruptionBudget',
    );
    expect(pdb.spec.selector.matchLabels).toEqual(podLabels);
    expect(pdb.spec.minAvailable).toBeLessThan(deploymentOf(mode).spec.replicas);
    const policy = one<
      Manifest & { spec: { podSelector: { matchLabels: object }; ingress: { ports: { port: string }[] }[] } }
    >(objects, 'NetworkPolicy');
    expect(policy.spec.podSelector.matchLabels).toEqual(podLabels);
    expect(policy.spec.ingress.flatMap((r) => r.ports.map((p) => p.port))).toEqual(['http']);
  });

  it('serves the Ingress host that --external-url names', () => {
    const objects = rendered[mode] ?? [];
    const ingress = one<Manifest & { spec: { rules: { host: string }[]; tls: { hosts: string[] }[] } }>(
      objects,
      'Ingress',
    );
    const settings = objects.find((o) => o.metadata.name.startsWith('porthole-settings-')) as
      | (Manifest & { data: Record<string, string> })
      | undefined;
    const host = new URL(settings?.data['external-url'] ?? 'missing:').hostname;
    expect(ingress.spec.rules.map((r) => r.host)).toEqual([host]);
    expect(ingress.spec.tls.flatMap((t) => t.hosts)).toEqual([host]);
  });

  it('keeps quiet WebSockets open through ingress-nginx for an hour', () => {
    const ingress = one<Manifest & { metadata: { annotations: Record<string, string> } }>(
      rendered[mode] ?? [],
      'Ingress',
    );
    for (const timeout of ['proxy-read-timeout', 'proxy-send-timeout'])
      expect(
        Number(ingress.metadata.annotations[`nginx.ingress.kubernetes.io/${timeout}`]),
      ).toBeGreaterThanOrEqual(3600);
  });
});

describe('deploy/overlays/proxy', () => {
  it('does not start until the operator names the trusted proxy (its placeholder is no address)', () => {
    const settings = (rendered.proxy ?? []).find((o) => o.metadata.name.startsWith('porthole-settings-')) as
      | (Manifest & { data: Record<string, string> })
      | undefined;
    const value = settings?.data['trusted-proxy'] ?? '';
    expect(value).not.toBe('');
    expect(value).not.toMatch(/^[\d.:a-f]+(\/\d+)?$/i);
  });

  it('has ingress-nginx replace the identity headers with oauth2-proxy’s answer', () => {
    const ingress = one<Manifest & { metadata: { annotations: Record<string, string> } }>(
      rendered.proxy ?? [],
      'Ingress',
    );
    const passed =
      ingress.metadata.annotations['nginx.ingress.kubernetes.io/auth-response-headers']?.split(',');
    const user = flag('proxy', 'proxy-user-header')[0]?.split('=')[1];
    const groups = flag('proxy', 'proxy-groups-header')[0]?.split('=')[1];
    expect(passed).toEqual([user, groups]);
    expect(ingress.metadata.annotations['nginx.ingress.kubernetes.io/auth-url']).toMatch(/^https:\/\//);
  });
});
