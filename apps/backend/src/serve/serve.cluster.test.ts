import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createKubeClient,
  execCredentialPluginScript,
  type OidcIssuer,
  openExec,
  type RancherProxy,
  runPod,
  start,
  startOidcIssuer,
  startRancherProxy,
  type TestCluster,
  waitFor,
} from '@porthole/testcluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningBackend, startBackend } from '../testing/index.ts';
import { type KubeconfigEntries, writeKubeconfig } from './serve-fixture.ts';

/** Everything through the real `porthole serve`: live kubeconfig, real credentials, real proxy. */
describe('porthole serve', () => {
  let oidc: OidcIssuer;
  let alpha: TestCluster;
  let beta: TestCluster;
  let rancher: RancherProxy;
  let backend: RunningBackend;
  let dir: string;
  let kubeconfig: string;
  let entries: KubeconfigEntries;
  const pluginLog = () => join(dir, 'plugin.log');
  /** What the API server answers to GET /api with `token` (an oracle independent of Porthole). */
  const statusWithToken = async (token: string) => {
    const client = createKubeClient({ server: alpha.server, caPem: alpha.caPem, token });
    const { status } = await client.request('GET', '/api');
    client.close();
    return status;
  };
  const pluginRuns = async () =>
    (await readFile(pluginLog(), 'utf8').catch(() => '')).split('\n').filter(Boolean);

  beforeAll(async () => {
    oidc = await startOidcIssuer();
    [alpha, beta] = await Promise.all([
      start({ name: 'alpha', apiserverFlags: oidc.apiserverFlags }),
      start({ name: 'beta' }),
    ]);
    rancher = await startRancherProxy({ upstream: alpha.server, caPem: alpha.caPem });
    dir = await mkdtemp(join(tmpdir(), 'porthole-serve-'));
    const admin = alpha.client();
    await admin.must('POST', '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'oidc-readers' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: ['oidc:exec-user', 'oidc:alice'].map((name) => ({
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'User',
        name,
      })),
    });
    await Promise.all([
      admin.must('POST', '/api/v1/namespaces', { metadata: { name: 'only-in-alpha' } }),
      beta.client().must('POST', '/api/v1/namespaces', { metadata: { name: 'only-in-beta' } }),
      runPod(admin, { name: 'shell', command: ['sleep', '3600'] }),
      runPod(beta.client(), { name: 'shell', command: ['sleep', '3600'] }),
    ]);
    // The API server loads the issuer's keys in the background after it starts.
    await waitFor(
      'the API server to accept OIDC tokens',
      async () => {
        return (await statusWithToken(oidc.mintIdToken({ sub: 'alice' }))) === 200;
      },
      30_000,
    );
    const oidcUser = (idToken: string, refreshToken?: string) => ({
      'auth-provider': {
        name: 'oidc',
        config: {
          'client-id': oidc.clientId,
          'idp-issuer-url': oidc.issuerUrl,
          'idp-certificate-authority': oidc.caFile,
          'id-token': idToken,
          ...(refreshToken ? { 'refresh-token': refreshToken } : {}),
        },
      },
    });
    entries = {
      clusters: {
        alpha: { server: alpha.server, caPem: alpha.caPem },
        beta: { server: beta.server, caPem: beta.caPem },
        rancher: { server: rancher.url, caPem: rancher.caPem },
      },
      users: {
        'alpha-admin': { token: alpha.tokens.admin },
        'beta-admin': { token: beta.tokens.admin },
        // Tokens the API server rejects after 4 s while the plugin claims an hour: only a 401 can renew them.
        'exec-user': {
          exec: {
            apiVersion: 'client.authentication.k8s.io/v1',
            command: execCredentialPluginScript,
            interactiveMode: 'Never',
            args: [
              '--issuer',
              oidc.issuerUrl,
              '--ca',
              oidc.caFile,
              '--sub',
              'exec-user',
              '--expires-in',
              '4',
              '--claimed-expires-in',
              '3600',
              '--log',
              pluginLog(),
            ],
            env: [{ name: 'PORTHOLE_TEAM', value: 'platform' }],
          },
        },
        'oidc-valid': oidcUser(oidc.mintIdToken({ sub: 'alice', expiresIn: 600 })),
        'oidc-refreshable': oidcUser(
          oidc.mintIdToken({ sub: 'alice', expiresIn: -60 }),
          oidc.issueRefreshToken({ sub: 'alice', expiresIn: 600 }),
        ),
        'oidc-expired': oidcUser(oidc.mintIdToken({ sub: 'alice', expiresIn: -60 })),
      },
      contexts: {
        alpha: { cluster: 'alpha', user: 'alpha-admin' },
        beta: { cluster: 'beta', user: 'beta-admin' },
        rancher: { cluster: 'rancher', user: 'alpha-admin' },
        'exec@alpha': { cluster: 'alpha', user: 'exec-user' },
        'oidc@alpha': { cluster: 'alpha', user: 'oidc-valid' },
        'oidc-refresh@alpha': { cluster: 'alpha', user: 'oidc-refreshable' },
        'oidc-expired@alpha': { cluster: 'alpha', user: 'oidc-expired' },
        doomed: { cluster: 'alpha', user: 'alpha-admin' },
      },
    };
    kubeconfig = join(dir, 'config');
    await writeKubeconfig(kubeconfig, entries);
    const broken = join(dir, 'broken.yaml');
    await writeFile(broken, 'clusters: [ {name: x, cluster: {server: "https://x" ::: not yaml');
    backend = await startBackend({ kubeconfigs: [kubeconfig, broken] });
  }, 180_000);

  afterAll(async () => {
    await backend?.stop();
    await rancher?.stop();
    await Promise.all([alpha?.stop(), beta?.stop()]);
    await oidc?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${backend.url}${path}`, { headers });
  const wsUrl = (context: string, command: string[], extra = '') =>
    `${backend.url.replace('http:', 'ws:')}/clusters/${encodeURIComponent(context)}/api/v1/namespaces/default/pods/shell/exec?${command
      .map((c) => `command=${encodeURIComponent(c)}`)
      .join('&')}&stdout=true&stderr=true${extra}`;
  const browser = () => ({ Origin: backend.url, 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140' });

  it('lists every context, and the broken kubeconfig among the files with its error, without a credential', async () => {
    const res = await get('/api/clusters');
    const text = await res.text();
    const list = JSON.parse(text) as { name: string; distribution: string; error?: string }[];
    expect(list.map((c) => c.name).sort()).toEqual(Object.keys(entries.contexts).sort());
    expect(list.find((c) => c.name === 'rancher')?.distribution).toBe('rancher');
    const filesText = await (await get('/api/clusters/files')).text();
    const files = JSON.parse(filesText) as { path: string; state: string; message?: string }[];
    expect(files.find((f) => f.path === join(dir, 'broken.yaml'))).toMatchObject({
      state: 'invalid',
      message: expect.stringMatching(/cannot be parsed/),
    });
    for (const secret of [alpha.tokens.admin, beta.tokens.admin]) {
      expect(text).not.toContain(secret);
      expect(filesText).not.toContain(secret);
    }
  });

  it('sends each context to its own cluster with its own credentials', async () => {
    expect((await get('/clusters/alpha/api/v1/namespaces/only-in-alpha')).status).toBe(200);
    expect((await get('/clusters/alpha/api/v1/namespaces/only-in-beta')).status).toBe(404);
    expect((await get('/clusters/beta/api/v1/namespaces/only-in-beta')).status).toBe(200);
    expect((await get('/clusters/beta/api/v1/namespaces/only-in-alpha')).status).toBe(404);
  });

  it('runs a WebSocket exec the same way on two clusters and on a Rancher-fronted one, from a browser', async () => {
    for (const context of ['alpha', 'beta', 'rancher']) {
      const session = await openExec({
        url: wsUrl(context, ['echo', `hi from ${context}`]),
        headers: browser(),
      });
      const outcome = await session.done;
      expect({ context, stdout: outcome.stdout, exitCode: outcome.exitCode }).toEqual({
        context,
        stdout: `hi from ${context}\n`,
        exitCode: 0,
      });
    }
  });

  it('caches an exec plugin credential, and re-runs the plugin once when 20 concurrent requests get a 401', async () => {
    expect((await get('/clusters/exec@alpha/api/v1/namespaces')).status).toBe(200);
    // A probe that expires just after the plugin's token: once the API server rejects it (it caches
    // token reviews for a few seconds), the plugin's token is rejected too.
    const probe = oidc.mintIdToken({ sub: 'exec-user', expiresIn: 5 });
    for (let i = 0; i < 3; i++)
      expect((await get('/clusters/exec@alpha/api/v1/namespaces')).status).toBe(200);
    const runs = await pluginRuns();
    expect(runs).toHaveLength(1);
    const first = JSON.parse(runs[0]!) as { argv: string[]; execInfo: string; team: string };
    expect(first.team).toBe('platform');
    expect(first.argv).toContain('--sub');
    expect(JSON.parse(first.execInfo)).toMatchObject({
      apiVersion: 'client.authentication.k8s.io/v1',
      kind: 'ExecCredential',
    });
    await waitFor(
      'the API server to reject the expired token',
      async () => {
        return (await statusWithToken(probe)) === 401;
      },
      30_000,
      250,
    );
    const statuses = await Promise.all(
      Array.from({ length: 20 }, () => get('/clusters/exec@alpha/api/v1/namespaces').then((r) => r.status)),
    );
    expect(statuses).toEqual(Array(20).fill(200));
    expect(await pluginRuns()).toHaveLength(2);
  });

  it('uses a valid OIDC id-token, refreshes an expired one once, and asks to log in again without a refresh token', async () => {
    expect((await get('/clusters/oidc@alpha/api/v1/namespaces')).status).toBe(200);
    const before = oidc.refreshCount;
    const statuses = await Promise.all(
      Array.from({ length: 20 }, () =>
        get('/clusters/oidc-refresh@alpha/api/v1/namespaces').then((r) => r.status),
      ),
    );
    expect(statuses).toEqual(Array(20).fill(200));
    expect(oidc.refreshCount - before).toBe(1);
    const expired = await get('/clusters/oidc-expired@alpha/api/v1/namespaces');
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { message: string }).message).toMatch(/log in again/);
  });

  it('answers bad input with the right Status and stays up', async () => {
    const unknown = await get('/clusters/nope/api/v1/namespaces');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { message: string }).message).toContain('nope');
    const traversal = await new Promise<number>((resolve, reject) => {
      const url = new URL(backend.url);
      const req = request(
        { host: url.hostname, port: url.port, path: '/clusters/alpha/../../api/clusters' },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(traversal).toBe(400);
    await expect(
      openExec({ url: wsUrl('alpha', ['echo']), headers: { ...browser(), Origin: 'https://evil.example' } }),
    ).rejects.toMatchObject({ status: 403 });
    const cm = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'from-browser' } });
    const path = `${backend.url}/clusters/alpha/api/v1/namespaces/default/configmaps`;
    const blocked = await fetch(path, {
      method: 'POST',
      body: cm,
      headers: { 'Content-Type': 'application/json' },
    });
    expect(blocked.status).toBe(403);
    const allowed = await fetch(path, {
      method: 'POST',
      body: cm,
      headers: { 'Content-Type': 'application/json', 'X-Porthole-Request': '1' },
    });
    expect(allowed.status).toBe(201);
    expect((await get('/healthz')).status).toBe(200);
  });

  it('drops a context removed from the kubeconfig and ends its open watch and exec with the reason', async () => {
    const watch = await get('/clusters/doomed/api/v1/namespaces/default/configmaps?watch=1');
    expect(watch.status).toBe(200);
    const watchText = watch.text();
    const shell = await openExec({
      url: `${wsUrl('doomed', ['sh'])}&stdin=true&tty=true`,
      headers: browser(),
    });
    const { doomed: _, ...remaining } = entries.contexts;
    await writeKubeconfig(kubeconfig, { ...entries, contexts: remaining });
    await waitFor(
      'doomed to leave /api/clusters',
      async () => {
        const names = ((await (await get('/api/clusters')).json()) as { name: string }[]).map((c) => c.name);
        return !names.includes('doomed');
      },
      10_000,
      20,
    );
    expect(await watchText).toMatch(/"type":"ERROR".*removed from the kubeconfig/);
    const closed = await shell.done;
    expect(closed.closeReason).toContain('removed from the kubeconfig');
    expect((await get('/clusters/doomed/api/v1/namespaces')).status).toBe(404);
    expect(backend.child.exitCode).toBeNull();
  });
});
