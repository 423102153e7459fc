import { spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { start } from './cluster.ts';
import { ensure } from './ensure.ts';
import { cacheRoot } from './paths.ts';
import { seed } from './seed.ts';

const usage = `porthole-testcluster: a real local Kubernetes cluster for tests and the demo

  porthole-testcluster ensure               build/install the binaries once (cached in ~/.cache/porthole)
  porthole-testcluster up [--name N] [--seed]
                                            start a cluster in the background; prints its kubeconfig path last
  porthole-testcluster down [--name N]      stop it (no process left behind)
  porthole-testcluster status [--name N]    print its state, exit 1 when it is not running

Options: --name (default "porthole"), --seed (demo namespaces, Deployments, CronJobs, Jobs, ConfigMaps),
         --owner-pid PID (up: stop the cluster by itself once process PID is gone)`;

interface State {
  pid: number;
  name: string;
  server: string;
  kubeconfigPath: string;
  dir: string;
  logFile: string;
}

const stateDir = join(cacheRoot(), 'testcluster');
const statePath = (name: string) => join(stateDir, `${name}.json`);

function readState(name: string): State | undefined {
  try {
    const state = JSON.parse(readFileSync(statePath(name), 'utf8')) as State;
    process.kill(state.pid, 0);
    return state;
  } catch {
    return undefined;
  }
}

interface UpOptions {
  seed: boolean;
  /** Stop the cluster by itself once this process is gone (how `npm run demo` never leaks a cluster). */
  ownerPid?: number | undefined;
}

async function up(name: string, options: UpOptions) {
  const running = readState(name);
  if (running) {
    console.error(`cluster "${name}" is already running (pid ${running.pid})`);
    console.log(running.kubeconfigPath);
    return;
  }
  await ensure();
  mkdirSync(stateDir, { recursive: true });
  rmSync(statePath(name), { force: true });
  const logFile = join(stateDir, `${name}.log`);
  const out = openSync(logFile, 'w');
  const child = spawn(
    process.execPath,
    [
      fileURLToPath(import.meta.url),
      'supervise',
      '--name',
      name,
      ...(options.seed ? ['--seed'] : []),
      ...(options.ownerPid ? ['--owner-pid', String(options.ownerPid)] : []),
    ],
    {
      detached: true,
      stdio: ['ignore', out, out],
    },
  );
  child.unref();
  console.error(`starting cluster "${name}" (log: ${logFile}) ...`);
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const state = readState(name);
    if (state) {
      console.error(`cluster "${name}" is up: ${state.server}`);
      console.log(state.kubeconfigPath);
      return;
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  console.error(
    `cluster "${name}" did not come up; last lines of ${logFile}:\n${readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n')}`,
  );
  process.exitCode = 1;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function supervise(name: string, options: UpOptions) {
  const cluster = await start({ name });
  if (options.seed) await seed(cluster.client());
  const state: State = {
    pid: process.pid,
    name,
    server: cluster.server,
    kubeconfigPath: cluster.kubeconfigPath,
    dir: cluster.dir,
    logFile: join(stateDir, `${name}.log`),
  };
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log('stopping');
    await cluster.stop();
    rmSync(statePath(name), { force: true });
    process.exit(0);
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  process.on('SIGHUP', shutdown);
  const { ownerPid } = options;
  if (ownerPid) setInterval(() => isAlive(ownerPid) || void shutdown(), 500);
  writeFileSync(statePath(name), JSON.stringify(state, null, 2));
  console.log(`ready: ${cluster.server} ${cluster.kubeconfigPath}`);
}

async function down(name: string) {
  const state = readState(name);
  if (!state) {
    console.error(`cluster "${name}" is not running`);
    return;
  }
  process.kill(state.pid, 'SIGTERM');
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      process.kill(state.pid, 0);
    } catch {
      console.error(`cluster "${name}" stopped`);
      return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  process.kill(state.pid, 'SIGKILL');
  console.error(`cluster "${name}" did not stop in 30 s and was killed`);
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      name: { type: 'string', default: 'porthole' },
      seed: { type: 'boolean', default: false },
      'owner-pid': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  const [command] = positionals;
  const name = values.name;
  if (values.help || !command) return void console.log(usage);
  if (!/^[a-z0-9-]+$/.test(name))
    throw new Error(`--name must be lowercase letters, digits and dashes, got "${name}"`);
  const ownerPid = values['owner-pid'] === undefined ? undefined : Number(values['owner-pid']);
  if (ownerPid !== undefined && !(Number.isInteger(ownerPid) && ownerPid > 0))
    throw new Error('--owner-pid must be a process id');
  const upOptions: UpOptions = { seed: values.seed, ownerPid };
  switch (command) {
    case 'ensure':
      return void (await ensure());
    case 'up':
      return up(name, upOptions);
    case 'supervise':
      return supervise(name, upOptions);
    case 'down':
      return down(name);
    case 'status': {
      const state = readState(name);
      if (!state) {
        console.error(`cluster "${name}" is not running`);
        process.exitCode = 1;
        return;
      }
      return void console.log(JSON.stringify(state, null, 2));
    }
    default:
      throw new Error(`unknown command "${command}"\n\n${usage}`);
  }
}

main().catch((err: Error) => {
  console.error(`porthole-testcluster: ${err.message}`);
  process.exit(1);
});
