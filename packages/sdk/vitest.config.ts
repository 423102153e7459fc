import { portholeVitestConfig } from '../../vitest.shared.ts';

const config = portholeVitestConfig(import.meta.url);
// The Solid adapter's unit tests need Solid's reactive (browser) build: under Node's own condition
// `solid-js` resolves to its server build, where effects never run. Only the unit project: the cluster
// tests load the kubelet stand-in, whose `ws` has a browser build that refuses to run.
for (const project of config.test?.projects ?? []) {
  if (typeof project === 'object' && 'test' in project && project.test?.name === 'unit')
    Object.assign(project, {
      ssr: { resolve: { conditions: ['browser'], externalConditions: ['browser'] } },
      // The test kit's tests run in happy-dom (web transform mode): Solid's browser build there too.
      resolve: { conditions: ['browser'] },
      test: { ...project.test, server: { deps: { inline: [/solid-js/] } } },
    });
}

export default config;
