import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';

/** A server process of the test cluster, in its own process group, its output in a log file. */
export interface Daemon {
  name: string;
  logFile: string;
  child: ChildProcess;
  /** Rejects as soon as the process exits on its own; used to fail start-up fast. */
  exited: Promise<never>;
  stop(): Promise<void>;
}

export function startDaemon(name: string, command: string, args: string[], logFile: string): Daemon {
  const log = createWriteStream(logFile);
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let stopping = false;
  const done = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const exited = new Promise<never>((_, reject) => {
    child.on('error', (err) => reject(new Error(`${name} could not start: ${err.message}`)));
    child.on('exit', async (code, signal) => {
      if (stopping) return;
      const tail = (await readFile(logFile, 'utf8').catch(() => '')).split('\n').slice(-15).join('\n');
      reject(
        new Error(`${name} exited (code ${code}, signal ${signal}); last lines of ${logFile}:\n${tail}`),
      );
    });
  });
  exited.catch(() => {});
  return {
    name,
    logFile,
    child,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      stopping = true;
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
      await done;
      clearTimeout(timer);
      // Children of the daemon (if any) share its group.
      killGroup(child, 'SIGKILL');
      log.end();
    },
  };
}

/** Signals a process and its whole process group (it was spawned detached, so the group is its own). */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}
