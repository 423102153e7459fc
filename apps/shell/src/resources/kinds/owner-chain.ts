import type { KubeObject } from '@porthole/sdk';
import { type OwnerReference, ownerReferencesOf } from '../object-fields.ts';

/** How the chain reads an owner: the object, or `undefined` when it is gone or can't be read. */
export type FetchOwner = (owner: OwnerReference) => Promise<KubeObject | undefined>;

/** The longest chain followed (a Pod → ReplicaSet → Deployment is 2; a cycle stops at the first repeat). */
export const maxOwnerDepth = 8;

/**
 * The controller chain above an object, nearest first: its controller (the owner reference marked
 * `controller`, else its only owner), that one's controller, and so on. Stops at an owner that can't
 * be read (it is still listed, as the reference), at a repeated uid, and after {@link maxOwnerDepth}.
 *
 * @example
 * await ownerChain(pod, fetch); // [ReplicaSet web-5d4f, Deployment web]
 */
export async function ownerChain(object: KubeObject, fetchOwner: FetchOwner): Promise<OwnerReference[]> {
  const chain: OwnerReference[] = [];
  const seen = new Set<string>([object.metadata.uid ?? '']);
  let current: KubeObject | undefined = object;
  while (current && chain.length < maxOwnerDepth) {
    const owners = ownerReferencesOf(current);
    const next = owners.find((o) => o.controller) ?? (owners.length === 1 ? owners[0] : undefined);
    if (!next || seen.has(next.uid)) break;
    seen.add(next.uid);
    chain.push(next);
    current = await fetchOwner(next);
    // A different object now carries that name: the chain is broken there.
    if (current?.metadata.uid && next.uid && current.metadata.uid !== next.uid) break;
  }
  return chain;
}
