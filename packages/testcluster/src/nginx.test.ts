import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nginxConfig } from './nginx.ts';

describe('nginxConfig', () => {
  const text = nginxConfig({ prefix: '/tmp/n', port: 8080, upstreams: ['127.0.0.1:4001', '127.0.0.1:4002'] });

  it('runs in the foreground with everything under its prefix, never the system paths', () => {
    expect(text).toMatch(/^daemon off;$/m);
    expect(text).toMatch(/^pid \/tmp\/n\/nginx\.pid;$/m);
    expect(text).toContain('error_log /tmp/n/error.log');
    expect(text).not.toMatch(/\/var\/(log|lib)\/nginx|\/run\/nginx/);
  });

  it('balances over every replica and passes WebSocket upgrades, streams and quiet sockets', () => {
    expect(text).toContain('server 127.0.0.1:4001 max_fails=1 fail_timeout=5s;');
    expect(text).toContain('server 127.0.0.1:4002 max_fails=1 fail_timeout=5s;');
    expect(text).toContain('listen 127.0.0.1:8080;');
    for (const line of [
      'proxy_http_version 1.1;',
      'proxy_set_header Upgrade $http_upgrade;',
      'proxy_set_header Connection $connection_upgrade;',
      'proxy_set_header Host $http_host;',
      'proxy_buffering off;',
      'proxy_read_timeout 1h;',
      'proxy_next_upstream error timeout http_502 http_503;',
    ])
      expect(text).toContain(line);
  });

  it("is a configuration Debian's nginx accepts (nginx -t)", async () => {
    const prefix = await mkdtemp(join(tmpdir(), 'porthole-nginx-t-'));
    try {
      await mkdir(join(prefix, 'tmp'));
      const file = join(prefix, 'nginx.conf');
      await writeFile(file, nginxConfig({ prefix, port: 8080, upstreams: ['127.0.0.1:4001'] }));
      const out = execFileSync(
        '/usr/sbin/nginx',
        ['-t', '-p', prefix, '-c', file, '-e', join(prefix, 'error.log')],
        {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      expect(out).toBe('');
    } finally {
      await rm(prefix, { recursive: true, force: true });
    }
  });
});
