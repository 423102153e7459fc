import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerMessage } from '@porthole/protocol';
import { start, type TestCluster, waitFor } from '@porthole/testcluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { openTestSocket, type TestSocket } from '../mux/mux-test-client.ts';
import { writeKubeconfig } from '../serve/serve-fixture.ts';
import { type InProcessBackend, serveInProcess } from '../testing/serve-in-process.ts';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A plain HTTP request from a chosen local address (the peer address the backend sees). */
function call(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; localAddress?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: options.method ?? 'GET',
        headers: {
          ...options.headers,
          ...(options.body ? { 'content-length': Buffer.byteLength(options.body) } : {}),
        },
        ...(options.localAddress ? { localAddress: options.localAddress } : {}),
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d) => {
          body += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const upstreamWatches = async (backend: InProcessBackend) => {
  const text = await (await fetch(`${backend.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('porthole_mux_upstream_watches '));
  return Number(line?.split(' ')[1]);
};

describe('login modes against the real API server', () => {
  let cluster: TestCluster;
  let dir: string;
  let kubeconfig: string;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    // The controller manager fills the aggregated ClusterRoles (view, edit) the test users are bound to.
    cluster = await start({ name: 'auth', kubelet: false });
    await waitFor('the aggregated view role', async () => {
      const answer = await cluster.client('viewer').request('GET', '/api/v1/namespaces/default/pods');
      return answer.status === 200;
    });
    dir = await mkdtemp(join(tmpdir(), 'porthole-auth-'));
    kubeconfig = join(dir, 'config');
    // `admin` carries the service account's credentials (here system:masters: TokenReview and
    // impersonation); `bare` has the cluster only, as a token-mode deployment may.
    await writeKubeconfig(kubeconfig, {
      clusters: { auth: { server: cluster.server, caPem: cluster.caPem } },
      users: { admin: { token: cluster.tokens.admin }, nobody: {} },
      contexts: { admin: { cluster: 'auth', user: 'admin' }, bare: { cluster: 'auth', user: 'nobody' } },
    });
    await writeFile(join(dir, 'secret'), 'session-secret-for-the-auth-cluster-test-0123456789\n');
  }, 120_000);

  afterAll(async () => {
    for (const s of sockets) s.close();
    await cluster?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  describe('--auth token', () => {
    let backend: InProcessBackend;
    beforeAll(async () => {
      backend = await serveInProcess({
        kubeconfigs: [kubeconfig],
        authMode: 'token',
        sessionSecretFile: join(dir, 'secret'),
      });
    });
    afterAll(() => backend?.stop());

    async function logIn(token: string, context = 'admin'): Promise<Answer> {
      return call(`${backend.url}/api/login/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-porthole-request': '1' },
        body: JSON.stringify({ token, context, return: '/c/admin' }),
      });
    }
    async function cookieFor(token: string, context = 'admin'): Promise<string> {
      const answer = await logIn(token, context);
      expect(answer.status, answer.body).toBe(200);
      const setCookie = String(answer.headers['set-cookie'] ?? '');
      expect(setCookie).toMatch(/^porthole_session=[^;]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/);
      return setCookie.split(';')[0] ?? '';
    }

    it('accepts a valid token: the cluster names the user, and requests act as them', async () => {
      const cookie = await cookieFor(cluster.tokens.viewer);
      const session = await call(`${backend.url}/api/session`, { headers: { cookie } });
      expect(JSON.parse(session.body)).toEqual({
        mode: 'token',
        user: { name: 'viewer', groups: expect.arrayContaining(['system:authenticated']) },
      });
      expect(session.body).not.toContain(cluster.tokens.viewer);
      // The context's own credentials are admin's; viewer may list pods but not read secrets.
      const pods = await call(`${backend.url}/clusters/admin/api/v1/namespaces/default/pods`, {
        headers: { cookie },
      });
      expect(pods.status, pods.body).toBe(200);
      const secrets = await call(`${backend.url}/clusters/admin/api/v1/namespaces/kube-system/secrets`, {
        headers: { cookie },
      });
      expect(secrets.status).toBe(403);
      expect(secrets.body).toContain('User \\"viewer\\" cannot list resource \\"secrets\\"');
    });

    it('sends the person back to a same-origin return path only (open redirects fall back to /)', async () => {
      const back = await logIn(cluster.tokens.viewer);
      expect(JSON.parse(back.body)).toEqual({ redirect: '/c/admin' });
      for (const hostile of [
        '//evil.example/',
        'https://evil.example/',
        '/\\evil.example',
        '/..//evil.example',
      ]) {
        const answer = await call(`${backend.url}/api/login/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
          body: new URLSearchParams({
            token: cluster.tokens.viewer,
            context: 'admin',
            return: hostile,
          }).toString(),
        });
        expect(answer.status, hostile).toBe(303);
        expect(answer.headers.location, hostile).toBe('/');
      }
    });

    it('refuses a bad token with a 401 Status and no cookie, and the proxy without a session', async () => {
      const answer = await logIn(`${cluster.tokens.viewer}x`);
      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.body)).toMatchObject({ kind: 'Status', code: 401 });
      expect(answer.headers['set-cookie']).toBeUndefined();
      const anonymous = await call(`${backend.url}/clusters/admin/api/v1/namespaces`);
      expect(anonymous.status).toBe(401);
    });

    it('falls back to a SelfSubjectRulesReview when the context may not review tokens (v1.20 has no SelfSubjectReview)', async () => {
      const cookie = await cookieFor(cluster.tokens['team-a'], 'bare');
      const session = JSON.parse((await call(`${backend.url}/api/session`, { headers: { cookie } })).body);
      expect(session).toEqual({ mode: 'token', user: { name: 'token user', groups: [] } });
      const own = await call(`${backend.url}/clusters/bare/api/v1/namespaces/team-a/configmaps`, {
        headers: { cookie },
      });
      expect(own.status).toBe(200);
      const other = await call(`${backend.url}/clusters/bare/api/v1/namespaces/default/configmaps`, {
        headers: { cookie },
      });
      expect(other.status).toBe(403);
      expect((await logIn('not-a-token', 'bare')).status).toBe(401);
    });

    it("probes a context's health as the person: fine for them where the kubeconfig's own user is refused", async () => {
      const cookie = await cookieFor(cluster.tokens.viewer);
      const check = await call(`${backend.url}/api/clusters/health/check`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', 'x-porthole-request': '1' },
        body: JSON.stringify({ names: ['bare'] }),
      });
      expect(check.status).toBe(202);
      const health = await waitFor('the health of "bare" as viewer', async () => {
        const list = JSON.parse(
          (await call(`${backend.url}/api/clusters/health`, { headers: { cookie } })).body,
        );
        const bare = (list as { name: string; state: string; credentials?: string }[]).find(
          (h) => h.name === 'bare',
        );
        return bare && bare.state !== 'checking' ? bare : undefined;
      });
      expect(health).toMatchObject({ state: 'ok', credentials: 'ok' });
      // The kubeconfig's own (anonymous) user of `bare`, as local mode's monitor probes it.
      backend.console.health.check(['bare']);
      const own = await waitFor('the health of "bare" as the kubeconfig', async () => {
        const bare = backend.console.health.list().find((h) => h.name === 'bare');
        return bare && bare.state !== 'checking' ? bare : undefined;
      });
      expect(own.credentials).not.toBe('ok');
    });

    it('refuses a /ws upgrade without a session (401)', async () => {
      await expect(openTestSocket(backend.wsUrl)).rejects.toThrow(/upgrade refused: 401/);
    });

    it("keeps two people's watches apart on one multiplexer: no shared upstream, no event of the other's", async () => {
      const adminCookie = await cookieFor(cluster.tokens.admin);
      const viewerCookie = await cookieFor(cluster.tokens.viewer);
      const admin = await openTestSocket(backend.wsUrl, { headers: { cookie: adminCookie } });
      const viewer = await openTestSocket(backend.wsUrl, { headers: { cookie: viewerCookie } });
      sockets.push(admin, viewer);
      const before = await upstreamWatches(backend);
      const secrets = {
        op: 'watch',
        cluster: 'admin',
        group: '',
        version: 'v1',
        resource: 'secrets',
        namespace: 'kube-system',
      } as const;
      admin.send({ ...secrets, id: 1 });
      await admin.next('sync', (m) => m.id === 1);
      // The same watch as the viewer: refused by the API server, not served from admin's upstream.
      viewer.send({ ...secrets, id: 1 });
      const refused = await viewer.next('error', (m) => m.id === 1);
      expect(refused.code).toBe(403);
      const configmaps = {
        op: 'watch',
        cluster: 'admin',
        group: '',
        version: 'v1',
        resource: 'configmaps',
        namespace: 'default',
      } as const;
      admin.send({ ...configmaps, id: 2 });
      viewer.send({ ...configmaps, id: 2 });
      await admin.next('sync', (m) => m.id === 2);
      await viewer.next('sync', (m) => m.id === 2);
      // admin: secrets + configmaps; viewer: configmaps of its own.
      expect(await upstreamWatches(backend)).toBe(before + 3);
      await cluster.client().must('POST', '/api/v1/namespaces/kube-system/secrets', {
        metadata: { name: 'only-for-admin' },
        stringData: { a: 'b' },
      });
      await admin.next(
        'events',
        (m) => m.id === 1 && m.events.some((e) => e.object.metadata.name === 'only-for-admin'),
      );
      const seen = (messages: ServerMessage[]) => JSON.stringify(messages).includes('only-for-admin');
      expect(seen(viewer.messages)).toBe(false);
    });
  });

  describe('--auth proxy', () => {
    let backend: InProcessBackend;
    const trusted = '127.0.0.2';
    beforeAll(async () => {
      backend = await serveInProcess({
        kubeconfigs: [kubeconfig],
        authMode: 'proxy',
        trustedProxies: [`${trusted}/32`],
      });
    });
    afterAll(() => backend?.stop());

    const asProxy = (path: string, headers: Record<string, string>, localAddress = trusted) =>
      call(`${backend.url}${path}`, { headers, localAddress });

    it('impersonates the headers from a trusted address: the API server refuses a user without rights', async () => {
      const secrets = await asProxy('/clusters/admin/api/v1/namespaces/kube-system/secrets', {
        'X-Forwarded-User': 'viewer',
      });
      expect(secrets.status).toBe(403);
      expect(secrets.body).toContain('User \\"viewer\\" cannot list resource \\"secrets\\"');
      const pods = await asProxy('/clusters/admin/api/v1/namespaces/default/pods', {
        'X-Forwarded-User': 'viewer',
      });
      expect(pods.status, pods.body).toBe(200);
    });

    it('lets a user with rights list, and the groups header counts', async () => {
      const own = await asProxy('/clusters/admin/api/v1/namespaces/team-a/configmaps', {
        'X-Forwarded-User': 'team-a',
      });
      expect(own.status).toBe(200);
      const outside = await asProxy('/clusters/admin/api/v1/namespaces/default/configmaps', {
        'X-Forwarded-User': 'team-a',
      });
      expect(outside.status).toBe(403);
      const asMaster = await asProxy('/clusters/admin/api/v1/namespaces/kube-system/secrets', {
        'X-Forwarded-User': 'someone',
        'X-Forwarded-Groups': 'system:masters',
      });
      expect(asMaster.status).toBe(200);
      const session = await asProxy('/api/session', {
        'X-Forwarded-User': 'alice',
        'X-Forwarded-Groups': 'team-a, dev',
      });
      expect(JSON.parse(session.body)).toEqual({
        mode: 'proxy',
        user: { name: 'alice', groups: ['team-a', 'dev'] },
      });
    });

    it("ignores the client's own Impersonate-* headers", async () => {
      const answer = await asProxy('/clusters/admin/api/v1/namespaces/kube-system/secrets', {
        'X-Forwarded-User': 'viewer',
        'Impersonate-User': 'admin',
        'Impersonate-Group': 'system:masters',
      });
      expect(answer.status).toBe(403);
    });

    it('answers 401 to the same headers from any other address, WebSocket upgrades included', async () => {
      const headers = { 'X-Forwarded-User': 'viewer', 'X-Forwarded-Groups': 'system:masters' };
      for (const path of ['/clusters/admin/api/v1/namespaces', '/api/session', '/api/clusters', '/']) {
        const answer = await asProxy(path, headers, '127.0.0.1');
        expect(answer.status, path).toBe(401);
      }
      await expect(openTestSocket(backend.wsUrl, { headers, localAddress: '127.0.0.1' })).rejects.toThrow(
        /upgrade refused: 401/,
      );
      const socket = await openTestSocket(backend.wsUrl, { headers, localAddress: trusted });
      sockets.push(socket);
      socket.send({ op: 'watch', id: 1, cluster: 'admin', group: '', version: 'v1', resource: 'namespaces' });
      await socket.next('sync', (m) => m.id === 1);
    });

    it('runs log follows and exec on the multiplexer as the person', async () => {
      const teamA = await openTestSocket(backend.wsUrl, {
        headers: { 'X-Forwarded-User': 'team-a' },
        localAddress: trusted,
      });
      const master = await openTestSocket(backend.wsUrl, {
        headers: { 'X-Forwarded-User': 'root', 'X-Forwarded-Groups': 'system:masters' },
        localAddress: trusted,
      });
      sockets.push(teamA, master);
      const pod = { cluster: 'admin', namespace: 'default', pod: 'no-such-pod' } as const;
      for (const socket of [teamA, master]) {
        socket.send({ op: 'logs', id: 1, ...pod, follow: true });
        socket.send({ op: 'exec', id: 2, ...pod, command: ['true'], tty: false, stdin: false });
      }
      // team-a may not read pods in `default`: the API server refuses it before looking for the pod;
      // the context's own (admin) credentials would have found no pod (404), as system:masters does.
      expect((await teamA.next('error', (m) => m.id === 1)).code).toBe(403);
      expect((await teamA.next('error', (m) => m.id === 2)).code).toBe(403);
      expect((await master.next('error', (m) => m.id === 1)).code).toBe(404);
      expect((await master.next('error', (m) => m.id === 2)).code).toBe(404);
    });

    it('proxies /clusters/ WebSocket upgrades (exec) as the person', async () => {
      const path = '/clusters/admin/api/v1/namespaces/default/pods/no-such-pod/exec?command=true&stdout=true';
      const statusOf = (headers: Record<string, string>, localAddress = trusted) =>
        new Promise<number>((resolve, reject) => {
          const ws = new WebSocket(`${backend.wsUrl.replace(/\/ws$/, '')}${path}`, 'v4.channel.k8s.io', {
            headers,
            localAddress,
          });
          ws.once('open', () => {
            ws.close();
            resolve(101);
          });
          ws.once('unexpected-response', (_req, res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          });
          ws.once('error', reject);
        });
      expect(await statusOf({ 'X-Forwarded-User': 'team-a' })).toBe(403);
      expect(await statusOf({ 'X-Forwarded-User': 'root', 'X-Forwarded-Groups': 'system:masters' })).toBe(
        404,
      );
      expect(
        await statusOf({ 'X-Forwarded-User': 'root', 'X-Forwarded-Groups': 'system:masters' }, '127.0.0.1'),
      ).toBe(401);
    });

    it('answers 401 without the user header even from the trusted address', async () => {
      const answer = await asProxy('/clusters/admin/api/v1/namespaces', {});
      expect(answer.status).toBe(401);
    });
  });
});
