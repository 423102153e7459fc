import type { KubeObject } from '@porthole/sdk';
import { describe, expect, it } from 'vitest';
import type { OwnerReference } from '../object-fields.ts';
import { ownerChain } from './owner-chain.ts';

const ref = (kind: string, name: string, uid: string, controller = true) => ({
  apiVersion: 'apps/v1',
  kind,
  name,
  uid,
  controller,
});
const object = (uid: string, owners: ReturnType<typeof ref>[] = []): KubeObject => ({
  metadata: { name: uid, uid, ownerReferences: owners },
});

describe('ownerChain', () => {
  it('follows controllers up: Pod → ReplicaSet → Deployment', async () => {
    const store = new Map([
      ['rs', object('rs', [ref('Deployment', 'web', 'dep')])],
      ['dep', object('dep')],
    ]);
    const asked: string[] = [];
    const chain = await ownerChain(
      object('pod', [ref('ReplicaSet', 'web-1', 'rs')]),
      async (o: OwnerReference) => {
        asked.push(o.uid);
        return store.get(o.uid);
      },
    );
    expect(chain.map((o) => `${o.kind}/${o.name}`)).toEqual(['ReplicaSet/web-1', 'Deployment/web']);
    expect(asked).toEqual(['rs', 'dep']);
  });

  it('stops at an owner it cannot read, at a cycle, and at a uid that no longer matches', async () => {
    const unreadable = await ownerChain(
      object('pod', [ref('ReplicaSet', 'gone', 'rs')]),
      async () => undefined,
    );
    expect(unreadable.map((o) => o.name)).toEqual(['gone']);
    const cyclic = new Map([
      ['a', object('a', [ref('X', 'b', 'b')])],
      ['b', object('b', [ref('X', 'a', 'a')])],
    ]);
    const cycle = await ownerChain(object('a', [ref('X', 'b', 'b')]), async (o) => cyclic.get(o.uid));
    expect(cycle.map((o) => o.name)).toEqual(['b']);
    const replaced = await ownerChain(object('pod', [ref('ReplicaSet', 'rs', 'old')]), async () =>
      object('new', [ref('Deployment', 'web', 'dep')]),
    );
    expect(replaced.map((o) => o.name)).toEqual(['rs']);
  });

  it('picks the controller among several owners, and none when several and no controller', async () => {
    const none = await ownerChain(
      object('x', [ref('A', 'a', 'a', false), ref('B', 'b', 'b', false)]),
      async () => undefined,
    );
    expect(none).toEqual([]);
  });
});
