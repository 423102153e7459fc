// Issue 16, the edge of `porthole serve` against a real API server: the DNS-rebinding attack refused
// (Host allowlist), `--in-cluster` with a real service account token and its rotation (acceptance 2),
// and SIGTERM's drain (acceptance 6).
import { once } from 'node:events';
import { mkdir, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { type IncomingHttpHeaders, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { muxCloseCodes } from '@porthole/protocol';
import { start, type TestCluster, waitFor } from '@porthole/testcluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestSocket } from '../mux/mux-test-client.ts';
import { type RunningBackend, startBackend } from '../testing/index.ts';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One HTTP request with exactly these headers (`host` included), answered or upgraded (101). */
function send(
  url: string,
  path: string,
  headers: Record<string, string>,
  method = 'GET',
  body?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, url), { method, headers, agent: false });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      // A stream cut mid-body (the drain's end) closes without 'end'.
      res.on('close', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body: '' });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const upgradeHeaders = (host: string, protocol: string) => ({
  host,
  origin: `http://${host}`,
  connection: 'Upgrade',
  upgrade: 'websocket',
  'sec-websocket-version': '13',
  'sec-websocket-key': Buffer.from('0123456789abcdef').toString('base64'),
  'sec-websocket-protocol': protocol,
});

describe('porthole serve at the edge', () => {
  let cluster: TestCluster;
  let dir: string;

  beforeAll(async () => {
    cluster = await start({ name: 'edge' });
    dir = await mkdtemp(join(tmpdir(), 'porthole-edge-'));
  });
  afterAll(async () => {
    await cluster?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  describe('a DNS-rebinding page (foreign Host, Sec-Fetch-Site: same-origin)', () => {
    let backend: RunningBackend;
    beforeAll(async () => {
      backend = await startBackend({ kubeconfigs: [cluster.kubeconfigPath] });
    });
    afterAll(() => backend?.stop());

    const port = () => new URL(backend.url).port;
    const context = () => encodeURIComponent(cluster.contexts.admin);

    it('is refused with a 403 Status before routing: a read, a write (nothing created) and the shell', async () => {
      const evil = `evil.example:${port()}`;
      const browser = { host: evil, origin: `http://${evil}`, 'sec-fetch-site': 'same-origin' };
      const read = await send(backend.url, `/clusters/${context()}/api/v1/namespaces`, browser);
      expect(read.status).toBe(403);
      expect(JSON.parse(read.body)).toMatchObject({ kind: 'Status', code: 403, reason: 'Forbidden' });
      expect(read.body).toContain('requests for host \\"evil.example:');
      expect(read.body).not.toContain('NamespaceList');

      const write = await send(
        backend.url,
        `/clusters/${context()}/api/v1/namespaces`,
        { ...browser, 'content-type': 'application/json', 'x-porthole-request': '1' },
        'POST',
        JSON.stringify({ metadata: { name: 'rebound' } }),
      );
      expect(write.status).toBe(403);
      const created = await cluster.client().request('GET', '/api/v1/namespaces/rebound');
      expect(created.status).toBe(404); // the API server never saw the write

      for (const path of ['/api/clusters', '/', '/healthz']) {
        expect((await send(backend.url, path, browser)).status).toBe(403);
      }
    });

    it('is refused on WebSocket upgrades too: /ws and an exec tunnel (whose Origin equals its Host)', async () => {
      const evil = `evil.example:${port()}`;
      const ws = await send(backend.url, '/ws', upgradeHeaders(evil, 'porthole.v1'));
      expect(ws.status).toBe(403);
      const exec = await send(
        backend.url,
        `/clusters/${context()}/api/v1/namespaces/default/pods/p/exec?command=sh&stdout=1`,
        upgradeHeaders(evil, 'v4.channel.k8s.io'),
      );
      expect(exec.status).toBe(403);
    });

    it('while the same requests for 127.0.0.1, localhost and [::1]-style hosts are served', async () => {
      for (const host of [`127.0.0.1:${port()}`, `localhost:${port()}`]) {
        const read = await send(backend.url, `/clusters/${context()}/api/v1/namespaces`, {
          host,
          'sec-fetch-site': 'same-origin',
        });
        expect(read.status).toBe(200);
        expect(JSON.parse(read.body)).toMatchObject({ kind: 'NamespaceList' });
        expect((await send(backend.url, '/ws', upgradeHeaders(host, 'porthole.v1'))).status).toBe(101);
      }
      expect((await send(backend.url, '/healthz', { host: `[::1]:${port()}` })).status).toBe(200);
    });
  });

  describe('--in-cluster with a pod service account (acceptance 2)', () => {
    const namespace = 'portal';
    const saDir = () => join(dir, 'serviceaccount');
    let backend: RunningBackend;

    async function tokenOf(serviceAccount: string): Promise<string> {
      const review = await cluster
        .client()
        .must<{ status: { token: string } }>(
          'POST',
          `/api/v1/namespaces/${namespace}/serviceaccounts/${serviceAccount}/token`,
          { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 3600 } },
        );
      return review.status.token;
    }

    /** Writes the files the kubelet projects, its way: a timestamped folder, `..data` swapped atomically. */
    async function project(version: string, token: string): Promise<void> {
      const folder = join(saDir(), `..${version}`);
      await mkdir(folder, { recursive: true });
      await writeFile(join(folder, 'token'), token);
      await writeFile(join(folder, 'ca.crt'), cluster.caPem);
      await writeFile(join(folder, 'namespace'), namespace);
      await symlink(`..${version}`, join(saDir(), '..data_tmp'));
      await rename(join(saDir(), '..data_tmp'), join(saDir(), '..data'));
    }

    const get = (name: string) =>
      send(backend.url, `/clusters/in-cluster/api/v1/namespaces/${namespace}/configmaps/${name}`, {
        host: new URL(backend.url).host,
      });

    beforeAll(async () => {
      const admin = cluster.client();
      await admin.must('POST', '/api/v1/namespaces', { metadata: { name: namespace } });
      for (const [account, configMap] of [
        ['porthole', 'first'],
        ['porthole-next', 'second'],
      ] as const) {
        await admin.must('POST', `/api/v1/namespaces/${namespace}/serviceaccounts`, {
          metadata: { name: account },
        });
        await admin.must('POST', `/api/v1/namespaces/${namespace}/configmaps`, {
          metadata: { name: configMap },
          data: { who: account },
        });
        // Each account may read its own ConfigMap only: what a request is allowed shows whose token it carried.
        await admin.must('POST', `/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}/roles`, {
          metadata: { name: account },
          rules: [{ apiGroups: [''], resources: ['configmaps'], resourceNames: [configMap], verbs: ['get'] }],
        });
        await admin.must('POST', `/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}/rolebindings`, {
          metadata: { name: account },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: account },
          subjects: [{ kind: 'ServiceAccount', name: account, namespace }],
        });
      }
      await mkdir(saDir(), { recursive: true });
      await project('2026_12_04_first', await tokenOf('porthole'));
      for (const file of ['token', 'ca.crt', 'namespace'])
        await symlink(join('..data', file), join(saDir(), file));
      const server = new URL(cluster.server);
      backend = await startBackend({
        kubeconfigs: [cluster.kubeconfigPath],
        args: ['--in-cluster', '--service-account-dir', saDir()],
        env: { KUBERNETES_SERVICE_HOST: server.hostname, KUBERNETES_SERVICE_PORT: server.port },
      });
    });
    afterAll(() => backend?.stop());

    it('serves the cluster it runs in as context "in-cluster", beside the kubeconfig contexts', async () => {
      const list = JSON.parse(
        (await send(backend.url, '/api/clusters', { host: new URL(backend.url).host })).body,
      ) as {
        name: string;
        server: string;
        namespace: string;
      }[];
      expect(list[0]).toMatchObject({ name: 'in-cluster', server: cluster.server, namespace });
      expect(list.map((c) => c.name)).toContain(cluster.contexts.admin);
      expect(list.map((c) => c.name)).toContain(cluster.contexts.viewer);

      const first = await get('first');
      expect(first.status).toBe(200);
      expect(JSON.parse(first.body)).toMatchObject({ data: { who: 'porthole' } });
      const second = await get('second');
      expect(second.status).toBe(403);
      expect(second.body).toContain('system:serviceaccount:portal:porthole');
    });

    it('reads the token again when the kubelet rotates it', async () => {
      await project('2026_12_04_second', await tokenOf('porthole-next'));
      // The old token is still valid: only re-reading the file can change whose rights a request has.
      const second = await get('second');
      expect(second.status).toBe(200);
      expect(JSON.parse(second.body)).toMatchObject({ data: { who: 'porthole-next' } });
      const first = await get('first');
      expect(first.status).toBe(403);
      expect(first.body).toContain('system:serviceaccount:portal:porthole-next');
    });
  });

  describe('SIGTERM (acceptance 6)', () => {
    it('drains: /readyz 503 first, then /ws sockets closed with 1012, and the process exits within the grace', async () => {
      const graceMs = 4_000;
      const backend = await startBackend({
        kubeconfigs: [cluster.kubeconfigPath],
        args: ['--shutdown-grace', `${graceMs}ms`],
      });
      const host = { host: new URL(backend.url).host };
      expect((await send(backend.url, '/readyz', host)).status).toBe(200);
      const socket = await openTestSocket(`${backend.url.replace('http', 'ws')}/ws`);
      socket.send({
        op: 'watch',
        id: 1,
        cluster: cluster.contexts.admin,
        group: '',
        version: 'v1',
        resource: 'namespaces',
      });
      await socket.next('sync', (m) => m.id === 1);
      let socketClosedAt = 0;
      const closed = socket.closed.then((c) => {
        socketClosedAt = Date.now();
        return c;
      });
      // A proxied watch keeps its connection busy: only the end of the grace cuts it.
      const proxied = send(
        backend.url,
        `/clusters/${encodeURIComponent(cluster.contexts.admin)}/api/v1/namespaces?watch=1`,
        host,
      );

      const signalledAt = Date.now();
      const exited = once(backend.child, 'exit');
      backend.child.kill('SIGTERM');
      let notReadyAt = 0;
      await waitFor(
        '/readyz to answer 503',
        async () => {
          const res = await send(backend.url, '/readyz', host);
          if (res.status !== 503) return false;
          expect(JSON.parse(res.body)).toMatchObject({ kind: 'Status', code: 503 });
          notReadyAt = Date.now();
          return true;
        },
        graceMs,
        25,
      );
      const close = await closed;
      expect(close.code).toBe(muxCloseCodes.serviceRestart);
      expect(notReadyAt).toBeLessThan(socketClosedAt);
      await expect(send(backend.url, '/readyz', host)).rejects.toThrow(/ECONNREFUSED/);

      const [code] = await exited;
      const exitedAfter = Date.now() - signalledAt;
      expect(code).toBe(0);
      await proxied.catch(() => undefined); // cut at the end of the grace
      const drained = /drained in (\d+) ms \(grace period over/.exec(backend.output());
      expect(Number(drained?.[1])).toBeLessThan(graceMs); // measured by the backend itself
      console.log(
        `drain: /readyz 503 after ${notReadyAt - signalledAt} ms, /ws closed (1012) after ` +
          `${socketClosedAt - signalledAt} ms, exit after ${exitedAfter} ms (grace ${graceMs} ms)`,
      );
      // Seen from here: plus signal delivery and process teardown on a loaded machine.
      expect(exitedAfter).toBeLessThan(graceMs + 2_000);
    });
  });
});
