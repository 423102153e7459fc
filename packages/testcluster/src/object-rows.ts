/** The identity of an object as tests compare sets: name, uid and resourceVersion. */
export interface ObjectIdentity {
  metadata: { name?: string | undefined; uid?: string | undefined; resourceVersion?: string | undefined };
}

/**
 * `name/uid/resourceVersion` of each object, sorted: two sets of objects are the same exactly when
 * these are (what "the client holds exactly the API server's LIST" compares).
 *
 * @example
 * expect(objectRows(client.items())).toEqual(objectRows(list.items));
 */
export function objectRows(items: Iterable<ObjectIdentity>): string[] {
  return [...items].map((i) => `${i.metadata.name}/${i.metadata.uid}/${i.metadata.resourceVersion}`).sort();
}
