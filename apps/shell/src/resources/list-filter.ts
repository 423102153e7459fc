import type { KubeObject } from '@porthole/sdk';
import { type LabelRequirement, matchesLabelSelector } from './label-selector.ts';
import { labelsOf } from './object-fields.ts';

/** What the list page narrows its rows by; both apply, in the browser. */
export interface ListFilter {
  /** A piece of the name, any case; `''` keeps every name. */
  name: string;
  /** A parsed label selector; empty keeps every object. */
  labels: readonly LabelRequirement[];
}

/**
 * The objects that pass the filter, in their order. With an empty filter the input array itself comes
 * back (no copy of 50,000 rows). `view` gives the object to match against: for Solid store proxies pass
 * `unwrap`, so matching reads plain objects instead of subscribing to two fields of every row.
 *
 * @example
 * filterObjects(configMaps, { name: 'web', labels: [] }); // the ConfigMaps whose name contains "web"
 */
export function filterObjects<T extends KubeObject>(
  items: readonly T[],
  filter: ListFilter,
  view: (object: T) => KubeObject = (object) => object,
): readonly T[] {
  const needle = filter.name.trim().toLowerCase();
  if (needle === '' && filter.labels.length === 0) return items;
  return items.filter((item) => {
    const object = view(item);
    return (
      (needle === '' || (object.metadata.name ?? '').toLowerCase().includes(needle)) &&
      (filter.labels.length === 0 || matchesLabelSelector(filter.labels, labelsOf(object)))
    );
  });
}
