import { describe, expect, it } from 'vitest';
import { itemsTextOf } from './paged-list.ts';

describe('itemsTextOf', () => {
  it('cuts the items array out of a LIST body as the API server lays it out', () => {
    const items = [
      { metadata: { name: 'a', annotations: { note: '"items":[1]' } } },
      { metadata: { name: 'b' } },
    ];
    const body = `${JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata: { continue: 'x' }, items })}\n`;
    const text = itemsTextOf(body, 2);
    expect(text).toBe(JSON.stringify(items));
    expect(JSON.parse(text as string)).toEqual(items);
    expect(itemsTextOf('{"kind":"PodList","metadata":{},"items":[]}', 0)).toBe('[]');
  });

  it('gives undefined for any other layout, so the caller serialises the parsed items', () => {
    // items before metadata, no items, items null, a count that disagrees
    expect(itemsTextOf('{"items":[{"a":1}],"metadata":{}}', 1)).toBeUndefined();
    expect(itemsTextOf('{"kind":"PodList","metadata":{}}', 0)).toBeUndefined();
    expect(itemsTextOf('{"kind":"PodList","metadata":{},"items":null}', 0)).toBeUndefined();
    expect(itemsTextOf('{"kind":"PodList","metadata":{},"items":[]}', 3)).toBeUndefined();
  });
});
