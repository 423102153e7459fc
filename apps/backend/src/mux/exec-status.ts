import type { UpstreamFailure } from './watch-request.ts';

/** The Kubernetes exec subprotocols offered upstream, best first. */
export const execProtocols = ['v5.channel.k8s.io', 'v4.channel.k8s.io', 'channel.k8s.io'] as const;

/** How an exec ended, read from its channel 3. */
export type ExecEnd =
  | { kind: 'exit'; code: number; message?: string }
  | { kind: 'failed'; failure: UpstreamFailure };

/** True when `protocol` sends a `Status` object on channel 3 (v4, v5) rather than plain text. */
export function isStructuredStatus(protocol: string): boolean {
  return protocol === 'v4.channel.k8s.io' || protocol === 'v5.channel.k8s.io';
}

interface ExecStatus {
  status?: unknown;
  code?: unknown;
  reason?: unknown;
  message?: unknown;
  details?: { causes?: { reason?: unknown; message?: unknown }[] };
}

/**
 * Reads channel 3: with v4/v5 a `Status` (`Success` is exit code 0; `NonZeroExitCode` carries the code
 * in the `ExitCode` cause; anything else is a failure to run the command); with `channel.k8s.io` plain
 * text (nothing on success, "... exit code N" otherwise).
 *
 * @example
 * decodeExecStatus('{"status":"Success"}', true); // { kind: 'exit', code: 0 }
 */
export function decodeExecStatus(text: string, structured: boolean): ExecEnd {
  if (!structured) {
    if (text.trim() === '') return { kind: 'exit', code: 0 };
    const code = /exit code (\d+)/.exec(text)?.[1];
    if (code !== undefined) return { kind: 'exit', code: Number(code), message: text };
    return { kind: 'failed', failure: { code: 500, reason: 'InternalError', message: text } };
  }
  let status: ExecStatus;
  try {
    status = JSON.parse(text) as ExecStatus;
  } catch {
    return { kind: 'failed', failure: { code: 500, reason: 'InternalError', message: text.slice(0, 1000) } };
  }
  const message = typeof status.message === 'string' ? status.message : '';
  if (status.status === 'Success') return { kind: 'exit', code: 0 };
  const exitCode = status.details?.causes?.find((cause) => cause.reason === 'ExitCode')?.message;
  if (status.reason === 'NonZeroExitCode' && typeof exitCode === 'string' && /^\d+$/.test(exitCode)) {
    return { kind: 'exit', code: Number(exitCode), ...(message ? { message } : {}) };
  }
  return {
    kind: 'failed',
    failure: {
      code: typeof status.code === 'number' ? status.code : 500,
      reason: typeof status.reason === 'string' && status.reason ? status.reason : 'InternalError',
      message: message || text.slice(0, 1000),
    },
  };
}
