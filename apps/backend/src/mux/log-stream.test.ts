import { describe, expect, it } from 'vitest';
import { logPath } from './log-stream.ts';

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
