import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKubeconfigFile, parseKubeconfig } from './kubeconfig.ts';

const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const b64 = (text: string) => Buffer.from(text).toString('base64');

function parsed(text: string, path = '/home/me/.kube/config') {
  const result = parseKubeconfig(path, text);
  if (!result.ok) throw new Error(`expected ${path} to parse, got: ${result.error}`);
  return result.file;
}

describe('parseKubeconfig', () => {
  it.each([
    [
      'YAML it cannot parse',
      'clusters: [unclosed',
      /^cannot be parsed: Flow sequence .* at line 1, column 20$/,
    ],
    [
      'binary content',
      '\u0000\u0001 not a kubeconfig {{{',
      /^cannot be parsed: it contains control characters/,
    ],
    ['a YAML scalar', 'hello world', /^is not a kubeconfig: expected a YAML mapping/],
    ['a YAML list', '- a\n- b', /^is not a kubeconfig: expected a YAML mapping/],
    ['two documents', 'clusters: []\n---\nusers: []', /^holds 2 YAML documents, expected one$/],
    ['a section that is not a list', 'clusters: { a: 1 }', /^is not a kubeconfig: clusters must be a list$/],
    [
      'a nameless entry',
      'contexts:\n- context: { cluster: c }',
      /^is not a kubeconfig: contexts\[0\] has no name$/,
    ],
    [
      'a boolean name',
      'users:\n- name: yes\n  user: {}',
      /users\[0\]\.name must be a string \(YAML reads y, yes/,
    ],
    ['a duplicate name', 'clusters: [{ name: a }, { name: a }]', /clusters has two entries named "a"/],
    [
      'duplicate keys',
      'current-context: a\ncurrent-context: b',
      /^cannot be parsed: Map keys must be unique/,
    ],
  ])('reports %s as an error value naming the problem', (_what, text, error) => {
    const result = parseKubeconfig('/k', text);
    expect(result).toMatchObject({ ok: false, path: '/k', problem: 'invalid' });
    expect(!result.ok && result.error).toMatch(error);
  });

  it('treats an empty file, or one with only comments, as an empty kubeconfig, like kubectl', () => {
    for (const text of ['', '# nothing yet\n', '---\n', 'clusters: null\nusers: ~\ncontexts:\n']) {
      expect(parsed(text)).toMatchObject({ clusters: [], users: [], contexts: [] });
    }
    expect(parsed('').empty).toBe(true);
    expect(parsed('clusters: []').empty).toBe(false);
  });

  it('keeps the file text, and so any credential in it, out of the error', () => {
    for (const text of [
      'users:\n- name: u\n  user:\n    token: hunter2-token\n    oops: [\n',
      'users:\n- name: u\n  user: { token: hunter2-token }\n- name: u\n  user: { token: hunter2-token }',
      'users:\n- name: u\n  user: { token: [hunter2-token] }',
    ]) {
      const result = parseKubeconfig('/k', text);
      const error = result.ok ? result.file.users[0]?.error : result.error;
      expect(error).toBeTruthy();
      expect(error).not.toContain('hunter2');
    }
  });

  it('resolves relative paths against the folder of the file, and leaves absolute ones', () => {
    const file = parsed(
      `
clusters:
- name: c
  cluster: { server: 'https://c:6443', certificate-authority: certs/ca.pem }
- name: abs
  cluster: { server: 'https://c:6443', certificate-authority: /etc/ca.pem }
users:
- name: u
  user: { client-certificate: ../u.crt, client-key: u.key, tokenFile: token }
- name: x
  user:
    exec: { apiVersion: client.authentication.k8s.io/v1, command: ./bin/login, args: [--a, b] }
- name: onpath
  user:
    exec: { apiVersion: client.authentication.k8s.io/v1beta1, command: gke-gcloud-auth-plugin }
`,
      '/home/me/.kube/config',
    );
    expect(file.clusters.map((c) => c.config?.caFile)).toEqual([
      '/home/me/.kube/certs/ca.pem',
      '/etc/ca.pem',
    ]);
    expect(file.users[0]?.config).toEqual({
      certFile: '/home/me/u.crt',
      keyFile: '/home/me/.kube/u.key',
      tokenFile: '/home/me/.kube/token',
    });
    expect(file.users[1]?.config?.exec).toEqual({
      apiVersion: 'client.authentication.k8s.io/v1',
      command: '/home/me/.kube/bin/login',
      args: ['--a', 'b'],
      env: [],
      provideClusterInfo: false,
    });
    expect(file.users[2]?.config?.exec?.command).toBe('gke-gcloud-auth-plugin');
  });

  it('decodes the *-data fields to PEM text and reads every TLS and identity field', () => {
    const file = parsed(`
clusters:
- name: c
  cluster:
    server: https://c:6443
    certificate-authority-data: ${b64(pem)}
    insecure-skip-tls-verify: true
    tls-server-name: api.internal
    proxy-url: socks5://proxy:1080
    disable-compression: true
users:
- name: u
  user:
    client-certificate-data: ${b64(pem)}
    client-key-data: ${b64('KEY')}
    token: t0k
    username: alice
    password: pw
    as: bob
    as-groups: [ops]
    auth-provider: { name: oidc, config: { idp-issuer-url: 'https://issuer', id-token: abc } }
`);
    expect(file.clusters[0]?.config).toEqual({
      server: 'https://c:6443',
      caData: pem,
      insecureSkipTlsVerify: true,
      tlsServerName: 'api.internal',
      proxyUrl: 'socks5://proxy:1080',
    });
    expect(file.users[0]?.config).toEqual({
      certData: pem,
      keyData: 'KEY',
      token: 't0k',
      username: 'alice',
      password: 'pw',
      impersonate: { user: 'bob', groups: ['ops'], extra: {} },
      authProvider: { name: 'oidc', config: { 'idp-issuer-url': 'https://issuer', 'id-token': 'abc' } },
    });
  });

  it('marks a malformed entry with an error naming it and its field, and keeps the others', () => {
    const file = parsed(`
clusters:
- name: good
  cluster: { server: https://good }
- name: bad-ca
  cluster: { server: https://bad, certificate-authority-data: 'not base64!' }
users:
- name: no-command
  user: { exec: { apiVersion: client.authentication.k8s.io/v1 } }
- name: env
  user: { exec: { apiVersion: v1, command: x, env: [{ value: 1 }] } }
contexts:
- name: list-body
  context: [a]
- name: 'on'
  context: { cluster: good, namespace: on }
`);
    expect(file.clusters.map((c) => [c.name, c.error])).toEqual([
      ['good', undefined],
      [
        'bad-ca',
        'cluster "bad-ca" (clusters[1] of /home/me/.kube/config): certificate-authority-data is not valid base64',
      ],
    ]);
    expect(file.users.map((u) => u.error)).toEqual([
      'user "no-command" (users[0] of /home/me/.kube/config): exec.command is missing',
      'user "env" (users[1] of /home/me/.kube/config): exec.env[0].name is missing',
    ]);
    expect(file.contexts.map((c) => c.error)).toEqual([
      'context "list-body" (contexts[0] of /home/me/.kube/config): must be a mapping',
      expect.stringContaining('namespace must be a string (YAML reads y, yes, on'),
    ]);
  });

  it('ignores fields it does not know, as kubectl does', () => {
    const file = parsed(`
preferences: { colors: true }
clusters:
- name: c
  future-field: 1
  cluster: { server: https://c, something-new: [1, 2] }
contexts:
- name: x
  context: { cluster: c, user: u, namespace: ns, extensions: [{ name: other, extension: { a: 1 } }] }
`);
    expect(file.clusters[0]).toEqual({
      name: 'c',
      source: '/home/me/.kube/config',
      config: { server: 'https://c', insecureSkipTlsVerify: false },
      distribution: undefined,
    });
    expect(file.contexts[0]).toMatchObject({
      cluster: 'c',
      user: 'u',
      namespace: 'ns',
      distribution: undefined,
    });
  });

  it('reads the porthole.dev/distribution extension of contexts and clusters', () => {
    const file = parsed(`
clusters:
- name: c
  cluster:
    server: https://c
    extensions: [{ name: porthole.dev/distribution, extension: openshift }]
contexts:
- name: x
  context: { cluster: c, extensions: [{ name: porthole.dev/distribution, extension: eks }] }
`);
    expect(file.clusters[0]?.distribution).toBe('openshift');
    expect(file.contexts[0]?.distribution).toBe('eks');
  });

  it('reads scalars the way kubectl (go-yaml v2) does: yes/on are booleans, 12:30 and dates are strings', () => {
    const file = parsed(`
clusters: [{ name: c, cluster: { server: https://c, insecure-skip-tls-verify: yes } }]
contexts: [{ name: x, context: { cluster: c, namespace: 12:30, user: 2024-01-01 } }]
`);
    expect(file.clusters[0]?.config?.insecureSkipTlsVerify).toBe(true);
    expect(file.contexts[0]).toMatchObject({ namespace: '12:30', user: '2024-01-01' });
  });

  it('takes current-context from the file', () => {
    expect(parsed('current-context: prod').currentContext).toBe('prod');
    expect(parsed('current-context: ""').currentContext).toBeUndefined();
  });
});

describe('loadKubeconfigFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'porthole-load-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reports a missing file as an error value', async () => {
    expect(await loadKubeconfigFile(join(dir, 'nope'))).toEqual({
      ok: false,
      path: join(dir, 'nope'),
      problem: 'missing',
      error: 'does not exist',
    });
  });

  it('reports a folder as unreadable', async () => {
    expect(await loadKubeconfigFile(dir)).toMatchObject({
      ok: false,
      problem: 'unreadable',
      error: 'cannot be read: is a folder',
    });
  });

  it('parses the file, resolving paths against its folder', async () => {
    const path = join(dir, 'config');
    await writeFile(path, 'users: [{ name: u, user: { tokenFile: t } }]');
    const result = await loadKubeconfigFile(path);
    expect(result.ok && result.file.users[0]?.config?.tokenFile).toBe(join(dir, 't'));
  });
});
