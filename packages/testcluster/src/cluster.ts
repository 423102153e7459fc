import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClusterCerts } from './certs.ts';
import { type Daemon, startDaemon } from './daemon.ts';
import { ensure } from './ensure.ts';
import { createKubeClient, type KubeClient } from './kube-client.ts';
import { renderKubeconfig } from './kubeconfig.ts';
import { type KubeletStandIn, startKubeletStandIn } from './kubelet/index.ts';
import { freePort } from './ports.ts';
import { bootstrapRbac, teamNamespace } from './rbac.ts';

/** The users every test cluster has. */
export type TestUser = 'admin' | 'viewer' | 'team-a';
export const testUsers: readonly TestUser[] = ['admin', 'viewer', 'team-a'];

export interface StartOptions {
  /** The cluster's name in the kubeconfig; contexts are `<user>@<name>`. Default `porthole-test`. */
  name?: string;
  /** Folder for certificates, data and logs; default a fresh temp folder (in /dev/shm when there is one). */
  dir?: string;
  /** Start the kubelet stand-in (default true). */
  kubelet?: boolean;
  /** Start kube-controller-manager (default true). */
  controllerManager?: boolean;
  /** Extra kube-apiserver flags, e.g. `--oidc-issuer-url=...`. */
  apiserverFlags?: string[];
}

/** A running test cluster. */
export interface TestCluster {
  name: string;
  server: string;
  dir: string;
  kubeconfigPath: string;
  kubeconfig: string;
  caPem: string;
  tokens: Record<TestUser, string>;
  /** Context name of each user in the kubeconfig. */
  contexts: Record<TestUser, string>;
  /** A JSON client acting as `user` (admin by default). */
  client(user?: TestUser): KubeClient;
  /** The kubelet stand-in (its log hooks), unless started without one. */
  kubelet: KubeletStandIn | undefined;
  stop(): Promise<void>;
}

async function waitReady(client: KubeClient, apiserver: Daemon, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await client.request('GET', '/readyz').then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    await Promise.race([new Promise((r) => setTimeout(r, 250)), apiserver.exited]);
  }
  throw new Error(`kube-apiserver not ready after ${timeoutMs} ms; see ${apiserver.logFile}`);
}

