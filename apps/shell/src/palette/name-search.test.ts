import type { DiscoveredResource, KubeObject } from '@porthole/sdk';
import { describe, expect, it } from 'vitest';
import type { OpenWatch } from '../services/open-watches.ts';
import { openObjects } from './name-search.ts';

const configMaps: DiscoveredResource = {
  group: '',
  version: 'v1',
  resource: 'configmaps',
  kind: 'ConfigMap',
  namespaced: true,
  verbs: ['list', 'watch'],
  preferred: true,
};
const object = (name: string, namespace?: string): KubeObject =>
  ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, ...(namespace ? { namespace } : {}) },
  }) as KubeObject;
const watch = (cluster: string, resource: string, items: KubeObject[]): OpenWatch => ({
  options: { cluster, group: '', version: 'v1', resource },
  items: () => items,
});

describe('openObjects', () => {
  it("turns the open lists' objects of this cluster into results that open their pages", () => {
    const open = [
      watch('prod', 'configmaps', [object('web-config', 'web'), object('api-config', 'api')]),
      watch('staging', 'configmaps', [object('elsewhere', 'web')]),
      watch('prod', 'widgets', [object('unknown-kind', 'web')]),
    ];
    expect(openObjects('prod', open, [configMaps])).toEqual([
      {
        type: 'object',
        name: 'web-config',
        kind: 'ConfigMap',
        namespace: 'web',
        href: '/c/prod/r/core/v1/configmaps/web/web-config',
      },
      {
        type: 'object',
        name: 'api-config',
        kind: 'ConfigMap',
        namespace: 'api',
        href: '/c/prod/r/core/v1/configmaps/api/api-config',
      },
    ]);
  });

  it('escapes names in the page address', () => {
    const [result] = openObjects('a@b', [watch('a@b', 'configmaps', [object('x/../y', 'ns')])], [configMaps]);
    expect(result?.href).toBe('/c/a%40b/r/core/v1/configmaps/ns/x%2F..%2Fy');
  });
});
