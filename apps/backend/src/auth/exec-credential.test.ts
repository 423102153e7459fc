import { describe, expect, it } from 'vitest';
import { execClusterInfo, execInfo, parseExecCredential } from './exec-credential.ts';

const v1 = 'client.authentication.k8s.io/v1';
const v1beta1 = 'client.authentication.k8s.io/v1beta1';
const credential = (status: unknown, apiVersion = v1) =>
  JSON.stringify({ apiVersion, kind: 'ExecCredential', status });

describe('parseExecCredential', () => {
  it('reads a token and its expirationTimestamp', () => {
    const out = credential({ token: 'tok-1', expirationTimestamp: '2030-01-02T03:04:05Z' });
    expect(parseExecCredential(out, v1)).toEqual({
      token: 'tok-1',
      expiresAt: Date.parse('2030-01-02T03:04:05Z'),
    });
  });

  it('reads a v1beta1 client certificate and key without expiry', () => {
    const out = credential({ clientCertificateData: 'CERT', clientKeyData: 'KEY' }, v1beta1);
    expect(parseExecCredential(out, v1beta1)).toEqual({
      clientCertificateData: 'CERT',
      clientKeyData: 'KEY',
    });
  });

  it('rejects output of another API version than configured', () => {
    expect(() => parseExecCredential(credential({ token: 't' }, v1beta1), v1)).toThrow(
      `it is configured for API version ${v1} but returned "${v1beta1}"`,
    );
  });

  it.each([
    ['', 'it printed nothing'],
    ['token=abc', 'its output is not an ExecCredential in JSON'],
    ['[]', 'its output is not an ExecCredential object'],
    [
      JSON.stringify({ apiVersion: v1, kind: 'Secret' }),
      'it returned kind "Secret", expected ExecCredential',
    ],
    [JSON.stringify({ apiVersion: v1, kind: 'ExecCredential' }), 'it returned no status'],
    [credential({}), 'it returned neither a token nor a client certificate and key'],
    [credential({ clientCertificateData: 'CERT' }), 'it returned a client certificate or key, but not both'],
    [credential({ token: 7 }), 'its status.token is not a string'],
    [credential({ token: 't', expirationTimestamp: 'tomorrow' }), 'is not RFC 3339'],
  ])('rejects %j: %s', (stdout, message) => {
    expect(() => parseExecCredential(stdout, v1)).toThrow(message);
  });

  it('never repeats the output in its error', () => {
    const secret = 'super-secret-token-value';
    expect(() => parseExecCredential(`{"token":"${secret}"`, v1)).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining(secret) }),
    );
  });
});

describe('execInfo', () => {
  it('is a non-interactive ExecCredential of the configured version', () => {
    expect(JSON.parse(execInfo(v1beta1, undefined))).toEqual({
      apiVersion: v1beta1,
      kind: 'ExecCredential',
      spec: { interactive: false },
    });
  });

  it('carries the cluster with its CA base64-encoded', () => {
    const cluster = execClusterInfo(
      { server: 'https://k8s.example', caData: 'PEM', insecureSkipTlsVerify: false, tlsServerName: 'api' },
      'PEM',
    );
    expect(JSON.parse(execInfo(v1, cluster)).spec).toEqual({
      interactive: false,
      cluster: {
        server: 'https://k8s.example',
        'tls-server-name': 'api',
        'certificate-authority-data': 'UEVN',
      },
    });
  });
});
