import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ExecConfig } from '../clusters/resolved-context.ts';
import { CredentialFailure } from './credential-failure.ts';
import { createExecIdentity, type ExecIdentityOptions } from './exec-plugin.ts';

const v1 = 'client.authentication.k8s.io/v1';

// A plugin that logs each run and answers according to its second argument.
const pluginSource = `
import { appendFileSync, readFileSync } from 'node:fs';
const [log, mode] = process.argv.slice(2);
appendFileSync(log, JSON.stringify({ argv: process.argv.slice(2), info: process.env.KUBERNETES_EXEC_INFO,
  team: process.env.TEAM ?? null, base: process.env.BASE ?? null }) + '\\n');
const run = readFileSync(log, 'utf8').trim().split('\\n').length;
if (mode === 'fail') { process.stderr.write('error: the SSO session has expired\\n\\nrun corp-login\\n'); process.exit(3); }
if (mode === 'sleep') setTimeout(() => {}, 60_000);
else if (mode === 'garbage') process.stdout.write('token=abc');
else process.stdout.write(JSON.stringify({ apiVersion: '${v1}', kind: 'ExecCredential',
  status: { token: 'token-' + run, ...(process.env.EXPIRES ? { expirationTimestamp: process.env.EXPIRES } : {}) } }));
`;

describe('createExecIdentity', () => {
  let dir: string;
  let script: string;
  let log: string;
  let clock: number;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'porthole-exec-'));
    script = join(dir, 'plugin.mjs');
    await writeFile(script, pluginSource);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  let n = 0;
  beforeEach(() => {
    n += 1;
    log = join(dir, `runs-${n}.log`);
    clock = Date.parse('2030-01-01T00:00:00Z');
  });

  const runs = async () => (await readFile(log, 'utf8').catch(() => '')).trim().split('\n').filter(Boolean);
  const exec = (mode: string, extra: Partial<ExecConfig> = {}): ExecConfig => ({
    apiVersion: v1,
    command: process.execPath,
    args: [script, log, mode],
    env: [{ name: 'TEAM', value: 'payments' }],
    provideClusterInfo: false,
    ...extra,
  });
  const source = (config: ExecConfig, options: Partial<ExecIdentityOptions> = {}) =>
    createExecIdentity({
      userName: 'alice',
      exec: config,
      baseEnv: { BASE: 'inherited' },
      now: () => clock,
      ...options,
    });

  it('passes args, the configured env over the base env, and KUBERNETES_EXEC_INFO', async () => {
    const identity = await source(exec('ok', { provideClusterInfo: true }), {
      clusterInfo: async () => ({ server: 'https://k8s.example' }),
    }).get();
    expect(identity).toEqual({ headers: { authorization: 'Bearer token-1' }, renewable: true });
    const [line] = await runs();
    const entry = JSON.parse(line ?? '{}');
    expect(entry).toMatchObject({ argv: [log, 'ok'], team: 'payments', base: 'inherited' });
    expect(JSON.parse(entry.info)).toEqual({
      apiVersion: v1,
      kind: 'ExecCredential',
      spec: { interactive: false, cluster: { server: 'https://k8s.example' } },
    });
  });

  it('caches the credential until shortly before it expires, then runs once for 20 callers', async () => {
    const plugin = source(exec('ok', { env: [{ name: 'EXPIRES', value: '2030-01-01T00:01:00Z' }] }));
    const first = await plugin.get();
    clock += 50_000;
    expect(await plugin.get()).toBe(first);
    clock += 6_000; // within the 5 s skew
    const renewed = await Promise.all(Array.from({ length: 20 }, () => plugin.get()));
    expect(await runs()).toHaveLength(2);
    expect(new Set(renewed).size).toBe(1);
    expect(renewed[0]?.headers.authorization).toBe('Bearer token-2');
  });

  it('keeps a credential without expiry until it is invalidated, once for many 401s', async () => {
    const plugin = source(exec('ok'));
    const used = await plugin.get();
    clock += 86_400_000;
    expect(await plugin.get()).toBe(used);
    for (let i = 0; i < 20; i++) plugin.invalidate(used);
    const next = await plugin.get();
    expect(next.headers.authorization).toBe('Bearer token-2');
    plugin.invalidate(used); // a late 401 for the old credential keeps the new one
    expect(await plugin.get()).toBe(next);
    expect(await runs()).toHaveLength(2);
  });

  it("fails with the plugin's stderr and install hint when it exits non-zero", async () => {
    const failure = await source(exec('fail', { installHint: 'Install corp-login from go/corp-login' }))
      .get()
      .catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(CredentialFailure);
    expect((failure as Error).message).toBe(
      `the exec plugin "${process.execPath}" exited with code 3: error: the SSO session has expired run corp-login` +
        '\nInstall corp-login from go/corp-login',
    );
  });

  it('does not cache a failure: the next call runs the plugin again', async () => {
    const plugin = source(exec('fail'));
    await expect(plugin.get()).rejects.toThrow('SSO session has expired');
    await expect(plugin.get()).rejects.toThrow('SSO session has expired');
    expect(await runs()).toHaveLength(2);
  });

  it('says when the command does not exist', async () => {
    const config = exec('ok', { command: join(dir, 'no-such-plugin'), installHint: 'brew install it' });
    await expect(source(config).get()).rejects.toThrow(
      `the exec plugin "${join(dir, 'no-such-plugin')}" was not found\nbrew install it`,
    );
  });

  it('kills a plugin that runs longer than the timeout', async () => {
    const started = Date.now();
    await expect(source(exec('sleep'), { timeoutMs: 300 }).get()).rejects.toThrow('timed out after 0.3 s');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('says what is wrong with output that is not an ExecCredential', async () => {
    await expect(source(exec('garbage')).get()).rejects.toThrow(
      `the exec plugin "${process.execPath}" failed: its output is not an ExecCredential in JSON`,
    );
  });

  it('refuses an unsupported API version without running the plugin', async () => {
    const config = exec('ok', { apiVersion: 'client.authentication.k8s.io/v1alpha1' });
    await expect(source(config).get()).rejects.toThrow(
      'uses API version "client.authentication.k8s.io/v1alpha1"',
    );
    expect(await runs()).toHaveLength(0);
  });
});
