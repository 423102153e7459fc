import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isUnauthorized, type StatusError } from '@porthole/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterConfig, ResolvedContext, UserConfig } from '../clusters/resolved-context.ts';
import { createCredentialProvider } from './credential-provider.ts';
import { createFileReader, type FileReader } from './file-reader.ts';

const server = 'https://k8s.example:6443';

function contextOf(name: string, user: UserConfig | undefined, cluster: Partial<ClusterConfig> = {}) {
  const config: ClusterConfig = { server, insecureSkipTlsVerify: false, caData: 'CA-PEM', ...cluster };
  const context: ResolvedContext = {
    name,
    namespace: 'default',
    source: '/kube/config',
    distribution: 'kubernetes',
    cluster: { name: 'c', source: '/kube/config', config },
    user: user ? { name: `${name}-user`, source: '/kube/config', config: user } : undefined,
    fingerprint: JSON.stringify([config, user]),
  };
  return context;
}

async function failureOf(promise: Promise<unknown>): Promise<StatusError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isUnauthorized(err)).toBe(true);
  return err as StatusError;
}

// An exec plugin that logs each run and prints token-<run> (and a client certificate when asked).
const plugin = `
const { appendFileSync, readFileSync } = require('node:fs');
const log = process.argv[1];
appendFileSync(log, 'run\\n');
const run = readFileSync(log, 'utf8').trim().split('\\n').length;
const status = process.argv[2] === 'cert' ? { clientCertificateData: 'EXEC-CERT', clientKeyData: 'EXEC-KEY' } : { token: 'token-' + run };
process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status }));
`;

