import { afterEach, describe, expect, it, vi } from 'vitest';
import { cutAfterMs, drainThenExit, notReadyLeadMs } from './shutdown.ts';

function recordingTarget() {
  const calls: string[] = [];
  let onClosed: (() => void) | undefined;
  return {
    calls,
    allConnectionsClosed: () => onClosed?.(),
    target: {
      server: {
        close(callback?: (err?: Error) => void) {
          calls.push('server.close');
          onClosed = callback;
          return undefined as never;
        },
        closeIdleConnections: () => calls.push('closeIdle'),
        closeAllConnections: () => calls.push('closeAll'),
      },
      readiness: { drain: () => calls.push('not ready') },
      drain: () => calls.push('sockets 1012'),
      close: async () => {
        calls.push('close');
      },
    },
  };
}

describe('drainThenExit', () => {
  afterEach(() => vi.useRealTimers());

  it('turns /readyz off first, closes the listener and the sockets after the lead, exits once all is closed', async () => {
    vi.useFakeTimers();
    const { calls, target, allConnectionsClosed } = recordingTarget();
    const exit = vi.fn();
    drainThenExit(target, { graceMs: 10_000, log: () => {}, exit });
    expect(calls).toEqual(['not ready']);
    vi.advanceTimersByTime(notReadyLeadMs(10_000) - 1);
    expect(calls).toEqual(['not ready']);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual(['not ready', 'server.close', 'closeIdle', 'sockets 1012']);
    allConnectionsClosed();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.slice(4)).toEqual(['closeAll', 'close']);
    expect(exit).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(exit).toHaveBeenCalledTimes(1);
  });

  it('cuts whatever is still open before the grace is over, and exits even if close() hangs', async () => {
    vi.useFakeTimers();
    const { calls, target } = recordingTarget();
    const exit = vi.fn();
    drainThenExit(
      { ...target, close: () => new Promise<void>(() => {}) },
      { graceMs: 4_000, log: () => {}, exit },
    );
    await vi.advanceTimersByTimeAsync(cutAfterMs(4_000) - 1);
    expect(calls).not.toContain('closeAll');
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toContain('closeAll');
    expect(exit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(4_000 - cutAfterMs(4_000));
    expect(exit).toHaveBeenCalledTimes(1);
  });

  it('leads with a fifth of the grace (at most 5 s) and cuts a tenth (at most 1 s) before its end', () => {
    expect(notReadyLeadMs(4_000)).toBe(800);
    expect(notReadyLeadMs(60_000)).toBe(5_000);
    expect(cutAfterMs(4_000)).toBe(3_600);
    expect(cutAfterMs(30_000)).toBe(29_000);
  });
});
