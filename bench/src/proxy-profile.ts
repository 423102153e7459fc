// Not a benchmark of record: profiles `porthole serve` (--cpu-prof) while it proxies LISTs, for where the time goes.
import { Agent, get } from 'node:http';
import { startBackend } from '@porthole/backend/testing';
import { start } from '@porthole/testcluster';
import { createConfigMaps } from './bench-sizes.ts';

const count = Number(process.env.BENCH_CONFIGMAPS ?? 1000);
const n = Number(process.env.BENCH_RUNS ?? 200);
const cluster = await start({ name: 'prof', kubelet: false, controllerManager: false });
try {
  const admin = cluster.client();
  await admin.must('POST', '/api/v1/namespaces', { metadata: { name: 'bench' } });
  await createConfigMaps(admin, 'bench', 0, count, { 'app.properties': 'x'.repeat(200) });
  const backend = await startBackend({
    kubeconfigs: [cluster.kubeconfigPath],
    env: {
      NODE_OPTIONS:
        process.env.PROF_NODE_OPTIONS ?? `--cpu-prof --cpu-prof-dir=${process.env.PROF_DIR ?? '/tmp/prof'}`,
    },
    logFile: process.env.PROF_LOG,
  });
  const agent = new Agent({ keepAlive: true });
  const url = `${backend.url}/clusters/${cluster.contexts.admin}/api/v1/namespaces/bench/configmaps${process.env.PROF_PATH ?? ''}`;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    await new Promise<void>((resolve, reject) => {
      get(url, { agent }, (res) => {
        res.resume();
        res.on('end', resolve);
      }).on('error', reject);
    });
  }
  console.log(`${n} proxied GETs in ${(performance.now() - t0).toFixed(0)} ms`);
  await backend.stop();
} finally {
  await cluster.stop();
}
