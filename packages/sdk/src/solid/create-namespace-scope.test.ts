import type { ClientMessage } from '@porthole/protocol';
import { createRoot } from 'solid-js';
import { describe, expect, it } from 'vitest';
import type { AccessDecision, AccessReview } from '../access/can-i.ts';
import type { HttpClient } from '../http/http-client.ts';
import { createNamespaceScope } from './create-namespace-scope.ts';
import { drivenClient } from './driven-client.ts';

const summary = { server: 'https://x', distribution: 'kubernetes', source: '/k' } as const;
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A review allowing `list` only in `allowed`, recording what it was asked. */
function reviewOf(allowed: string[]) {
  const asked: string[] = [];
  const access: AccessReview = {
    canI(_cluster, _verb, _resource, namespace) {
      asked.push(namespace ?? '');
      return Promise.resolve<AccessDecision>({
        allowed: namespace !== undefined && allowed.includes(namespace),
        explanation: '',
      });
    },
    invalidate() {},
  };
  return { access, asked };
}

function setUp(allowed: string[]) {
  const driven = drivenClient();
  const { access, asked } = reviewOf(allowed);
  const { scope, dispose } = createRoot((dispose) => ({
    scope: createNamespaceScope(
      { mux: driven.client, http: {} as HttpClient },
      () => ({ cluster: 'team@c', target: 'secrets', candidates: ['typed'] }),
      access,
    ),
    dispose,
  }));
  const idOf = (match: (m: ClientMessage) => boolean) => {
    const found = driven.sent.find(match);
    if (!found || !('id' in found)) throw new Error('no such subscription');
    return found.id;
  };
  const namespacesId = idOf((m) => m.op === 'watch' && m.resource === 'namespaces');
  const clustersId = idOf((m) => m.op !== 'watch' && m.op !== 'cancel');
  driven.server({
    op: 'sync',
    id: clustersId,
    items: [{ name: 'team@c', ...summary, namespace: 'team-a' }],
    resourceVersion: '1',
  });
  return { ...driven, scope, dispose, asked, namespacesId };
}

const ns = (name: string) => ({ metadata: { uid: name, name } });

describe('createNamespaceScope', () => {
  it('someone who may not list namespaces: the context namespace, default and the candidates, where allowed', async () => {
    const { server, scope, dispose, asked, namespacesId } = setUp(['team-a', 'typed']);
    expect(scope.listable()).toBeUndefined();
    expect(scope.loading()).toBe(true);
    server({
      op: 'error',
      id: namespacesId,
      code: 403,
      reason: 'Forbidden',
      message: 'namespaces is forbidden',
    });
    expect(scope.listable()).toBe(false);
    expect(scope.home()).toBe('team-a');
    await settle();
    expect(asked.sort()).toEqual(['default', 'team-a', 'typed']);
    expect(scope.names()).toEqual(['team-a', 'typed']);
    expect(scope.allowed()).toEqual(['team-a', 'typed']);
    expect(scope.loading()).toBe(false);
    expect(scope.start()).toBe('team-a');
    dispose();
  });

  it("starts where the person may list when the context's namespace is not such a place", async () => {
    const { server, scope, dispose, namespacesId } = setUp(['typed']);
    server({
      op: 'error',
      id: namespacesId,
      code: 403,
      reason: 'Forbidden',
      message: 'namespaces is forbidden',
    });
    expect(scope.start()).toBeUndefined();
    await settle();
    expect(scope.home()).toBe('team-a');
    expect(scope.start()).toBe('typed');
    dispose();
  });

  it('someone who may list namespaces: every one to pick, and the checks only once allowed() is read', async () => {
    const { server, scope, dispose, asked, namespacesId } = setUp(['web']);
    server({
      op: 'sync',
      id: namespacesId,
      items: [ns('web'), ns('default'), ns('team-a')],
      resourceVersion: '3',
    });
    expect(scope.listable()).toBe(true);
    expect([...scope.names()].sort()).toEqual(['default', 'team-a', 'web']);
    await settle();
    expect(asked).toEqual([]);
    // A "you can't list" state reads allowed(): every listed namespace is checked, once.
    expect(scope.allowed()).toEqual([]);
    await settle();
    expect(asked.sort()).toEqual(['default', 'team-a', 'web']);
    expect(scope.allowed()).toEqual(['web']);
    expect(scope.start()).toBeUndefined();
    dispose();
  });
});
