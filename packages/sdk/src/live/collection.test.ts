import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CollectionEvent, createCollection } from './collection.ts';

interface Item {
  uid: string;
  ns: string;
  name: string;
  v?: number;
}

const keys = { keyOf: (i: Item) => i.uid, orderOf: (i: Item) => [i.ns, i.name] };
const item = (uid: string, ns: string, name: string, v = 0): Item => ({ uid, ns, name, v });
const names = (items: readonly Item[]) => items.map((i) => `${i.ns}/${i.name}`);

describe('createCollection', () => {
  it('sync replaces the set entirely and orders by namespace, then name', () => {
    const c = createCollection(keys);
    c.sync([item('1', 'b', 'x'), item('2', 'a', 'y')], '10');
    c.sync([item('3', 'b', 'a'), item('4', 'a', 'z'), item('5', '', 'cluster-scoped')], '20');
    expect(names(c.items())).toEqual(['/cluster-scoped', 'a/z', 'b/a']);
    expect(c.get('1')).toBeUndefined();
    expect(c.size()).toBe(3);
    expect(c.resourceVersion()).toBe('20');
  });

  it('applies events in order: ADDED and MODIFIED set by key, DELETED removes', () => {
    const c = createCollection(keys);
    c.sync([item('1', 'a', 'one')], '1');
    c.apply(
      [
        { type: 'ADDED', object: item('2', 'a', 'two') },
        { type: 'MODIFIED', object: item('1', 'a', 'one', 2) },
        { type: 'ADDED', object: item('3', 'a', 'three') },
        { type: 'DELETED', object: item('2', 'a', 'two') },
        { type: 'MODIFIED', object: item('3', 'a', 'three', 5) },
      ],
      '6',
    );
    expect(c.items()).toEqual([item('1', 'a', 'one', 2), item('3', 'a', 'three', 5)]);
    expect(c.get('3')?.v).toBe(5);
    expect(c.resourceVersion()).toBe('6');
  });

  it('share swaps items for equal ones by key, all or some, and leaves handed-out snapshots alone', () => {
    const c = createCollection(keys);
    c.sync([item('1', 'a', 'x', 1), item('2', 'a', 'y', 2)], '10');
    const before = c.items();
    const mine = new Map([
      ['1', item('1', 'a', 'x', 1)],
      ['2', item('2', 'a', 'y', 2)],
    ]);
    c.share((key) => mine.get(key), ['2']);
    expect(c.get('2')).toBe(mine.get('2'));
    expect(c.get('1')).not.toBe(mine.get('1'));
    expect(c.items()[1]).toBe(mine.get('2'));
    expect(before[1]).not.toBe(mine.get('2'));
    c.share((key) => mine.get(key));
    expect(c.items()).toEqual([mine.get('1'), mine.get('2')]);
    expect(c.items()[0]).toBe(mine.get('1'));
  });

  it('share ignores a replacement with another key or another place in the order', () => {
    const c = createCollection(keys);
    const x = item('1', 'a', 'x');
    c.sync([x, item('2', 'a', 'y')], '10');
    c.share(() => item('9', 'a', 'x'), ['1']);
    c.share(() => item('1', 'z', 'moved'), ['1']);
    c.share(() => undefined);
    c.share(() => item('1', 'a', 'x'), ['unknown']);
    expect(c.get('1')).toBe(x);
    expect(c.get('9')).toBeUndefined();
    expect(names(c.items())).toEqual(['a/x', 'a/y']);
  });

  it('ignores a DELETED of an unknown key and items without a key', () => {
    const c = createCollection<Item>({ ...keys, keyOf: (i) => i.uid || undefined });
    c.sync([item('1', 'a', 'one'), item('', 'a', 'no-uid')], '1');
    c.apply([{ type: 'DELETED', object: item('9', 'a', 'ghost') }], '2');
    expect(names(c.items())).toEqual(['a/one']);
    expect(c.resourceVersion()).toBe('2');
  });

  it('keeps a deleted-and-recreated name as the new uid only', () => {
    const c = createCollection(keys);
    c.sync([item('old', 'a', 'same')], '1');
    c.apply(
      [
        { type: 'DELETED', object: item('old', 'a', 'same') },
        { type: 'ADDED', object: item('new', 'a', 'same') },
      ],
      '3',
    );
    expect(c.items().map((i) => i.uid)).toEqual(['new']);
  });

  it('never mutates an items() snapshot already handed out', () => {
    const c = createCollection(keys);
    c.sync([item('1', 'a', 'one')], '1');
    const before = c.items();
    c.apply([{ type: 'ADDED', object: item('2', 'a', 'two') }], '2');
    expect(names(before)).toEqual(['a/one']);
    expect(names(c.items())).toEqual(['a/one', 'a/two']);
    expect(c.items()).toBe(c.items()); // unchanged between reads
  });

  it('ends with what a plain map says, in sorted order, for any sequence of events', () => {
    const event = fc.record({
      type: fc.constantFrom('ADDED', 'MODIFIED', 'DELETED'),
      uid: fc.integer({ min: 0, max: 15 }),
      v: fc.integer(),
    });
    fc.assert(
      fc.property(fc.array(fc.array(event, { maxLength: 20 }), { maxLength: 10 }), (batches) => {
        const c = createCollection(keys);
        const model = new Map<string, Item>();
        c.sync([], '0');
        let rv = 0;
        for (const batch of batches) {
          const events: CollectionEvent<Item>[] = batch.map((e) => ({
            type: e.type,
            // A uid keeps its namespace and name, like a Kubernetes object.
            object: item(String(e.uid), `ns${e.uid % 3}`, `n${e.uid}`, e.v),
          }));
          for (const e of events) {
            if (e.type === 'DELETED') model.delete(e.object.uid);
            else model.set(e.object.uid, e.object);
          }
          c.apply(events, String(++rv));
        }
        const expected = [...model.values()].sort((a, b) =>
          `${a.ns}/${a.name}` < `${b.ns}/${b.name}` ? -1 : 1,
        );
        expect(c.items()).toEqual(expected);
        expect(c.resourceVersion()).toBe(String(rv));
      }),
    );
  });

  it('merge of chunks in any order ends as one sync of all of them would, never mutating a snapshot', () => {
    const chunk = fc.array(
      fc.record({
        uid: fc.integer({ min: 0, max: 40 }),
        ns: fc.constantFrom('a', 'b', 'c'),
        name: fc.string({ maxLength: 3 }),
      }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(fc.array(chunk, { maxLength: 6 }), (chunks) => {
        // A uid's namespace and name never change: derive them from the uid alone.
        const asItems = chunks.map((c) =>
          c.map((r) => item(`u${r.uid}`, ['a', 'b', 'c'][r.uid % 3] as string, `n${r.uid % 7}`)),
        );
        const merged = createCollection(keys);
        const snapshots: { items: readonly Item[]; copy: Item[] }[] = [];
        for (const c of asItems) {
          merged.merge(c);
          const items = merged.items();
          snapshots.push({ items, copy: [...items] });
        }
        const whole = createCollection(keys);
        whole.sync(asItems.flat(), '1');
        expect(merged.items()).toEqual(whole.items());
        expect(merged.size()).toBe(whole.size());
        for (const { items, copy } of snapshots) expect(items).toEqual(copy);
      }),
    );
  });

  it('merge appends a page that sorts after everything held, and clear forgets the set and its version', () => {
    const c = createCollection(keys);
    c.merge([item('2', 'a', 'y'), item('1', 'a', 'x')]);
    c.merge([item('3', 'b', 'a')]);
    c.merge([item('0', 'a', 'a')]);
    expect(c.items().map((i) => i.uid)).toEqual(['0', '1', '2', '3']);
    expect(c.resourceVersion()).toBeUndefined();
    c.apply([], '5');
    c.clear();
    expect(c.items()).toEqual([]);
    expect(c.resourceVersion()).toBeUndefined();
  });
});
