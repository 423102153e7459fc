import { describe, expect, it } from 'vitest';
import { execPath } from './exec-stream.ts';

describe('execPath', () => {
  it('repeats command, asks for stdout and stderr without a tty', () => {
    const url = new URL(
      execPath({
        namespace: 'demo',
        pod: 'web',
        command: ['sh', '-c', 'echo a&b'],
        tty: false,
        stdin: false,
      }),
      'https://x',
    );
    expect(url.pathname).toBe('/api/v1/namespaces/demo/pods/web/exec');
    expect(url.searchParams.getAll('command')).toEqual(['sh', '-c', 'echo a&b']);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      stdin: 'false',
      stdout: 'true',
      stderr: 'true',
      tty: 'false',
    });
    expect(url.searchParams.has('container')).toBe(false);
  });

  it('leaves stderr out with a tty and names the container', () => {
    const url = new URL(
      execPath({ namespace: 'demo', pod: 'web', container: 'app', command: ['sh'], tty: true, stdin: true }),
      'https://x',
    );
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      container: 'app',
      stdin: 'true',
      stderr: 'false',
      tty: 'true',
    });
  });
});
