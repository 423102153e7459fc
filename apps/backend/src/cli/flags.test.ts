import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFlags } from './flags.ts';

describe('parseFlags', () => {
  it('applies the documented defaults', () => {
    expect(parseFlags(['serve'], { HOME: '/home/me' })).toEqual({
      kind: 'serve',
      config: {
        kubeconfigs: ['/home/me/.kube/config'],
        port: 4466,
        host: '127.0.0.1',
        plugins: undefined,
        dev: false,
        bundleGroupHeader: undefined,
        inCluster: false,
        allowedOrigins: [],
        oidcWriteBack: false,
        muxBatchMs: 10,
        deadlines: {
          connectMs: 15_000,
          tlsHandshakeMs: 10_000,
          responseMs: 30_000,
          idleMs: 30_000,
          bodyMs: 300_000,
        },
        pluginEnv: { HOME: '/home/me' },
        authMode: 'local',
        externalUrl: undefined,
        sessionSecretFile: undefined,
        trustedProxies: [],
        proxyUserHeader: 'X-Forwarded-User',
        proxyGroupsHeader: 'X-Forwarded-Groups',
        oidc: undefined,
      },
    });
  });

  it('takes the multiplexer batch window in milliseconds and refuses anything else', () => {
    const ok = parseFlags(['serve', '--mux-batch-ms', '25']);
    expect(ok.kind === 'serve' && ok.config.muxBatchMs).toBe(25);
    const bad = parseFlags(['serve', '--mux-batch-ms', '5s']);
    expect(bad.kind === 'error' && bad.message).toMatch(/--mux-batch-ms must be a number of milliseconds/);
  });

  it('takes each upstream deadline as a duration and refuses zero, junk and more than an hour', () => {
    const ok = parseFlags([
      'serve',
      '--connect-timeout',
      '2m',
      '--tls-handshake-timeout',
      '500ms',
      '--response-timeout',
      '45',
      '--idle-timeout',
      '1.5s',
      '--body-timeout',
      '10m',
    ]);
    expect(ok.kind === 'serve' && ok.config.deadlines).toEqual({
      connectMs: 120_000,
      tlsHandshakeMs: 500,
      responseMs: 45_000,
      idleMs: 1_500,
      bodyMs: 600_000,
    });
    for (const value of ['0', '0ms', 'soon', '2h', '1e3', '']) {
      const bad = parseFlags(['serve', '--response-timeout', value]);
      expect(bad.kind === 'error' && bad.message).toMatch(/--response-timeout must be a duration/);
    }
  });

  it('accepts allowed origins and refuses values that are not an origin', () => {
    const ok = parseFlags([
      'serve',
      '--allowed-origin',
      'https://porthole.example.com',
      '--allowed-origin',
      'http://localhost:3000/',
    ]);
    expect(ok.kind === 'serve' && ok.config.allowedOrigins).toEqual([
      'https://porthole.example.com',
      'http://localhost:3000',
    ]);
    for (const bad of ['porthole.example.com', 'https://porthole.example.com/app']) {
      const result = parseFlags(['serve', '--allowed-origin', bad]);
      expect(result.kind).toBe('error');
      expect(result.kind === 'error' && result.message).toContain('--allowed-origin');
    }
  });

  it('falls back to the home folder of the OS when HOME is unset', () => {
    const result = parseFlags(['serve'], {});
    expect(result.kind === 'serve' && result.config.kubeconfigs).toEqual([
      join(homedir(), '.kube', 'config'),
    ]);
  });

  it('reads every file of a colon-separated KUBECONFIG, skipping empty parts', () => {
    const result = parseFlags(['serve'], { KUBECONFIG: '/a:/b::/c', HOME: '/home/me' });
    expect(result.kind === 'serve' && result.config.kubeconfigs).toEqual(['/a', '/b', '/c']);
  });

  it('takes repeated --kubeconfig flags in order, over KUBECONFIG', () => {
    const result = parseFlags(['serve', '--kubeconfig', '/x', '--kubeconfig=/y'], { KUBECONFIG: '/a' });
    expect(result.kind === 'serve' && result.config.kubeconfigs).toEqual(['/x', '/y']);
  });

  it('accepts --port, --host, --plugins and --in-cluster', () => {
    const argv = ['serve', '--port', '0', '--host', '0.0.0.0', '--plugins', '/p.json', '--in-cluster'];
    const result = parseFlags(argv, {});
    expect(result.kind === 'serve' && result.config).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      plugins: '/p.json',
      inCluster: true,
    });
  });

  it('accepts --dev and --bundle-group-header, and refuses a header name that is not one', () => {
    const argv = ['serve', '--dev', '--bundle-group-header', 'X-Forwarded-Groups'];
    const result = parseFlags(argv, {});
    expect(result.kind === 'serve' && result.config).toMatchObject({
      dev: true,
      bundleGroupHeader: 'X-Forwarded-Groups',
    });
    const bad = parseFlags(['serve', '--bundle-group-header', 'X Groups:'], {});
    expect(bad.kind === 'error' && bad.message).toContain('--bundle-group-header');
  });

  it('reads create-plugin NAME with an optional --dir, and refuses --dir for serve', () => {
    expect(parseFlags(['create-plugin', 'my-plugin'], {})).toEqual({
      kind: 'create-plugin',
      name: 'my-plugin',
      dir: undefined,
    });
    expect(parseFlags(['create-plugin', 'my-plugin', '--dir', '/tmp/p'], {})).toMatchObject({
      dir: '/tmp/p',
    });
    const none = parseFlags(['create-plugin'], {});
    expect(none.kind === 'error' && none.message).toContain('create-plugin takes one NAME');
    const serve = parseFlags(['serve', '--dir', 'x'], {});
    expect(serve.kind === 'error' && serve.message).toContain('--dir is a create-plugin flag');
  });

  it('answers --help and -h with the usage text', () => {
    for (const flag of ['--help', '-h']) {
      const result = parseFlags([flag], {});
      expect(result.kind).toBe('help');
      expect(result.kind === 'help' && result.text).toContain('--kubeconfig PATH');
    }
  });

  it.each([
    [['serve', '--bogus'], "Unknown option '--bogus'"],
    [['serve', '--port'], "'--port <value>' argument missing"],
    [['serve', '--port', '80x'], '--port must be a number from 0 to 65535, got "80x"'],
    [['serve', '--port', '70000'], '--port must be a number from 0 to 65535'],
    [['serve', '--host', ''], '--host must not be empty'],
    [['serve', '--kubeconfig', ''], '--kubeconfig must not be empty'],
    [[], 'missing command: expected "serve"'],
    [['start'], 'unknown command "start"'],
    [['serve', 'extra'], 'unexpected argument "extra"'],
  ])('reports a usage error for %j', (argv, message) => {
    const result = parseFlags(argv, {});
    expect(result.kind).toBe('error');
    expect(result.kind === 'error' && result.message).toContain(message);
    expect(result.kind === 'error' && result.text).toContain('Usage: porthole serve');
  });
});
