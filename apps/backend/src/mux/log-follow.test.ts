import { describe, expect, it } from 'vitest';
import {
  afterPodCheck,
  afterRead,
  containerStopped,
  type LogLoopSteps,
  podAnswer,
  type ReadEnd,
  runLogLoop,
  stateReporter,
} from './log-follow.ts';
import type { UpstreamFailure } from './watch-request.ts';

const failure = (code: number, reason = 'X'): UpstreamFailure => ({ code, reason, message: `m${code}` });
const closed = (lastedMs: number): ReadEnd => ({ kind: 'closed', lastedMs });
const refused = (code: number): ReadEnd => ({ kind: 'refused', failure: failure(code) });
const dropped = (code: number): ReadEnd => ({ kind: 'dropped', failure: failure(code) });

describe('afterRead', () => {
  const follow = { follow: true };

  it('ends a log that was not followed when it closes, and asks the pod when a follow closes', () => {
    expect(afterRead(closed(10), { follow: false }, false)).toEqual({ kind: 'end' });
    expect(afterRead(closed(10), { follow: false, previous: false }, true)).toEqual({ kind: 'end' });
    expect(afterRead(closed(5000), follow, false)).toEqual({ kind: 'ask-pod' });
    expect(afterRead(closed(5000), follow, true)).toEqual({ kind: 'ask-pod' });
  });

  it('never asks the pod about the previous run: it has ended', () => {
    expect(afterRead(closed(10), { follow: true, previous: true }, false)).toEqual({ kind: 'end' });
    expect(afterRead(refused(404), { follow: true, previous: true }, true)).toEqual({ kind: 'end' });
  });

  it('fails on a fatal refusal of the first request, asks the pod on one of a resume', () => {
    for (const code of [400, 401, 403, 404, 422]) {
      expect(afterRead(refused(code), follow, false)).toEqual({ kind: 'fail', failure: failure(code) });
      expect(afterRead(refused(code), follow, true)).toEqual({ kind: 'ask-pod' });
    }
  });

  it('resumes after a passing refusal (5xx, 429) or a drop, whatever its code, with the cause', () => {
    for (const ended of [
      refused(500),
      refused(503),
      refused(429),
      dropped(503),
      dropped(404),
      dropped(403),
    ]) {
      const cause = ended.kind === 'closed' ? undefined : ended.failure;
      expect(afterRead(ended, follow, false)).toEqual({ kind: 'resume', pause: true, cause });
      expect(afterRead(ended, follow, true)).toEqual({ kind: 'resume', pause: true, cause });
    }
  });
});

describe('afterPodCheck', () => {
  it('ends whenever the container stopped', () => {
    expect(afterPodCheck(closed(10), true)).toEqual({ kind: 'end' });
    expect(afterPodCheck(refused(404), true)).toEqual({ kind: 'end' });
  });

  it('resumes a clean close while the container runs: at once after a long response, paused after a short one', () => {
    expect(afterPodCheck(closed(1000), false)).toEqual({ kind: 'resume', pause: false });
    expect(afterPodCheck(closed(60_000), false)).toEqual({ kind: 'resume', pause: false });
    expect(afterPodCheck(closed(999), false)).toEqual({ kind: 'resume', pause: true });
    expect(afterPodCheck(closed(0), false)).toEqual({ kind: 'resume', pause: true });
  });

  it('resumes, paused and with the cause, when the pod could not tell after a clean close', () => {
    expect(afterPodCheck(closed(60_000), failure(503))).toEqual({
      kind: 'resume',
      pause: true,
      cause: failure(503),
    });
  });

  it("keeps a fatal refusal fatal while the container runs or can't be asked", () => {
    expect(afterPodCheck(refused(404), false)).toEqual({ kind: 'fail', failure: failure(404) });
    expect(afterPodCheck(refused(403), failure(503))).toEqual({ kind: 'fail', failure: failure(403) });
  });
});

