import { describe, expect, it } from 'vitest';
import { restartedAtAnnotation, restartPatch } from './rollout-restart.ts';

describe('restartPatch', () => {
  it("puts kubectl's restartedAt (RFC 3339, whole seconds, UTC) in the pod template's annotations", () => {
    expect(restartPatch(new Date('2026-01-02T03:04:05.678Z'))).toEqual({
      spec: { template: { metadata: { annotations: { [restartedAtAnnotation]: '2026-01-02T03:04:05Z' } } } },
    });
    expect(restartedAtAnnotation).toBe('kubectl.kubernetes.io/restartedAt');
  });
});
