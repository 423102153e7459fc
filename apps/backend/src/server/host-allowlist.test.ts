import { describe, expect, it } from 'vitest';
import { createHostCheck, hostnameOf } from './host-allowlist.ts';

describe('hostnameOf', () => {
  it.each([
    ['127.0.0.1:4466', '127.0.0.1'],
    ['[::1]:4466', '::1'],
    ['[::1]', '::1'],
    ['LocalHost.:80', 'localhost'],
    ['127.1', '127.0.0.1'],
    ['porthole.example.com', 'porthole.example.com'],
  ])('%s is %s', (header, name) => expect(hostnameOf(header)).toBe(name));

  it.each([undefined, '', 'evil.example@127.0.0.1', '127.0.0.1/x', 'a b', '[::1', 'x:y:z'])(
    'refuses %j',
    (header) => expect(hostnameOf(header)).toBeUndefined(),
  );
});

describe('createHostCheck', () => {
  const check = createHostCheck({
    listenHost: '0.0.0.0',
    externalUrl: 'https://porthole.example.com/',
    allowedOrigins: ['https://console.corp.example:8443'],
  });

  it.each([
    'localhost:4466',
    'app.localhost',
    '127.0.0.1:4466',
    '[::1]:4466',
    '10.1.2.3:4466', // a pod IP: kubelet probes and in-cluster clients
    '[fd00::5]',
    'porthole.example.com',
    'PORTHOLE.example.com:443',
    'console.corp.example',
  ])('answers to %s', (host) => expect(check(host)).toBeUndefined());

  it.each([
    'evil.example',
    'evil.example:4466',
    'localhost.evil.example',
    '127.0.0.1.nip.io',
    'porthole.example.com.evil.example',
    'example.com',
    '',
    undefined,
  ])('refuses %j with a 403 Status naming the host', (host) => {
    const refusal = check(host);
    expect(refusal?.status).toMatchObject({ kind: 'Status', code: 403, reason: 'Forbidden' });
    expect(refusal?.status.message).toContain(
      'are refused: Porthole answers only to localhost, IP addresses',
    );
  });

  it('answers to the --host name, and lists only names in its refusal', () => {
    const named = createHostCheck({ listenHost: 'devbox' });
    expect(named('devbox:4466')).toBeUndefined();
    expect(named('evil.example')?.status.message).toContain('IP addresses, devbox (add the public name');
  });
});