/** Steps that answer from scripts and record what the loop asked for. */
function scripted(reads: (() => ReadEnd)[], pods: (() => boolean | UpstreamFailure)[] = []) {
  const calls: string[] = [];
  const steps: LogLoopSteps = {
    read: async (resumed) => {
      calls.push(`read ${resumed ? 'resumed' : 'first'}`);
      const next = reads.shift();
      if (!next) throw new Error('read more often than scripted');
      return next();
    },
    podFinished: async () => {
      calls.push('pod');
      const next = pods.shift();
      if (!next) throw new Error('asked the pod more often than scripted');
      return next();
    },
    reconnect: async (cause) => {
      calls.push(`reconnect ${cause?.code ?? '-'}`);
    },
    end: async () => {
      calls.push('end');
    },
    fail: (f) => {
      calls.push(`fail ${f.code}`);
    },
  };
  return { steps, calls };
}

/** Aborts `controller`, then answers `value`: a cancel() while a step was under way. */
function abortThen<T>(controller: AbortController, value: T): T {
  controller.abort();
  return value;
}

describe('runLogLoop', () => {
  const follow = { follow: true };

  it('resumes after drops and clean closes while running, then ends when the pod says so', async () => {
    const { steps, calls } = scripted(
      [() => dropped(503), () => closed(5000), () => closed(10), () => refused(429), () => closed(5000)],
      [() => false, () => false, () => true],
    );
    await runLogLoop(follow, new AbortController().signal, steps);
    expect(calls).toEqual([
      'read first',
      'reconnect 503',
      'read resumed',
      'pod',
      'read resumed',
      'pod',
      'reconnect -',
      'read resumed',
      'reconnect 429',
      'read resumed',
      'pod',
      'end',
    ]);
  });

  it('fails on a fatal refusal and stops', async () => {
    const first = scripted([() => refused(403)]);
    await runLogLoop(follow, new AbortController().signal, first.steps);
    expect(first.calls).toEqual(['read first', 'fail 403']);
    const resumed = scripted([() => dropped(503), () => refused(404)], [() => false]);
    await runLogLoop(follow, new AbortController().signal, resumed.steps);
    expect(resumed.calls).toEqual(['read first', 'reconnect 503', 'read resumed', 'pod', 'fail 404']);
  });

  it('takes a 404 on a resume after the pod is gone as the end', async () => {
    const { steps, calls } = scripted([() => dropped(503), () => refused(404)], [() => true]);
    await runLogLoop(follow, new AbortController().signal, steps);
    expect(calls).toEqual(['read first', 'reconnect 503', 'read resumed', 'pod', 'end']);
  });

  it('takes no step after an abort during a read, a pod check or a pause', async () => {
    const duringRead = new AbortController();
    const a = scripted([() => abortThen(duringRead, closed(5000))]);
    await runLogLoop(follow, duringRead.signal, a.steps);
    expect(a.calls).toEqual(['read first']);

    const duringPod = new AbortController();
    const b = scripted([() => closed(10)], [() => abortThen(duringPod, false)]);
    await runLogLoop(follow, duringPod.signal, b.steps);
    expect(b.calls).toEqual(['read first', 'pod']);

    const duringPause = new AbortController();
    const c = scripted([() => dropped(503)]);
    c.steps.reconnect = async () => {
      c.calls.push('reconnect');
      duringPause.abort();
    };
    await runLogLoop(follow, duringPause.signal, c.steps);
    expect(c.calls).toEqual(['read first', 'reconnect']);

    const before = new AbortController();
    before.abort();
    const d = scripted([]);
    await runLogLoop(follow, before.signal, d.steps);
    expect(d.calls).toEqual([]);
  });
});

describe('stateReporter', () => {
  it('reports changes only: another state, or reconnecting for another cause', () => {
    const heard: string[] = [];
    const setState = stateReporter((state, cause) => heard.push(cause ? `${state} ${cause.code}` : state));
    setState('live');
    setState('reconnecting', failure(503));
    setState('reconnecting', failure(503));
    setState('reconnecting', { ...failure(503), code: 504 });
    setState('reconnecting', failure(429));
    setState('reconnecting');
    setState('live');
    setState('live');
    setState('reconnecting');
    expect(heard).toEqual(['reconnecting 503', 'reconnecting 429', 'reconnecting', 'live', 'reconnecting']);
  });

  it('is quiet without a listener', () => {
    expect(() => stateReporter(undefined)('reconnecting')).not.toThrow();
  });
});

