import { StatusError } from '@porthole/protocol';
import { createRoot, createSignal } from 'solid-js';
import { describe, expect, it } from 'vitest';
import type { AccessReview } from '../access/can-i.ts';
import { checkingPermission, createPermissions } from './create-permissions.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A review that allows `patch` only, records what it was asked, and fails for cluster `broken`. */
function review(asked: string[]): AccessReview {
  return {
    async canI(cluster, verb, resource, namespace) {
      const target = typeof resource === 'string' ? { resource, subresource: undefined } : resource;
      asked.push(`${cluster} ${verb} ${target.resource}/${target.subresource ?? ''} ${namespace ?? ''}`);
      if (cluster === 'broken') throw StatusError.serviceUnavailable('cluster is down');
      const allowed = verb === 'patch';
      return { allowed, explanation: `you ${allowed ? 'may' : 'may not'} ${verb} ${target.resource}` };
    },
    invalidate() {},
  };
}

describe('createPermissions', () => {
  it('says "checking" until the answer, then undefined for allowed and the reason for denied', async () => {
    const asked: string[] = [];
    const [cluster, setCluster] = createSignal('c');
    const { permissions, dispose } = createRoot((dispose) => ({
      dispose,
      permissions: createPermissions(
        { http: { request: () => Promise.reject(new Error('unused')) } },
        () => ({
          cluster: cluster(),
          questions: {
            scale: {
              verb: 'patch',
              target: { group: 'apps', resource: 'deployments', subresource: 'scale' },
              namespace: 'web',
            },
            remove: { verb: 'delete', target: { group: 'apps', resource: 'deployments' }, namespace: 'web' },
          },
        }),
        review(asked),
      ),
    }));
    expect(permissions()).toEqual({ scale: checkingPermission, remove: checkingPermission });
    await tick();
    expect(permissions()).toEqual({
      scale: undefined,
      remove: 'Not allowed: you may not delete deployments',
    });
    expect(asked).toEqual(['c patch deployments/scale web', 'c delete deployments/ web']);

    setCluster('broken');
    expect(permissions().scale).toBe(checkingPermission);
    await tick();
    expect(permissions().scale).toBe('Could not check permission: cluster is down');
    dispose();
  });
});
