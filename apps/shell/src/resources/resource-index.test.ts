import type { DiscoveredResource } from '@porthole/sdk';
import { describe, expect, it } from 'vitest';
import { groupResources } from './resource-index.ts';

const r = (
  group: string,
  version: string,
  kind: string,
  resource: string,
  extra: Partial<DiscoveredResource> = {},
) => ({
  group,
  version,
  kind,
  resource,
  namespaced: true,
  verbs: ['get', 'list', 'watch'],
  preferred: true,
  ...extra,
});

const served: DiscoveredResource[] = [
  r('batch', 'v1', 'Job', 'jobs'),
  r('batch', 'v1beta1', 'CronJob', 'cronjobs', { preferred: false }),
  r('batch', 'v2alpha1', 'CronJob', 'cronjobs', { preferred: false }),
  r('', 'v1', 'Pod', 'pods'),
  r('', 'v1', 'ConfigMap', 'configmaps'),
  r('', 'v1', 'Binding', 'bindings', { verbs: ['create'] }),
  r('apps', 'v1', 'Deployment', 'deployments'),
  r('autoscaling', 'v2beta2', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', { preferred: false }),
  r('autoscaling', 'v1', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers'),
];

describe('groupResources', () => {
  it('groups listable kinds, one version each (preferred, else the first served), core first, by name', () => {
    expect(
      groupResources(served).map((g) => [g.group, g.resources.map((x) => `${x.version}/${x.kind}`)]),
    ).toEqual([
      ['', ['v1/ConfigMap', 'v1/Pod']],
      ['apps', ['v1/Deployment']],
      ['autoscaling', ['v1/HorizontalPodAutoscaler']],
      ['batch', ['v1beta1/CronJob', 'v1/Job']],
    ]);
  });

  it('narrows by kind or plural name in any case and drops empty groups', () => {
    expect(groupResources(served, 'CRON').map((g) => g.resources.map((x) => x.kind))).toEqual([['CronJob']]);
    expect(groupResources(served, 'configmaps').map((g) => g.group)).toEqual(['']);
    expect(groupResources(served, 'nothing')).toEqual([]);
  });
});
