import { spawn } from 'node:child_process';
import { boundedText, CredentialFailure } from './credential-failure.ts';

/** Options of {@link runExecPlugin}. */
export interface RunExecPluginOptions {
  command: string;
  args: readonly string[];
  /** The whole environment of the plugin. */
  env: Record<string, string | undefined>;
  timeoutMs: number;
  /** Printed by kubeconfig authors for users who lack the plugin (`installHint`). */
  installHint?: string;
}

/** More than any credential needs; a plugin printing more is broken. */
const maxStdoutBytes = 1024 * 1024;
/** Enough for the message that matters, which we cut to 1,000 characters anyway. */
const maxStderrBytes = 16 * 1024;

function withHint(why: string, hint: string | undefined): string {
  return hint ? `${why}\n${boundedText(hint, 500)}` : why;
}

function spawnFailure(command: string, err: NodeJS.ErrnoException): string {
  if (err.code === 'ENOENT') return `the exec plugin "${command}" was not found`;
  if (err.code === 'EACCES') return `the exec plugin "${command}" is not executable`;
  return `the exec plugin "${command}" could not be started: ${err.code ?? err.message}`;
}

/**
 * Runs an exec credential plugin once: stdin closed, stdout collected (at most 1 MiB), stderr kept for
 * the error message, killed with its process group after `timeoutMs`. Resolves with stdout on exit code
 * 0; otherwise rejects with a {@link CredentialFailure} carrying the plugin's stderr and `installHint`.
 *
 * @example
 * const stdout = await runExecPlugin({ command: 'aws', args: ['eks', 'get-token'], env, timeoutMs: 30_000 });
 */
export function runExecPlugin(options: RunExecPluginOptions): Promise<string> {
  const { command, installHint } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(command, options.args, {
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so a timeout also ends whatever the plugin started.
      detached: true,
    });
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = '';
    let problem: string | undefined;
    const kill = (why: string) => {
      problem ??= why;
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(() => kill(`timed out after ${options.timeoutMs / 1000} s`), options.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > maxStdoutBytes) kill('printed more than 1 MiB');
      else stdout.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < maxStderrBytes) stderr += chunk.toString('utf8');
    });
    child.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new CredentialFailure(withHint(spawnFailure(command, err), installHint), { cause: err }));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0 && problem === undefined) return resolve(Buffer.concat(stdout).toString('utf8'));
      const how = problem ?? (signal ? `was killed by ${signal}` : `exited with code ${code}`);
      const said = boundedText(stderr);
      const why = `the exec plugin "${command}" ${how}${said ? `: ${said}` : ''}`;
      reject(new CredentialFailure(withHint(why, installHint)));
    });
  });
}
