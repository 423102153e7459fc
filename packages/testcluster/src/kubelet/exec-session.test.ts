import { describe, expect, it } from 'vitest';
import { chooseExecProtocol, exitStatus } from './exec-session.ts';

describe('exitStatus', () => {
  it('is a Success status for exit code 0', () => {
    expect(JSON.parse(exitStatus(0))).toEqual({ metadata: {}, status: 'Success' });
  });

  it('carries a non-zero exit code in details.causes like a kubelet', () => {
    expect(JSON.parse(exitStatus(42))).toMatchObject({
      status: 'Failure',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '42' }] },
    });
  });
});

describe('chooseExecProtocol', () => {
  it("picks the client's first offered protocol the stand-in speaks, like a kubelet", () => {
    expect(chooseExecProtocol(['v5.channel.k8s.io', 'v4.channel.k8s.io', 'channel.k8s.io'])).toBe(
      'v5.channel.k8s.io',
    );
    expect(chooseExecProtocol(['v4.channel.k8s.io', 'v5.channel.k8s.io'])).toBe('v4.channel.k8s.io');
    expect(chooseExecProtocol(['base64url.bearer.authorization.k8s.io.eA', 'channel.k8s.io'])).toBe(
      'channel.k8s.io',
    );
  });

  it('refuses when nothing offered is spoken', () => {
    expect(chooseExecProtocol(['v6.channel.k8s.io'])).toBe(false);
  });
});
