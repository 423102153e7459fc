import { describe, expect, it } from 'vitest';
import { containerStopped, logPath } from './log-stream.ts';

describe('logPath', () => {
  const request = { namespace: 'demo', pod: 'web', follow: true, tailLines: 10, sinceSeconds: 60 };

  it('always asks for timestamps and applies tailLines and sinceSeconds to the first request', () => {
    const url = new URL(logPath({ ...request, container: 'app', previous: false }, undefined), 'https://x');
    expect(url.pathname).toBe('/api/v1/namespaces/demo/pods/web/log');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      timestamps: 'true',
      follow: 'true',
      container: 'app',
      tailLines: '10',
      sinceSeconds: '60',
    });
  });

  it('resumes with sinceTime only', () => {
    const time = '2024-05-01T10:00:00.123456789Z';
    const url = new URL(logPath(request, time), 'https://x');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      timestamps: 'true',
      follow: 'true',
      sinceTime: time,
    });
  });

  it('leaves follow out when off and asks for the previous run when told', () => {
    const url = new URL(
      logPath({ namespace: 'a b', pod: 'p', follow: false, previous: true }, undefined),
      'https://x',
    );
    expect(url.pathname).toBe('/api/v1/namespaces/a%20b/pods/p/log');
    expect(Object.fromEntries(url.searchParams)).toEqual({ timestamps: 'true', previous: 'true' });
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
