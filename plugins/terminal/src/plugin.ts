import { definePlugin } from '@porthole/sdk';

// The terminal plugin's manifest. The pages (the log view, xterm) are imported when a tab is first
// opened: the portal reads this without loading any of them.
const workloads = [
  { group: 'apps', kind: 'Deployment' },
  { group: 'apps', kind: 'ReplicaSet' },
  { group: 'apps', kind: 'StatefulSet' },
  { group: 'apps', kind: 'DaemonSet' },
  { group: 'batch', kind: 'Job' },
] as const;

export default definePlugin({
  name: 'terminal',
  version: '0.1.0',
  sdk: '^1.0.0',
  extensions: [
    {
      type: 'resource.tab',
      match: { group: '', kind: 'Pod' },
      title: 'Logs',
      component: () => import('./logs/PodLogsTab.tsx'),
    },
    {
      type: 'resource.tab',
      match: { group: '', kind: 'Pod' },
      title: 'Shell',
      component: () => import('./shell/ShellTab.tsx'),
    },
    {
      type: 'resource.tab',
      match: workloads,
      title: 'Logs',
      component: () => import('./logs/WorkloadLogsTab.tsx'),
    },
  ],
});
