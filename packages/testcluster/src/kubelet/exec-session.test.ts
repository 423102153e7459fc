import { describe, expect, it } from 'vitest';
import { exitStatus } from './exec-session.ts';

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
