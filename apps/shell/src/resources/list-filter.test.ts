import type { KubeObject } from '@porthole/sdk';
import { describe, expect, it } from 'vitest';
import { parseLabelSelector } from './label-selector.ts';
import { filterObjects } from './list-filter.ts';

const object = (name: string, labels: Record<string, string> = {}): KubeObject => ({
  metadata: { name, uid: name, namespace: 'ns', labels },
});
const items = [
  object('web-1', { app: 'web' }),
  object('Web-2', { app: 'web', canary: 'yes' }),
  object('db-1'),
];
const selector = (text: string) => {
  const parsed = parseLabelSelector(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.requirements;
};
const names = (list: readonly KubeObject[]) => list.map((o) => o.metadata.name);

describe('filterObjects', () => {
  it('returns the same array when nothing filters', () => {
    expect(filterObjects(items, { name: ' ', labels: [] })).toBe(items);
  });

  it('keeps names containing the text, in any case, in order', () => {
    expect(names(filterObjects(items, { name: 'WEB', labels: [] }))).toEqual(['web-1', 'Web-2']);
    expect(names(filterObjects(items, { name: 'nothing', labels: [] }))).toEqual([]);
  });

  it('applies the label selector and the name together', () => {
    expect(names(filterObjects(items, { name: '', labels: selector('app=web,!canary') }))).toEqual(['web-1']);
    expect(names(filterObjects(items, { name: '2', labels: selector('app') }))).toEqual(['Web-2']);
    expect(names(filterObjects(items, { name: '', labels: selector('app notin (web)') }))).toEqual(['db-1']);
  });

  it('matches against the view of each item and returns the items themselves', () => {
    const wrapped = items.map((object) => ({
      ...object,
      metadata: { ...object.metadata, name: 'hidden' },
      real: object,
    }));
    const out = filterObjects(wrapped, { name: 'db', labels: [] }, (w) => w.real);
    expect(out).toEqual([wrapped[2]]);
  });
});
