import { definePlugin } from '@porthole/sdk';

// The CronJobs plugin's manifest. Pages and the cron libraries (croner, cronstrue) load on first use.
const cronJob = { group: 'batch', kind: 'CronJob' } as const;

export default definePlugin({
  name: 'cronjobs',
  version: '0.1.0',
  sdk: '^1.0.0',
  extensions: [
    {
      type: 'route',
      path: 'cronjobs',
      title: 'CronJobs',
      nav: { section: 'Workloads' },
      component: () => import('./pages/CronJobsPage.tsx'),
    },
    {
      type: 'resource.tab',
      match: cronJob,
      title: 'Schedule',
      component: () => import('./pages/ScheduleTab.tsx'),
    },
    { type: 'resource.tab', match: cronJob, title: 'Jobs', component: () => import('./pages/JobsTab.tsx') },
  ],
});
