import type { PluginManifest } from '@porthole/protocol';
import {
  matchesResource,
  type PluginDefinition,
  type ResourceActionExtension,
  type ResourceListActionExtension,
  type ResourceTabExtension,
} from '@porthole/sdk';
import { type Accessor, createMemo } from 'solid-js';
import { useShell } from '../shell-context.ts';

/** The resource extension types a resource page hosts (`resource.listAction`: the list page). */
export type ResourceExtensionType = 'resource.action' | 'resource.listAction' | 'resource.tab';

/**
 * One action or tab a plugin contributes to a kind, known from the registry's `contributes` alone: the
 * page can show the button or tab title without loading the plugin; its code loads on use.
 */
export interface ResourceExtensionEntry {
  /** Stable key: `plugin/type/index`. */
  key: string;
  plugin: string;
  type: ResourceExtensionType;
  /** The action's label or the tab's title. */
  label: string;
  /** Its position among the plugin's extensions of this type. */
  index: number;
}

type ResourceExtensionOf<T extends ResourceExtensionType> = T extends 'resource.action'
  ? ResourceActionExtension
  : T extends 'resource.listAction'
    ? ResourceListActionExtension
    : ResourceTabExtension;

/**
 * The bundle's actions or tabs for a kind, from the plugins' manifests, in registry order.
 *
 * @example
 * resourceExtensionEntries(manifests, 'resource.tab', 'batch', 'CronJob');
 * // [{ key: 'cronjobs/resource.tab/0', plugin: 'cronjobs', type: 'resource.tab', label: 'Jobs', index: 0 }]
 */
export function resourceExtensionEntries(
  manifests: readonly PluginManifest[],
  type: ResourceExtensionType,
  group: string,
  kind: string,
): ResourceExtensionEntry[] {
  return manifests.flatMap((manifest) => {
    if (manifest.status !== 'ok') return [];
    const { resourceActions, resourceListActions, resourceTabs } = manifest.contributes;
    const list =
      type === 'resource.action'
        ? resourceActions
        : type === 'resource.listAction'
          ? resourceListActions
          : resourceTabs.map((t) => ({ match: t.match, label: t.title }));
    return list.flatMap((item, index) =>
      matchesResource(item.match, group, kind)
        ? [
            {
              key: `${manifest.name}/${type}/${index}`,
              plugin: manifest.name,
              type,
              label: item.label,
              index,
            },
          ]
        : [],
    );
  });
}

/**
 * The loaded extension an entry stands for: the `index`-th of its type in the plugin's definition when
 * the label agrees, else the first with that label. `undefined` when the code no longer has it.
 */
export function findResourceExtension<T extends ResourceExtensionType>(
  plugin: PluginDefinition,
  entry: ResourceExtensionEntry & { type: T },
): ResourceExtensionOf<T> | undefined {
  const ofType = plugin.extensions.filter((e) => e.type === entry.type) as ResourceExtensionOf<T>[];
  const labelOf = (e: ResourceExtensionOf<T>) => ('label' in e ? e.label : e.title);
  const atIndex = ofType[entry.index];
  if (atIndex && labelOf(atIndex) === entry.label) return atIndex;
  return ofType.find((e) => labelOf(e) === entry.label);
}

/**
 * In a resource page: the bundle's `resource.action` or `resource.tab` entries for a kind, live (they
 * follow registry changes). Render each with `ResourceActionButton` / `ResourceTabPanel`, or use
 * `ExtensionSlot` for the default layout.
 *
 * @example
 * const tabs = useResourceExtensions('resource.tab', () => ({ group: 'batch', kind: 'CronJob' }));
 * <For each={tabs()}>{(tab) => <button>{tab.label}</button>}</For>
 */
export function useResourceExtensions(
  type: ResourceExtensionType,
  target: Accessor<{ group: string; kind: string } | undefined>,
): Accessor<ResourceExtensionEntry[]> {
  const { plugins } = useShell();
  return createMemo(
    () => {
      const t = target();
      return t ? resourceExtensionEntries(plugins.manifests(), type, t.group, t.kind) : [];
    },
    [],
    {
      equals: (a, b) =>
        a.length === b.length && a.every((e, i) => e.key === b[i]?.key && e.label === b[i]?.label),
    },
  );
}
