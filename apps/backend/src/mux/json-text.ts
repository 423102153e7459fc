import type { KubeObject, WatchEvent } from '@porthole/protocol';

/**
 * Serialises objects once however many sockets send them: objects in an upstream cache are shared and
 * never mutated, so their JSON text is remembered by identity (a `WeakMap`, gone with the object).
 */
export interface JsonText {
  /** The JSON text of `object`. */
  of(object: KubeObject): string;
  /**
   * `[...]` of the objects' texts; remembered by the array's identity too, so a LIST page sent as a chunk
   * to many subscribers is joined once (arrays handed to it are never mutated afterwards).
   */
  items(objects: readonly KubeObject[]): string;
  /** `[...]` of `{"type","object"}` texts. */
  events(events: readonly WatchEvent[]): string;
}

/**
 * @example
 * const json = createJsonText();
 * socket.send(`{"op":"sync","id":1,"items":${json.items(items)},"resourceVersion":"7"}`);
 */
export function createJsonText(): JsonText {
  const texts = new WeakMap<object, string>();
  const lists = new WeakMap<readonly KubeObject[], string>();
  function of(object: KubeObject): string {
    let text = texts.get(object);
    if (text === undefined) {
      text = JSON.stringify(object);
      texts.set(object, text);
    }
    return text;
  }
  return {
    of,
    items(objects) {
      let text = lists.get(objects);
      if (text === undefined) {
        text = `[${objects.map(of).join(',')}]`;
        lists.set(objects, text);
      }
      return text;
    },
    events: (events) => `[${events.map((e) => `{"type":"${e.type}","object":${of(e.object)}}`).join(',')}]`,
  };
}
