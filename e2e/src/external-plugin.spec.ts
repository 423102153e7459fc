import { execFile } from 'node:child_process';
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { type RunningBackend, startBackend } from '@porthole/backend/testing';
import { e2eEnvironment } from './environment.ts';
import { type NpmRegistry, startNpmRegistry } from './npm-registry.ts';
import { createPodThroughPortal } from './shell-pages.ts';

// A platform team's path from its own repository (issue 14, acceptance 1): the published packages on a
// real npm registry (Verdaccio on loopback, started and stopped here), a plugin scaffolded by the
// published kit in a folder outside this repository, installed from that registry only, built, its tests,
// typecheck and lint passing, then one entry in the registry file of a running portal: it loads in
// Chromium and lists the real cluster's pods. The @porthole scope comes only from the loopback registry
// (it has no uplink); third-party packages from the registry this machine's npm uses, through npm's
// cache, as with a company's private scope.

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const published = ['protocol', 'sdk', 'ui', 'plugin-kit'];
const name = 'team-pods';
const podName = 'external-plugin-pod';

let scratch: string | undefined;
let registry: NpmRegistry | undefined;
let backend: RunningBackend | undefined;

/** The runner's own npm setting (its registry mirror, its cache), read once with its environment. */
async function npmConfig(key: string): Promise<string> {
  return (await run('npm', ['config', 'get', key], { cwd: tmpdir() })).stdout.trim();
}

/** npx keeps what it installed per package spec: drop an earlier run's kit, so this run's is the one used. */
async function forgetNpxKit(cache: string): Promise<void> {
  const npx = join(cache, '_npx');
  for (const entry of await readdir(npx).catch(() => [])) {
    const manifest = await readFile(join(npx, entry, 'package.json'), 'utf8').catch(() => '{}');
    const deps = (JSON.parse(manifest) as { dependencies?: Record<string, string> }).dependencies ?? {};
    if ('@porthole/plugin-kit' in deps) await rm(join(npx, entry), { recursive: true, force: true });
  }
}

