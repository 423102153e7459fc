import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { killGroup } from '../daemon.ts';
import { type ContainerLog, createContainerLog } from './container-log.ts';

/** The parts of a pod's container spec the stand-in uses. */
export interface ContainerSpec {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  env?: { name: string; value?: string }[];
  workingDir?: string;
}

export type ContainerState =
  | { kind: 'waiting'; reason: string }
  | { kind: 'running'; startedAt: string }
  | { kind: 'terminated'; exitCode: number; reason: string; startedAt: string; finishedAt: string };

/** One container of a pod, run as a real process on this machine (test infrastructure only). */
export interface ContainerRunner {
  readonly spec: ContainerSpec;
  readonly state: ContainerState;
  readonly lastState: ContainerState | undefined;
  readonly restartCount: number;
  readonly log: ContainerLog;
  readonly previousLog: ContainerLog | undefined;
  readonly workDir: string;
  readonly env: NodeJS.ProcessEnv;
  start(): void;
  stop(graceMs: number): Promise<void>;
}

export interface ContainerRunnerOptions {
  spec: ContainerSpec;
  podName: string;
  podDir: string;
  /** `Always`, `OnFailure` or `Never`, from the pod. */
  restartPolicy: string;
  onChange: () => void;
}

const maxBackoffMs = 10_000;

export function createContainerRunner(options: ContainerRunnerOptions): ContainerRunner {
  const { spec, restartPolicy, onChange } = options;
  const workDir = join(options.podDir, spec.name);
  mkdirSync(workDir, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: workDir,
    HOSTNAME: options.podName,
  };
  for (const e of spec.env ?? []) env[e.name] = e.value ?? '';
  const argv = [...(spec.command ?? []), ...(spec.args ?? [])];

  let state: ContainerState = { kind: 'waiting', reason: 'ContainerCreating' };
  let lastState: ContainerState | undefined;
  let restartCount = 0;
  let log = createContainerLog();
  let previousLog: ContainerLog | undefined;
  let child: ChildProcess | undefined;
  let stopped = false;
  let backoffMs = 1000;
  let restartTimer: NodeJS.Timeout | undefined;

  function run() {
    const startedAt = new Date().toISOString();
    state = { kind: 'running', startedAt };
    onChange();
    if (argv.length === 0) return; // nothing to run: the container just stays up, like a pause container
    const proc = spawn(argv[0]!, argv.slice(1), {
      cwd: spec.workingDir ?? workDir,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    const currentLog = log;
    for (const stream of [proc.stdout, proc.stderr]) {
      const lines = createInterface({ input: stream });
      lines.on('line', (l) => currentLog.append(l));
    }
    let failedToStart: string | undefined;
    proc.on('error', (err) => {
      failedToStart = err.message;
    });
    proc.on('close', (code, signal) => {
      child = undefined;
      if (failedToStart) currentLog.append(failedToStart);
      currentLog.close();
      const exitCode = failedToStart ? 127 : (code ?? (signal === 'SIGKILL' ? 137 : 143));
      state = {
        kind: 'terminated',
        exitCode,
        startedAt,
        reason: failedToStart ? 'StartError' : exitCode === 0 ? 'Completed' : 'Error',
        finishedAt: new Date().toISOString(),
      };
      if (!stopped && (restartPolicy === 'Always' || (restartPolicy === 'OnFailure' && exitCode !== 0))) {
        lastState = state;
        state = { kind: 'waiting', reason: exitCode === 0 ? 'Completed' : 'CrashLoopBackOff' };
        restartTimer = setTimeout(() => {
          restartCount += 1;
          previousLog = log;
          log = createContainerLog();
          run();
        }, backoffMs);
        backoffMs = Math.min(backoffMs * 2, maxBackoffMs);
      }
      onChange();
    });
  }

  return {
    spec,
    workDir,
    env,
    get state() {
      return state;
    },
    get lastState() {
      return lastState;
    },
    get restartCount() {
      return restartCount;
    },
    get log() {
      return log;
    },
    get previousLog() {
      return previousLog;
    },
    start: run,
    async stop(graceMs) {
      stopped = true;
      clearTimeout(restartTimer);
      const proc = child;
      if (!proc) {
        log.close();
        return;
      }
      const closed = new Promise<void>((resolve) => proc.once('close', () => resolve()));
      killGroup(proc, 'SIGTERM');
      const timer = setTimeout(() => killGroup(proc, 'SIGKILL'), graceMs);
      await closed;
      clearTimeout(timer);
    },
  };
}
