import type { DiscoveredResource } from '@porthole/sdk';
import { describe, expect, it } from 'vitest';
import type { NavSection, PluginRouteEntry } from '../routing/plugin-routes.ts';
import { sidebarKinds } from './sidebar-catalogue.ts';
import { buildSidebar } from './sidebar-groups.ts';

function served(
  group: string,
  version: string,
  resource: string,
  kind: string,
  namespaced = true,
): DiscoveredResource {
  return { group, version, resource, kind, namespaced, verbs: ['get', 'list', 'watch'], preferred: true };
}

const pods = served('', 'v1', 'pods', 'Pod');
const deployments = served('apps', 'v1', 'deployments', 'Deployment');
const cronJobs = { ...served('batch', 'v1beta1', 'cronjobs', 'CronJob'), preferred: false };
const services = served('', 'v1', 'services', 'Service');
const ingressNew = served('networking.k8s.io', 'v1', 'ingresses', 'Ingress');
const ingressOld = { ...served('extensions', 'v1beta1', 'ingresses', 'Ingress'), preferred: true };
const configMaps = served('', 'v1', 'configmaps', 'ConfigMap');
const hpas = served('autoscaling', 'v1', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler');
const nodes = served('', 'v1', 'nodes', 'Node', false);
const crds = served(
  'apiextensions.k8s.io',
  'v1',
  'customresourcedefinitions',
  'CustomResourceDefinition',
  false,
);
const leases = served('coordination.k8s.io', 'v1', 'leases', 'Lease');
const widgets = served('example.com', 'v1', 'widgets', 'Widget');
const gadgets = served('example.com', 'v1', 'gadgets', 'Gadget');
const certs = served('cert-manager.io', 'v1', 'certificates', 'Certificate');
const podMetrics = { ...served('metrics.k8s.io', 'v1beta1', 'pods', 'PodMetrics'), verbs: ['get', 'list'] };

const everything = [
  widgets,
  nodes,
  pods,
  deployments,
  cronJobs,
  services,
  ingressNew,
  ingressOld,
  configMaps,
  hpas,
  crds,
  leases,
  gadgets,
  certs,
  podMetrics,
];

const route = (title: string, section: string, plugin = 'p'): PluginRouteEntry => ({
  key: `${plugin}:${title}`,
  plugin,
  path: title.toLowerCase(),
  title,
  nav: { section },
});

describe('sidebarKinds', () => {
  it('puts the common kinds in their sections, in the order people think of them, one version each', () => {
    const kinds = sidebarKinds(everything);
    const bySection = (s: string) =>
      kinds.filter((k) => k.section === s).map((k) => `${k.group}/${k.resource}`);
    expect(bySection('Workloads')).toEqual(['/pods', 'apps/deployments', 'batch/cronjobs']);
    // Ingress from networking.k8s.io, not also from extensions.
    expect(bySection('Network')).toEqual(['/services', 'networking.k8s.io/ingresses']);
    expect(bySection('Config')).toEqual(['/configmaps', 'autoscaling/horizontalpodautoscalers']);
    expect(bySection('Cluster')).toEqual(['/nodes', 'apiextensions.k8s.io/customresourcedefinitions']);
  });

  it('groups custom resources by API group, leaves out built-in kinds outside the catalogue and what cannot be watched', () => {
    const custom = sidebarKinds(everything).filter((k) => k.section === 'Custom resources');
    expect(custom.map((k) => [k.subgroup, k.kind])).toEqual([
      ['cert-manager.io', 'Certificate'],
      ['example.com', 'Gadget'],
      ['example.com', 'Widget'],
    ]);
    expect(sidebarKinds(everything).some((k) => k.resource === 'leases')).toBe(false);
  });

  it('falls back to the older group of a kind when only that one is served', () => {
    const kinds = sidebarKinds([ingressOld]);
    expect(kinds.map((k) => `${k.section} ${k.group}/${k.resource}`)).toEqual([
      'Network extensions/ingresses',
    ]);
  });
});

describe('buildSidebar', () => {
  const cluster = 'admin@prod';

  it('titles kinds in plural and links them to their list pages', () => {
    const [workloads] = buildSidebar(cluster, sidebarKinds([pods, deployments]), []);
    expect(workloads?.title).toBe('Workloads');
    expect(workloads?.groups[0]?.items).toEqual([
      { title: 'Pods', href: '/c/admin%40prod/r/core/v1/pods' },
      { title: 'Deployments', href: '/c/admin%40prod/r/apps/v1/deployments' },
    ]);
  });

  it('leaves out sections with nothing in them', () => {
    expect(buildSidebar(cluster, sidebarKinds([configMaps]), []).map((s) => s.title)).toEqual(['Config']);
  });

  it("joins a plugin's route to the section of the same name, replacing the kind entry of the same title", () => {
    const sections: NavSection[] = [
      {
        section: 'workloads',
        entries: [route('CronJobs', 'workloads', 'cronjobs'), route('Runs', 'workloads')],
      },
      { section: 'Fixtures', entries: [route('Hello', 'Fixtures')] },
    ];
    const sidebar = buildSidebar(cluster, sidebarKinds([pods, cronJobs]), sections);
    expect(sidebar.map((s) => s.title)).toEqual(['Workloads', 'Fixtures']);
    expect(sidebar[0]?.groups[0]?.items).toEqual([
      { title: 'Pods', href: '/c/admin%40prod/r/core/v1/pods' },
      { title: 'CronJobs', href: '/c/admin%40prod/cronjobs', plugin: 'cronjobs' },
      { title: 'Runs', href: '/c/admin%40prod/runs', plugin: 'p' },
    ]);
    expect(sidebar[1]?.groups[0]?.items).toEqual([
      { title: 'Hello', href: '/c/admin%40prod/hello', plugin: 'p' },
    ]);
  });

  it("shows a plugin's section of a group even when the person may list no kind of it", () => {
    const sections: NavSection[] = [{ section: 'Workloads', entries: [route('CronJobs', 'Workloads')] }];
    expect(buildSidebar(cluster, [], sections).map((s) => s.title)).toEqual(['Workloads']);
  });

  it('gives custom resources one heading per API group', () => {
    const [custom] = buildSidebar(cluster, sidebarKinds([widgets, certs]), []);
    expect(custom?.title).toBe('Custom resources');
    expect(custom?.groups.map((g) => [g.title, g.items.map((i) => i.title)])).toEqual([
      ['cert-manager.io', ['Certificates']],
      ['example.com', ['Widgets']],
    ]);
  });
});
