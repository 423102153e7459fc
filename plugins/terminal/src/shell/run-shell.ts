import type { ExecSession, MuxClient } from '@porthole/sdk';
import { isCommandNotFound, looksStarted, shellCandidates } from '../model/shell-command.ts';
import type { TerminalHandle } from './terminal.ts';

/** How a shell session ended, for the line under the terminal. */
export interface ShellEnd {
  kind: 'exited' | 'lost' | 'failed';
  message: string;
}

interface Target {
  cluster: string;
  namespace: string;
  pod: string;
  container: string;
}

const decoder = new TextDecoder();

/**
 * Runs a shell in `terminal`: the custom `command`, or `bash` and, when the container has no bash, `sh`
 * (the first attempt's "not found" is held back and never shown). Keystrokes go to the process; the
 * terminal's size follows. Resolves with how it ended: `exited with code N`, `connection lost`, or the
 * failure.
 */
export async function runShell(options: {
  mux: MuxClient;
  terminal: TerminalHandle;
  target: Target;
  command: string;
  onSession: (session: ExecSession) => void;
}): Promise<ShellEnd> {
  const { mux, terminal, target } = options;
  const candidates = shellCandidates(options.command);
  for (let i = 0; i < candidates.length; i++) {
    const command = candidates[i] ?? [];
    const last = i === candidates.length - 1;
    const session = mux.exec({ ...target, command, tty: true, stdin: true });
    options.onSession(session);
    // Until the command is known to run, its output is held (it may be a "not found" to hide).
    let live = last;
    let held: Uint8Array[] = [];
    let startedResolve!: () => void;
    const started = new Promise<void>((resolve) => {
      startedResolve = resolve;
    });
    const goLive = () => {
      if (live) return;
      live = true;
      for (const bytes of held) terminal.write(bytes);
      held = [];
      startedResolve();
    };
    const offOutput = session.onOutput((_channel, bytes) => {
      if (live) terminal.write(bytes);
      else {
        held.push(bytes.slice());
        if (looksStarted(held.map((b) => decoder.decode(b, { stream: true })).join(''))) goLive();
      }
    });
    const offData = terminal.onData((data) => session.write(data));
    const offResize = terminal.onResize((cols, rows) => session.resize(cols, rows));
    session.resize(terminal.cols, terminal.rows);
    const cleanup = () => {
      offOutput();
      offData();
      offResize();
    };
    const outcome = await Promise.race([
      session.exit.then(
        (exit) => ({ exit }),
        (error: unknown) => ({ error }),
      ),
      started.then(() => undefined),
    ]);
    if (outcome && !live) {
      const output = held.map((b) => decoder.decode(b)).join('');
      if (isCommandNotFound(outcome, output)) {
        cleanup();
        continue;
      }
      goLive();
    }
    const end = await session.exit.then(
      (exit): ShellEnd => ({
        kind: 'exited',
        message: `Session ended: exited with code ${exit.code}`,
      }),
      (error: unknown): ShellEnd => {
        const message = error instanceof Error ? error.message : String(error);
        if (/connection to Porthole was lost|client was closed/.test(message))
          return { kind: 'lost', message: 'Connection lost: the shell ended with it' };
        return { kind: 'failed', message: `The shell failed: ${message}` };
      },
    );
    cleanup();
    return end;
  }
  return { kind: 'failed', message: 'No shell found in the container (tried bash and sh)' };
}