test.afterAll(async () => {
  await backend?.stop();
  await registry?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

test('a plugin from its own repository: published, scaffolded, installed from the registry, built, tested, registered, listing pods', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const env = e2eEnvironment();
  const timings: Record<string, string> = {};
  const timed = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    try {
      return await work();
    } finally {
      timings[label] = `${((Date.now() - started) / 1000).toFixed(1)} s`;
    }
  };
  const [uplink, cache] = await Promise.all([npmConfig('registry'), npmConfig('cache')]);
  scratch = await mkdtemp(join(tmpdir(), 'porthole-external-plugin-'));
  expect(scratch.startsWith(repoRoot)).toBe(false);
  const started = await timed('start Verdaccio', () =>
    startNpmRegistry({ dir: join(scratch!, 'registry'), scopes: ['@porthole'], upstream: uplink }),
  );
  registry = started;
  // Plain output (no colours from the runner's FORCE_COLOR) for the assertions on what the tools print.
  const { FORCE_COLOR: _colours, ...plain } = started.env;
  const npm = (cwd: string, ...args: string[]) =>
    run('npm', args, { cwd, env: { ...plain, NO_COLOR: '1' }, maxBuffer: 1 << 24 });

  // The packages as npm publishes them: `npm pack` of each built package, then `npm publish` here.
  const tarballs = join(scratch, 'tarballs');
  await mkdir(tarballs);
  const sizes: Record<string, string> = {};
  await timed('pack and publish 4 packages', async () => {
    for (const pkg of published) {
      const packed = await npm(
        join(repoRoot, 'packages', pkg),
        'pack',
        '--json',
        '--pack-destination',
        tarballs,
      );
      const [info] = JSON.parse(packed.stdout) as { filename: string; size: number; unpackedSize: number }[];
      if (!info) throw new Error(`npm pack of ${pkg} said nothing`);
      sizes[info.filename] =
        `${(info.size / 1024).toFixed(1)} KB (${(info.unpackedSize / 1024).toFixed(0)} KB unpacked)`;
      await started.publish(join(tarballs, info.filename));
    }
  });
  const kit = JSON.parse(await readFile(join(repoRoot, 'packages/plugin-kit/package.json'), 'utf8')) as {
    version: string;
  };
  const offered = (await (await fetch(`${started.url}@porthole%2fsdk`)).json()) as { versions: object };
  expect(Object.keys(offered.versions)).toEqual([
    JSON.parse(await readFile(join(repoRoot, 'packages/sdk/package.json'), 'utf8')).version,
  ]);

  // Scaffolded by the published kit, in a folder of its own outside the repository.
  const work = join(scratch, 'work');
  await mkdir(work);
  await forgetNpxKit(cache);
  const created = await timed('npx @porthole/plugin-kit create', () =>
    npm(
      work,
      'exec',
      '--yes',
      `--package=@porthole/plugin-kit@${kit.version}`,
      '--',
      'porthole-plugin',
      'create',
      name,
    ),
  );
  expect(created.stdout).toContain(`Created plugin "${name}" in ${name} (a project of its own)`);
  const project = join(work, name);

  await timed('npm install', () => npm(project, 'install'));
  // The @porthole packages came from the loopback registry, and are the ones just published; nothing
  // else did (it serves only that scope).
  const lock = JSON.parse(await readFile(join(project, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { resolved?: string }>;
  };
  const installed = Object.entries(lock.packages).filter(([path]) => path !== '');
  expect(installed.length).toBeGreaterThan(100);
  const fromLoopback = installed.filter(([, entry]) => entry.resolved?.startsWith(started.url));
  expect(fromLoopback.map(([path]) => path).sort()).toEqual(
    published.map((pkg) => `node_modules/@porthole/${pkg}`).sort(),
  );
  expect(installed.filter(([, entry]) => !entry.resolved?.startsWith(uplink))).toEqual(fromLoopback);
  for (const pkg of published) {
    const where = join(project, 'node_modules/@porthole', pkg);
    expect((await lstat(where)).isSymbolicLink(), pkg).toBe(false);
    expect(await readFile(join(where, 'dist/index.js'), 'utf8'), pkg).toBe(
      await readFile(join(repoRoot, 'packages', pkg, 'dist/index.js'), 'utf8'),
    );
  }

  await timed('npm run build', () => npm(project, 'run', 'build'));
  const metadata = JSON.parse(await readFile(join(project, 'dist/porthole-plugin.json'), 'utf8'));
  expect(metadata).toMatchObject({ name, version: '0.1.0', remoteName: 'porthole_team_pods' });
  const tests = await timed('npm test', () => npm(project, 'test'));
  // The scaffold's unit tests (3) and its page's component test with the test kit (2).
  expect(tests.stdout).toMatch(/Test Files\s+2 passed \(2\)/);
  expect(tests.stdout).toMatch(/Tests\s+5 passed \(5\)/);
  await timed('npm run typecheck', () => npm(project, 'run', 'typecheck'));
  await timed('npm run lint', () => npm(project, 'run', 'lint'));

  // A portal whose registry file lists the plugin's build output (this spec's own backend on the e2e
  // cluster: the shared ones serve the committed fixture registries).
  const registryFile = join(scratch, 'plugins.yaml');
  await writeFile(
    registryFile,
    `plugins:\n  ${name}: { path: ${JSON.stringify(join(project, 'dist'))} }\nbundles:\n  default: [${name}]\n`,
  );
  backend = await timed('start the portal', () =>
    startBackend({
      kubeconfigs: [env.kubeconfigPath],
      args: ['--plugins', registryFile],
      logFile: join(repoRoot, '.test-results/e2e-external-plugin-backend.log'),
    }),
  );
  const context = env.contexts.admin;
  const pod = await createPodThroughPortal(page.request, backend.url, context, podName);
  try {
    await timed('portal to pods listed', async () => {
      await page.goto(`${backend!.url}/c/${encodeURIComponent(context)}`);
      const section = page.getByTestId('nav-section').filter({ hasText: 'Team Pods' });
      await section.getByRole('link', { name: 'Pods' }).click();
      await expect(page.getByRole('heading', { name: `Pods in ${context}` })).toBeVisible();
      await expect(page.getByRole('row').filter({ hasText: podName })).toContainText('default');
    });
  } finally {
    await pod.remove();
  }
  console.log(`[external-plugin] tarballs: ${JSON.stringify(sizes)}`);
  console.log(
    `[external-plugin] ${installed.length} packages installed; timings: ${JSON.stringify(timings)}`,
  );
});