describe('podAnswer', () => {
  const running = {
    status: { phase: 'Running', containerStatuses: [{ name: 'app', state: { running: {} } }] },
  };
  const status = (code: number, reason: string) =>
    JSON.stringify({ kind: 'Status', code, reason, message: `said ${code}` });

  it('reads the pod when it is answered', () => {
    expect(podAnswer({ statusCode: 200, headers: {} }, JSON.stringify(running), 'app')).toBe(false);
    expect(podAnswer({ statusCode: 200, headers: {} }, JSON.stringify(running), 'other')).toBe(true);
  });

  it('says stopped when the pod is gone or may not be read (nobody can tell)', () => {
    expect(podAnswer({ statusCode: 404, headers: {} }, '', 'app')).toBe(true);
    expect(podAnswer({ statusCode: 404, headers: {} }, 'not json', 'app')).toBe(true);
    expect(podAnswer({ statusCode: 403, headers: {} }, status(403, 'Forbidden'), 'app')).toBe(true);
    expect(podAnswer({ statusCode: 401, headers: {} }, '', 'app')).toBe(true);
  });

  it('gives the failure of a refusal that may pass', () => {
    expect(podAnswer({ statusCode: 503, headers: {} }, status(503, 'ServiceUnavailable'), 'app')).toEqual({
      code: 503,
      reason: 'ServiceUnavailable',
      message: 'said 503',
    });
    expect(
      podAnswer({ statusCode: 429, headers: { 'retry-after': '2' } }, status(429, 'TooManyRequests'), 'app'),
    ).toEqual({ code: 429, reason: 'TooManyRequests', message: 'said 429', retryAfterSeconds: 2 });
  });
});

describe('containerStopped', () => {
  const running = { running: { startedAt: '2026-12-04T10:00:00Z' } };
  const terminated = { terminated: { exitCode: 0 } };
  const pod = (
    phase: string,
    statuses: { name: string; state: object }[],
    containers = statuses.map((s) => ({ name: s.name })),
  ) => ({ status: { phase, containerStatuses: statuses }, spec: { containers } });

  it('says a finished pod stopped, even while a container status still reads running', () => {
    expect(containerStopped(pod('Succeeded', [{ name: 'app', state: running }]), 'app')).toBe(true);
    expect(containerStopped(pod('Failed', [{ name: 'app', state: running }]), 'app')).toBe(true);
    expect(containerStopped(pod('Running', [{ name: 'app', state: running }]), 'app')).toBe(false);
    expect(containerStopped(pod('Pending', [{ name: 'app', state: running }]), 'app')).toBe(false);
  });

  it('reads the named container, else the first of the spec', () => {
    const mixed = pod('Running', [
      { name: 'sidecar', state: running },
      { name: 'app', state: terminated },
    ]);
    expect(containerStopped(mixed, 'app')).toBe(true);
    expect(containerStopped(mixed, 'sidecar')).toBe(false);
    expect(containerStopped(mixed, undefined)).toBe(false);
    const appFirst = { ...mixed, spec: { containers: [{ name: 'app' }, { name: 'sidecar' }] } };
    expect(containerStopped(appFirst, undefined)).toBe(true);
  });

  it('says a container that is waiting, not started or unknown is not running', () => {
    expect(containerStopped(pod('Running', [{ name: 'app', state: { waiting: {} } }]), 'app')).toBe(true);
    expect(containerStopped(pod('Running', [{ name: 'other', state: running }]), 'app')).toBe(true);
    expect(containerStopped({ status: { phase: 'Pending' } }, 'app')).toBe(true);
    expect(containerStopped({}, undefined)).toBe(true);
    // Whatever parts are missing, an answer and no TypeError.
    expect(containerStopped({ spec: {} }, undefined)).toBe(true);
    expect(containerStopped({ spec: { containers: [] } }, undefined)).toBe(true);
    expect(containerStopped({ status: { containerStatuses: [{ name: 'app' }] } }, 'app')).toBe(true);
    expect(
      containerStopped({ status: { containerStatuses: [{ name: 'app', state: running }] } }, undefined),
    ).toBe(true);
  });
});
