import { describe, expect, it } from 'vitest';
import type { AccessDecision, AccessReview } from './can-i.ts';
import { findUsableNamespaces, pluralKind } from './usable-namespaces.ts';

/** An access review that allows `list` of the target in `allowed` and fails for `failing`. */
function reviewOf(allowed: string[], failing: string[] = []) {
  const asked: string[] = [];
  const access: Pick<AccessReview, 'canI'> = {
    canI(_cluster, verb, _resource, namespace) {
      asked.push(`${verb} ${namespace ?? ''}`);
      if (namespace && failing.includes(namespace)) return Promise.reject(new Error('review refused'));
      const ok = namespace !== undefined && allowed.includes(namespace);
      return Promise.resolve<AccessDecision>({ allowed: ok, explanation: ok ? 'may' : 'may not' });
    },
  };
  return { access, asked };
}

describe('findUsableNamespaces', () => {
  it('keeps the candidates where the review allows the verb, once each, sorted', async () => {
    const { access, asked } = reviewOf(['team-a', 'team-b']);
    const names = await findUsableNamespaces({
      access,
      cluster: 'c',
      candidates: ['team-b', 'default', ' team-a ', 'team-b', ''],
      target: 'pods',
    });
    expect(names).toEqual(['team-a', 'team-b']);
    expect(asked.sort()).toEqual(['list default', 'list team-a', 'list team-b']);
  });

  it('asks with the verb given, and keeps a candidate whose review failed', async () => {
    const { access, asked } = reviewOf([], ['flaky']);
    const names = await findUsableNamespaces({
      access,
      cluster: 'c',
      verb: 'watch',
      candidates: ['flaky', 'closed'],
      target: { group: 'batch', resource: 'cronjobs' },
    });
    expect(names).toEqual(['flaky']);
    expect(asked.sort()).toEqual(['watch closed', 'watch flaky']);
  });
});

describe('pluralKind', () => {
  it('makes a kind plural in its own capitals', () => {
    expect(pluralKind('Secret')).toBe('Secrets');
    expect(pluralKind('ConfigMap')).toBe('ConfigMaps');
    expect(pluralKind('Ingress')).toBe('Ingresses');
    expect(pluralKind('NetworkPolicy')).toBe('NetworkPolicies');
    expect(pluralKind('Endpoints')).toBe('Endpoints');
    expect(pluralKind('Gateway')).toBe('Gateways');
  });

  it('falls back on the resource with a capital while the kind is unknown', () => {
    expect(pluralKind(undefined, 'cronjobs')).toBe('Cronjobs');
    expect(pluralKind(undefined)).toBe('');
  });
});
