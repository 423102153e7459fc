import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { isUnauthorized, type StatusError } from '@porthole/protocol';
import { execCredentialPluginScript } from '@porthole/testcluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClusterRegistry } from '../clusters/registry.ts';
import type { ExecConfig } from '../clusters/resolved-context.ts';
import { createCredentialProvider } from './credential-provider.ts';
import { contextFor, getWith, type OidcTestCluster, startOidcTestCluster } from './oidc-test-cluster.ts';

const configmaps = '/api/v1/namespaces/default/configmaps';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Runs the fixture plugin and drops its expirationTimestamp, so Porthole caches a token the API server
// will reject once it expires: the way to meet a real 401 with a credential Porthole still trusts.
const withoutExpiry = `
const { execFileSync } = require('node:child_process');
const out = JSON.parse(execFileSync(process.execPath, process.argv.slice(1)));
delete out.status.expirationTimestamp;
process.stdout.write(JSON.stringify(out));
`;

describe('createCredentialProvider against a real API server', () => {
  let env: OidcTestCluster;
  let dir: string;
  beforeAll(async () => {
    env = await startOidcTestCluster('creds', ['exec-user']);
    dir = await mkdtemp(join(tmpdir(), 'porthole-creds-cluster-'));
  });
  afterAll(async () => {
    await env?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const plugin = (log: string, expiresIn: number, extra: Partial<ExecConfig> = {}): ExecConfig => ({
    apiVersion: 'client.authentication.k8s.io/v1',
    command: execCredentialPluginScript,
    args: [
      '--issuer',
      env.issuer.issuerUrl,
      '--ca',
      env.issuer.caFile,
      '--expires-in',
      String(expiresIn),
      '--log',
      log,
    ],
    env: [{ name: 'PORTHOLE_TEAM', value: 'payments' }],
    provideClusterInfo: true,
    ...extra,
  });
  const runs = async (log: string) =>
    (await readFile(log, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));

  it('authenticates with a token, a token file and a client certificate', async () => {
    const { cluster } = env;
    const provider = createCredentialProvider();
    const tokenFile = join(dir, 'admin-token');
    await writeFile(tokenFile, `${cluster.tokens.admin}\n`);
    // A client certificate for user "cert-admin" in group system:masters, signed by the cluster's CA.
    const [key, csr, cert] = ['cert.key', 'cert.csr', 'cert.crt'].map((f) => join(dir, f)) as [
      string,
      string,
      string,
    ];
    const openssl = promisify(execFile);
    await openssl('openssl', [
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      csr,
      '-subj',
      '/O=system:masters/CN=cert-admin',
    ]);
    await openssl('openssl', [
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      join(cluster.dir, 'ca.crt'),
      '-CAkey',
      join(cluster.dir, 'ca.key'),
      '-CAcreateserial',
      '-out',
      cert,
      '-days',
      '1',
    ]);

    for (const user of [{ token: cluster.tokens.admin }, { tokenFile }, { certFile: cert, keyFile: key }]) {
      const creds = await provider.credentialsFor(contextFor(cluster, 'static', user));
      expect(await getWith(cluster.server, configmaps, creds)).toBe(200);
    }
    const wrong = await provider.credentialsFor(contextFor(cluster, 'wrong', { token: 'not-a-token' }));
    expect(await getWith(cluster.server, configmaps, wrong)).toBe(401);
  });

  it("impersonates the kubeconfig's `as:` user: an admin token acting as viewer gets the viewer's 403", async () => {
    const { cluster } = env;
    const kubeconfig = join(dir, 'impersonating');
    await writeFile(
      kubeconfig,
      [
        'clusters: [{ name: c, cluster: { server: "SERVER", certificate-authority-data: "CA" } }]',
        'users:',
        '  - { name: admin, user: { token: "TOKEN" } }',
        '  - { name: admin-as-viewer, user: { token: "TOKEN", as: viewer } }',
        'contexts:',
        '  - { name: admin, context: { cluster: c, user: admin } }',
        '  - { name: as-viewer, context: { cluster: c, user: admin-as-viewer } }',
      ]
        .join('\n')
        .replace('SERVER', cluster.server)
        .replace('CA', Buffer.from(cluster.caPem).toString('base64'))
        .replaceAll('TOKEN', cluster.tokens.admin),
    );
    const registry = await createClusterRegistry({ kubeconfigs: [kubeconfig], log: () => {} });
    try {
      const provider = createCredentialProvider();
      const secrets = '/api/v1/namespaces/default/secrets';
      const admin = await provider.credentialsFor(registry.get('admin')!);
      const asViewer = await provider.credentialsFor(registry.get('as-viewer')!);
      expect(asViewer.headers).toMatchObject({ 'impersonate-user': 'viewer' });
      expect(await getWith(cluster.server, secrets, admin)).toBe(200);
      expect(await getWith(cluster.server, secrets, asViewer)).toBe(403);
      // kubectl, impersonating the same way, agrees.
      const { stdout } = await promisify(execFile)('kubectl', [
        '--kubeconfig',
        cluster.kubeconfigPath,
        '--as',
        'viewer',
        'auth',
        'can-i',
        'list',
        'secrets',
        '-n',
        'default',
      ]).catch((e: { stdout: string }) => e);
      expect(stdout.trim()).toBe('no');
    } finally {
      await registry.close();
    }
  });

  it('runs the exec plugin with args, env and KUBERNETES_EXEC_INFO, and the API server accepts its token', async () => {
    const log = join(dir, 'info.log');
    const context = contextFor(env.cluster, 'exec', { exec: plugin(log, 60) });
    const creds = await createCredentialProvider().credentialsFor(context);
    expect(creds.renewable).toBe(true);
    expect(await getWith(env.cluster.server, configmaps, creds)).toBe(200);
    const [entry, ...more] = await runs(log);
    expect(more).toHaveLength(0);
    expect(entry.argv).toEqual(plugin(log, 60).args);
    expect(entry.team).toBe('payments');
    expect(JSON.parse(entry.execInfo)).toEqual({
      apiVersion: 'client.authentication.k8s.io/v1',
      kind: 'ExecCredential',
      spec: {
        interactive: false,
        cluster: {
          server: env.cluster.server,
          'certificate-authority-data': Buffer.from(env.cluster.caPem).toString('base64'),
        },
      },
    });
  });

  it('caches a short-lived token until it expires, then runs the plugin once for 20 concurrent callers', async () => {
    const log = join(dir, 'expiry.log');
    const provider = createCredentialProvider();
    const context = contextFor(env.cluster, 'short', { exec: plugin(log, 4) });
    const first = await provider.credentialsFor(context);
    expect((await provider.credentialsFor(context)).headers).toEqual(first.headers);
    expect(await runs(log)).toHaveLength(1);

    await sleep(4_500);
    expect(await getWith(env.cluster.server, configmaps, first)).toBe(401); // really expired upstream
    const renewed = await Promise.all(Array.from({ length: 20 }, () => provider.credentialsFor(context)));
    expect(await runs(log)).toHaveLength(2);
    expect(new Set(renewed.map((c) => c.headers.authorization)).size).toBe(1);
    expect(renewed[0]?.headers.authorization).not.toBe(first.headers.authorization);
    expect(await getWith(env.cluster.server, configmaps, renewed[0]!)).toBe(200);
  });

  it('after 20 requests meet a real 401, invalidate causes one re-run and the retry succeeds', async () => {
    const log = join(dir, 'invalidate.log');
    const provider = createCredentialProvider();
    const exec = plugin(log, 2, {
      command: process.execPath,
      args: ['-e', withoutExpiry, execCredentialPluginScript, ...plugin(log, 2).args],
    });
    const context = contextFor(env.cluster, 'stale', { exec });
    await provider.credentialsFor(context);
    await sleep(2_500);

    const attempts = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const used = await provider.credentialsFor(context);
        const status = await getWith(env.cluster.server, configmaps, used);
        if (status === 401 && used.renewable) provider.invalidate(context, used);
        return status;
      }),
    );
    expect(attempts).toEqual(Array(20).fill(401));
    expect(await runs(log)).toHaveLength(1);
    const retries = await Promise.all(
      Array.from({ length: 20 }, async () =>
        getWith(env.cluster.server, configmaps, await provider.credentialsFor(context)),
      ),
    );
    expect(retries).toEqual(Array(20).fill(200));
    expect(await runs(log)).toHaveLength(2);
  });

  it("is a 401 StatusError carrying the plugin's stderr when the plugin fails", async () => {
    const log = join(dir, 'fail.log');
    const exec = plugin(log, 60, {
      env: [{ name: 'PORTHOLE_PLUGIN_FAIL', value: '1' }],
      installHint: 'Run corp-login first.',
    });
    const failure = (await createCredentialProvider()
      .credentialsFor(contextFor(env.cluster, 'sso', { exec }))
      .catch((err: unknown) => err)) as StatusError;
    expect(isUnauthorized(failure)).toBe(true);
    expect(failure.status.message).toBe(
      `cannot authenticate to context "sso@creds" as user "sso": the exec plugin "${execCredentialPluginScript}" ` +
        'exited with code 1: error: the SSO session has expired; run `corp-login` again\nRun corp-login first.',
    );
  });
});