/** Pods are admitted only once their namespace's `default` ServiceAccount has its token (the controller manager makes both). */
async function waitForServiceAccounts(
  client: KubeClient,
  namespaces: string[],
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const ns of namespaces) {
    const hasToken = async () => {
      const res = await client.request<{ secrets?: unknown[] }>(
        'GET',
        `/api/v1/namespaces/${ns}/serviceaccounts/default`,
      );
      return res.status === 200 && (res.body.secrets?.length ?? 0) > 0;
    };
    while (!(await hasToken())) {
      if (Date.now() > deadline)
        throw new Error(`no default ServiceAccount in namespace ${ns} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

async function tempDir(): Promise<string> {
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  return mkdtemp(join(base, 'porthole-testcluster-'));
}

/**
 * Starts etcd, kube-apiserver v1.20.2, kube-controller-manager and the kubelet stand-in on free loopback
 * ports, with a fresh CA and three token users: `admin` (system:masters), `viewer` (read-only everywhere)
 * and `team-a` (edit in namespace `team-a` only). Independent of any other running test cluster.
 *
 * @example
 * const cluster = await start({ name: 'alpha' });
 * const pods = await cluster.client('viewer').must('GET', '/api/v1/pods');
 * await cluster.stop();
 */
export async function start(options: StartOptions = {}): Promise<TestCluster> {
  const binaries = await ensure();
  const name = options.name ?? 'porthole-test';
  const dir = options.dir ?? (await tempDir());
  await mkdir(dir, { recursive: true });
  const daemons: Daemon[] = [];
  let kubelet: KubeletStandIn | undefined;
  const clients: KubeClient[] = [];
  let stopped = false;

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await kubelet?.stop().catch(() => {});
    for (const c of clients) c.close();
    for (const d of daemons.reverse()) await d.stop();
    if (!options.dir) await rm(dir, { recursive: true, force: true });
  };

  try {
    const certs = await createClusterCerts(dir);
    const [etcdPort, peerPort, apiPort] = [await freePort(), await freePort(), await freePort()];
    const tokens = Object.fromEntries(testUsers.map((u) => [u, randomBytes(24).toString('hex')])) as Record<
      TestUser,
      string
    >;
    await writeFile(
      join(dir, 'tokens.csv'),
      `${tokens.admin},admin,admin,"system:masters"\n${tokens.viewer},viewer,viewer\n${tokens['team-a']},team-a,team-a\n`,
    );
    daemons.push(
      startDaemon(
        'etcd',
        binaries.etcd,
        [
          `--data-dir=${join(dir, 'etcd')}`,
          '--name=default',
          `--listen-client-urls=http://127.0.0.1:${etcdPort}`,
          `--advertise-client-urls=http://127.0.0.1:${etcdPort}`,
          `--listen-peer-urls=http://127.0.0.1:${peerPort}`,
          `--initial-advertise-peer-urls=http://127.0.0.1:${peerPort}`,
          `--initial-cluster=default=http://127.0.0.1:${peerPort}`,
          '--log-level=warn',
        ],
        join(dir, 'etcd.log'),
      ),
    );
    const apiserver = startDaemon(
      'kube-apiserver',
      binaries.kubeApiserver,
      [
        `--etcd-servers=http://127.0.0.1:${etcdPort}`,
        '--bind-address=127.0.0.1',
        '--advertise-address=127.0.0.1',
        `--secure-port=${apiPort}`,
        '--insecure-port=0',
        `--cert-dir=${dir}`,
        `--tls-cert-file=${certs.serverCert}`,
        `--tls-private-key-file=${certs.serverKey}`,
        `--client-ca-file=${certs.caCert}`,
        `--token-auth-file=${join(dir, 'tokens.csv')}`,
        '--authorization-mode=Node,RBAC',
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
        `--service-account-key-file=${certs.serviceAccountPub}`,
        `--service-account-signing-key-file=${certs.serviceAccountKey}`,
        '--service-cluster-ip-range=10.0.0.0/24',
        '--allow-privileged=true',
        '--kubelet-preferred-address-types=InternalIP',
        '--profiling=false',
        '--v=1',
        ...(options.apiserverFlags ?? []),
      ],
      join(dir, 'kube-apiserver.log'),
    );
    daemons.push(apiserver);
    const server = `https://127.0.0.1:${apiPort}`;
    const clientFor = (user: TestUser = 'admin') => {
      const c = createKubeClient({ server, caPem: certs.caPem, token: tokens[user] });
      clients.push(c);
      return c;
    };
    const admin = clientFor('admin');
    await waitReady(admin, apiserver, 60_000);
    await bootstrapRbac(admin);

    const users = testUsers.map((u) => ({
      name: u,
      token: tokens[u],
      ...(u === 'team-a' ? { namespace: teamNamespace } : {}),
    }));
    const kubeconfig = renderKubeconfig(name, server, certs.caPem, users);
    const kubeconfigPath = join(dir, 'kubeconfig');
    await writeFile(kubeconfigPath, kubeconfig, { mode: 0o600 });

    if (options.controllerManager ?? true) {
      const cmKubeconfig = join(dir, 'controller-manager.kubeconfig');
      await writeFile(
        cmKubeconfig,
        renderKubeconfig(name, server, certs.caPem, [{ name: 'admin', token: tokens.admin }]),
      );
      daemons.push(
        startDaemon(
          'kube-controller-manager',
          binaries.kubeControllerManager,
          [
            `--kubeconfig=${cmKubeconfig}`,
            '--controllers=*',
            '--leader-elect=false',
            `--service-account-private-key-file=${certs.serviceAccountKey}`,
            `--root-ca-file=${certs.caCert}`,
            '--use-service-account-credentials=false',
            '--port=0',
            '--secure-port=0',
            '--profiling=false',
            '--concurrent-gc-syncs=5',
            '--v=1',
          ],
          join(dir, 'kube-controller-manager.log'),
        ),
      );
    }
    if (options.controllerManager ?? true)
      await waitForServiceAccounts(admin, ['default', teamNamespace], 60_000);
    if (options.kubelet ?? true) kubelet = await startKubeletStandIn({ client: clientFor('admin'), dir });

    return {
      name,
      server,
      dir,
      kubeconfigPath,
      kubeconfig,
      caPem: certs.caPem,
      tokens,
      contexts: Object.fromEntries(testUsers.map((u) => [u, `${u}@${name}`])) as Record<TestUser, string>,
      client: clientFor,
      kubelet,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
