import { portholeVitestConfig, sourceCondition } from '../../vitest.shared.ts';

const config = portholeVitestConfig(import.meta.url);
// The Solid adapter's unit tests need Solid's reactive (browser) build: under Node's own condition
// `solid-js` resolves to its server build, where effects never run. Only the unit project: the cluster
// tests load the kubelet stand-in, whose `ws` has a browser build that refuses to run.
for (const project of config.test?.projects ?? []) {
  if (typeof project !== 'object' || !('test' in project)) continue;
  if (project.test?.name === 'unit')
    Object.assign(project, {
      ssr: { resolve: { conditions: [sourceCondition, 'browser'], externalConditions: ['browser'] } },
    });
  // The test kit's tests run in happy-dom (web transform mode, `// @vitest-environment happy-dom`): Solid's
  // browser build there too, in both projects (Node-environment files are unaffected: they use `ssr`).
  // The backend and the testcluster run as Node loads them (their files find their own paths with
  // import.meta.url, which is not a file: URL in web mode).
  const external = project.test?.name === 'cluster' ? [/\/apps\/backend\//, /\/packages\/testcluster\//] : [];
  Object.assign(project, {
    resolve: { conditions: ['browser'] },
    test: { ...project.test, server: { deps: { inline: [/solid-js/], external } } },
  });
}

export default config;
