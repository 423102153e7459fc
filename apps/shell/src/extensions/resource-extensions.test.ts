import type { PluginContributions, PluginManifest } from '@porthole/protocol';
import { describe, expect, it } from 'vitest';
import { resourceExtensionEntries } from './resource-extensions.ts';

const manifest = (name: string, contributes: Partial<PluginContributions>) =>
  ({
    name,
    status: 'ok',
    contributes: {
      routes: [],
      resourceActions: [],
      resourceListActions: [],
      resourceTabs: [],
      extensionPoints: [],
      pointExtensions: [],
      ...contributes,
    },
  }) as unknown as PluginManifest;

describe('resourceExtensionEntries: resource.listAction', () => {
  const manifests = [
    manifest('editor', {
      resourceActions: [{ match: [{ group: '*', kind: '*' }], label: 'Edit YAML' }],
      resourceListActions: [{ match: [{ group: '*', kind: '*' }], label: 'Create' }],
    }),
    manifest('cronjobs', {
      resourceListActions: [{ match: [{ group: 'batch', kind: 'CronJob' }], label: 'New CronJob' }],
    }),
  ];

  it('lists the list actions matching the kind, in registry order, and not the detail actions', () => {
    expect(resourceExtensionEntries(manifests, 'resource.listAction', 'batch', 'CronJob')).toEqual([
      {
        key: 'editor/resource.listAction/0',
        plugin: 'editor',
        type: 'resource.listAction',
        label: 'Create',
        index: 0,
      },
      {
        key: 'cronjobs/resource.listAction/0',
        plugin: 'cronjobs',
        type: 'resource.listAction',
        label: 'New CronJob',
        index: 0,
      },
    ]);
    expect(
      resourceExtensionEntries(manifests, 'resource.listAction', '', 'ConfigMap').map((e) => e.label),
    ).toEqual(['Create']);
    expect(
      resourceExtensionEntries(manifests, 'resource.action', '', 'ConfigMap').map((e) => e.label),
    ).toEqual(['Edit YAML']);
  });

  it('skips plugins whose manifest failed', () => {
    const failed = { ...manifests[0], status: 'error' } as unknown as PluginManifest;
    expect(resourceExtensionEntries([failed], 'resource.listAction', '', 'ConfigMap')).toEqual([]);
  });
});