describe('createCredentialProvider', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'porthole-creds-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const execUser = (log: string, mode = 'token'): UserConfig => ({
    exec: {
      apiVersion: 'client.authentication.k8s.io/v1',
      command: process.execPath,
      args: ['-e', plugin, log, mode],
      env: [],
      provideClusterInfo: false,
    },
  });
  const runsIn = async (log: string) =>
    (await readFile(log, 'utf8').catch(() => '')).trim().split('\n').length;

  it('attaches a static token and the TLS settings of the cluster', async () => {
    const creds = await createCredentialProvider().credentialsFor(
      contextOf('prod', { token: 'static-token' }, { tlsServerName: 'api.internal' }),
    );
    expect(creds).toEqual({
      headers: { authorization: 'Bearer static-token' },
      tls: { ca: 'CA-PEM', servername: 'api.internal', rejectUnauthorized: true },
      renewable: false,
    });
  });

  it('sends basic auth and skips verification when the kubeconfig says so', async () => {
    const creds = await createCredentialProvider().credentialsFor(
      contextOf('lab', { username: 'admin', password: 'pw' }, { insecureSkipTlsVerify: true }),
    );
    expect(creds.headers).toEqual({ authorization: `Basic ${Buffer.from('admin:pw').toString('base64')}` });
    expect(creds.tls).toEqual({ rejectUnauthorized: false });
  });

  it('reads CA, client certificate and key files, and keeps the same tls object until one changes', async () => {
    const [ca, cert, key] = ['ca.crt', 'client.crt', 'client.key'].map((f) => join(dir, f)) as [
      string,
      string,
      string,
    ];
    await Promise.all([writeFile(ca, 'CA-1'), writeFile(cert, 'CERT-1'), writeFile(key, 'KEY-1')]);
    const provider = createCredentialProvider();
    const context = contextOf('files', { certFile: cert, keyFile: key }, { caData: undefined, caFile: ca });
    const first = await provider.credentialsFor(context);
    expect(first.tls).toEqual({ ca: 'CA-1', cert: 'CERT-1', key: 'KEY-1', rejectUnauthorized: true });
    expect((await provider.credentialsFor(context)).tls).toBe(first.tls);
    await writeFile(ca, 'CA-2');
    await utimes(ca, new Date(), new Date(Date.now() + 5_000));
    expect((await provider.credentialsFor(context)).tls).toEqual({ ...first.tls, ca: 'CA-2' });
  });

  it('re-reads the token file when it changes', async () => {
    const file = join(dir, 'token');
    await writeFile(file, 'token-one\n');
    const provider = createCredentialProvider();
    const context = contextOf('bot', { tokenFile: file });
    const first = await provider.credentialsFor(context);
    expect(first).toMatchObject({ headers: { authorization: 'Bearer token-one' }, renewable: true });
    await writeFile(file, 'token-two\n');
    await utimes(file, new Date(), new Date(Date.now() + 5_000));
    expect((await provider.credentialsFor(context)).headers.authorization).toBe('Bearer token-two');
  });

  it('reads the token file again after invalidate, even when the change is not visible in its stat', async () => {
    // A reader that keeps what it read until told to forget: a rotation its stamp can't see (e.g. a
    // token rewritten within the file system's timestamp resolution) is found only through invalidate.
    const file = join(dir, 'rotated-token');
    await writeFile(file, 'token-old\n');
    const real = createFileReader();
    const kept = new Map<string, string>();
    const files: FileReader = {
      async read(path, what) {
        const text = kept.get(path) ?? (await real.read(path, what));
        kept.set(path, text);
        return text;
      },
      forget(path) {
        kept.delete(path);
        real.forget(path);
      },
    };
    const provider = createCredentialProvider({ files });
    const context = contextOf('rotated', { tokenFile: file });
    const first = await provider.credentialsFor(context);
    expect(first.headers.authorization).toBe('Bearer token-old');
    await writeFile(file, 'token-new\n');
    expect((await provider.credentialsFor(context)).headers.authorization).toBe('Bearer token-old');
    provider.invalidate(context, first);
    expect((await provider.credentialsFor(context)).headers.authorization).toBe('Bearer token-new');
  });

  it('runs an exec plugin once for contexts sharing a user, and again once after invalidate', async () => {
    const log = join(dir, 'shared.log');
    const provider = createCredentialProvider();
    const user = execUser(log);
    const a = { ...contextOf('a', user), user: { name: 'eks', source: '/kube/config', config: user } };
    const b = { ...contextOf('b', user), user: { name: 'eks', source: '/kube/config', config: user } };
    const [ca, cb] = await Promise.all([provider.credentialsFor(a), provider.credentialsFor(b)]);
    expect(ca.headers).toEqual({ authorization: 'Bearer token-1' });
    expect(cb.headers).toEqual(ca.headers);
    for (const used of [ca, cb, ca]) provider.invalidate(a, used);
    expect((await provider.credentialsFor(b)).headers).toEqual({ authorization: 'Bearer token-2' });
    expect(await runsIn(log)).toBe(2);
  });

  it("uses an exec plugin's client certificate instead of the kubeconfig's", async () => {
    const log = join(dir, 'cert.log');
    const creds = await createCredentialProvider().credentialsFor(
      contextOf('cert', { ...execUser(log, 'cert'), certData: 'KUBECONFIG-CERT', keyData: 'KUBECONFIG-KEY' }),
    );
    expect(creds.headers).toEqual({});
    expect(creds.tls).toMatchObject({ cert: 'EXEC-CERT', key: 'EXEC-KEY' });
  });

  it('forgets contexts that are no longer retained', async () => {
    const log = join(dir, 'retain.log');
    const provider = createCredentialProvider();
    const context = contextOf('gone', execUser(log));
    await provider.credentialsFor(context);
    provider.retain(['gone']);
    await provider.credentialsFor(context);
    expect(await runsIn(log)).toBe(1);
    provider.retain([]);
    await provider.credentialsFor(context);
    expect(await runsIn(log)).toBe(2);
  });

  it('is a 401 naming the context, user and the unreadable file', async () => {
    const missing = join(dir, 'missing-token');
    const failure = await failureOf(
      createCredentialProvider().credentialsFor(contextOf('ci', { tokenFile: missing })),
    );
    expect(failure.status.message).toBe(
      `cannot authenticate to context "ci" as user "ci-user": cannot read the token file of user "ci-user" ${missing}: it does not exist`,
    );
  });

  it.each<[string, UserConfig, string]>([
    [
      'token and basic auth',
      { token: 't', username: 'u', password: 'p' },
      'sets both a token and a username/password',
    ],
    [
      'a token that would break the header',
      { token: 'tok\r\nX-Evil: 1' },
      'contains characters not allowed in a header',
    ],
    ['the removed gcp auth-provider', { authProvider: { name: 'gcp', config: {} } }, 'auth-provider "gcp"'],
    ['a certificate without key', { certData: 'CERT' }, 'a client certificate is set without its key'],
  ])('is a 401 for %s', async (_, user, message) => {
    const failure = await failureOf(createCredentialProvider().credentialsFor(contextOf('x', user)));
    expect(failure.status.message).toContain(message);
    expect(failure.status.message).not.toContain('tok\r\n');
  });

  it("is a 401 with the context's own error when it can't be used", async () => {
    const context = {
      ...contextOf('broken', undefined),
      cluster: undefined,
      error: 'cluster "c" is not defined',
    };
    const failure = await failureOf(createCredentialProvider().credentialsFor(context));
    expect(failure.status.message).toBe(
      'cannot authenticate to context "broken": cluster "c" is not defined',
    );
  });

  it('sends nothing for a context without a user', async () => {
    const creds = await createCredentialProvider().credentialsFor(contextOf('anon', undefined));
    expect(creds).toEqual({ headers: {}, tls: { ca: 'CA-PEM', rejectUnauthorized: true }, renewable: false });
  });
});
