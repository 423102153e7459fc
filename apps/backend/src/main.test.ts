import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ClusterSummary, clusterListSchema, kubeconfigFileListSchema } from '@porthole/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/porthole.js', import.meta.url));

const good = `
clusters: [{ name: c, cluster: { server: 'https://good.example:6443' } }]
users: [{ name: u, user: { token: main-test-token } }]
contexts: [{ name: good, context: { cluster: c, user: u } }]
`;

function porthole(args: string[]): ChildProcess {
  return spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Resolves with the URL once the server prints it, rejects if it exits first. */
async function listeningUrl(child: ChildProcess): Promise<string> {
  let out = '';
  let err = '';
  child.stderr?.on('data', (d) => {
    err += d;
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (d) => {
      out += d;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`porthole exited with ${code}: ${err}`)));
  });
}

// Each test starts the real `porthole` process and waits for what it prints or its exit, never for a
// time; the timeout only stops a hung test (a cold start takes seconds on a loaded 2-core machine, past
// vitest's default 5 s).
describe('porthole serve', { timeout: 60_000 }, () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'porthole-main-'));
    await writeFile(join(dir, 'good.yaml'), good);
    await writeFile(join(dir, 'broken.yaml'), '{{{ this is : not yaml ::: [');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('stays up with a broken kubeconfig, lists the good one, reports the broken file, and exits 0 on SIGTERM', async () => {
    const broken = join(dir, 'broken.yaml');
    const child = porthole([
      'serve',
      '--kubeconfig',
      broken,
      '--kubeconfig',
      join(dir, 'good.yaml'),
      '--port',
      '0',
      '--shutdown-grace',
      '2s',
    ]);
    try {
      const url = await listeningUrl(child);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await (await fetch(`${url}/healthz`)).text()).toBe('ok');

      const res = await fetch(`${url}/api/clusters`);
      expect(res.status).toBe(200);
      const text = await res.text();
      const clusters: ClusterSummary[] = clusterListSchema.parse(JSON.parse(text));
      expect(clusters.map((c) => [c.name, c.server])).toEqual([['good', 'https://good.example:6443']]);
      expect(text).not.toContain('main-test-token');
      const files = kubeconfigFileListSchema.parse(await (await fetch(`${url}/api/clusters/files`)).json());
      expect(files.map((f) => [f.path, f.state])).toEqual([
        [broken, 'invalid'],
        [join(dir, 'good.yaml'), 'ok'],
      ]);
      expect(files[0]?.message).toMatch(/^cannot be parsed/);
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('serves the built-in registry of the product plugins without --plugins, and only the file given with it', async () => {
    await writeFile(join(dir, 'plugins.yaml'), 'plugins: {}\nbundles: { default: [] }\n');
    const builtIn = porthole(['serve', '--kubeconfig', join(dir, 'good.yaml'), '--port', '0']);
    const given = porthole([
      'serve',
      '--kubeconfig',
      join(dir, 'good.yaml'),
      '--port',
      '0',
      '--plugins',
      join(dir, 'plugins.yaml'),
    ]);
    try {
      const names = async (url: string) => {
        const body = (await (await fetch(`${url}/api/plugins`)).json()) as { plugins: { name: string }[] };
        return body.plugins.map((p) => p.name);
      };
      expect(await names(await listeningUrl(builtIn))).toContain('editor');
      expect(await names(await listeningUrl(given))).toEqual([]);
    } finally {
      builtIn.kill('SIGINT');
      given.kill('SIGINT');
    }
    await Promise.all([once(builtIn, 'exit'), once(given, 'exit')]);
  }, 30_000); // two backends start at once: slow on a loaded 2-core machine

  it('exits 2 with the usage on an unknown flag', async () => {
    const child = porthole(['serve', '--nope']);
    let err = '';
    child.stderr?.on('data', (d) => {
      err += d;
    });
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(err).toContain("porthole: Unknown option '--nope'");
    expect(err).toContain('Usage: porthole serve');
  });

  it('reports a port it cannot listen on and exits 1', async () => {
    // The port is held in this process (no second server to wait for); the test waits for the exit.
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    try {
      const port = String((holder.address() as AddressInfo).port);
      const child = porthole(['serve', '--kubeconfig', join(dir, 'good.yaml'), '--port', port]);
      let err = '';
      child.stderr?.on('data', (d) => {
        err += d;
      });
      const [code] = await once(child, 'exit');
      expect(code).toBe(1);
      expect(err).toContain(`cannot listen on http://127.0.0.1:${port}`);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });

  it('refuses to listen on 0.0.0.0 without an auth mode: exits 2 with the reason and how to fix it', async () => {
    const child = porthole([
      'serve',
      '--kubeconfig',
      join(dir, 'good.yaml'),
      '--port',
      '0',
      '--host',
      '0.0.0.0',
    ]);
    let out = '';
    child.stdout?.on('data', (d) => {
      out += d;
    });
    child.stderr?.on('data', (d) => {
      out += d;
    });
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(out).toContain(
      "porthole: refusing to listen on 0.0.0.0 without an auth mode: anyone who can reach it would act with your kubeconfig's credentials",
    );
    expect(out).not.toContain('listening on');
  });

  it('listens on 0.0.0.0 with --insecure-no-auth, after a warning', async () => {
    const args = ['serve', '--kubeconfig', join(dir, 'good.yaml'), '--port', '0', '--host', '0.0.0.0'];
    const child = porthole([...args, '--insecure-no-auth']);
    let err = '';
    child.stderr?.on('data', (d) => {
      err += d;
    });
    try {
      const url = await listeningUrl(child);
      expect(url).toMatch(/^http:\/\/0\.0\.0\.0:\d+$/);
      expect(err).toContain('porthole: WARNING: --insecure-no-auth: listening on 0.0.0.0 with no login');
      const port = new URL(url).port;
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    } finally {
      child.kill('SIGINT');
    }
    await once(child, 'exit');
  });

  it('with --in-cluster and no service account files, exits 1 naming the missing file', async () => {
    const child = spawn(
      process.execPath,
      [bin, 'serve', '--in-cluster', '--service-account-dir', join(dir, 'no-such-sa'), '--port', '0'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: '6443' },
      },
    );
    let err = '';
    child.stderr?.on('data', (d) => {
      err += d;
    });
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(err).toContain(
      `porthole: --in-cluster: cannot read the service account's token ${join(dir, 'no-such-sa', 'token')}: it does not exist`,
    );
  });
});
