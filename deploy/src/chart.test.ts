import { beforeAll, describe, expect, it } from 'vitest';
import { ensureHelm, renderChart, valuesLikeOverlay } from './helm.ts';
import { modes, renderOverlay } from './kustomize.ts';
import { summarize } from './summary.ts';

// The Helm chart and the kustomize overlays must not drift apart: for each mode, the chart given the
// overlay's settings renders the same pod, flags, RBAC, Ingress, network policy and budget.

let helm: string;
beforeAll(async () => {
  helm = await ensureHelm();
}, 300_000);

describe('deploy/chart/porthole', () => {
  it.each(modes)('%s: renders what the kustomize overlay renders', async (mode) => {
    const chart = await renderChart(helm, await valuesLikeOverlay(mode));
    const overlay = await renderOverlay(mode);
    expect(summarize(chart.objects)).toEqual(summarize(overlay));
  });

  it('token mode with token.tokenReview renders what overlays/token with components/token-review renders', async () => {
    const chart = await renderChart(helm, [...(await valuesLikeOverlay('token')), 'token.tokenReview=true']);
    const overlay = await renderOverlay('token', { components: ['token-review'] });
    expect(summarize(chart.objects).rbacRules).toHaveLength(1);
    expect(summarize(chart.objects)).toEqual(summarize(overlay));
  });

  it('picks the PodDisruptionBudget version the cluster serves', async () => {
    const set = await valuesLikeOverlay('token');
    const versionOf = async (kube: string) =>
      (await renderChart(helm, set, ['--kube-version', kube])).objects.find(
        (o) => o.kind === 'PodDisruptionBudget',
      )?.apiVersion;
    expect(await versionOf('1.20.2')).toBe('policy/v1beta1');
    expect(await versionOf('1.30.0')).toBe('policy/v1');
  });

  it('refuses values that cannot make a working or safe install, saying which', async () => {
    const refusal = (set: string[]) =>
      renderChart(helm, set).then(
        () => 'rendered',
        (err: { stderr: string }) => err.stderr,
      );
    expect(await refusal([])).toMatch(/mode must be oidc, proxy or token \(got ""\)/);
    expect(await refusal(['mode=local'])).toMatch(/mode must be oidc, proxy or token \(got "local"\)/);
    expect(await refusal(['mode=proxy'])).toMatch(/mode proxy needs proxy.trustedProxies/);
    expect(await refusal(['mode=oidc', 'oidc.clientId=porthole'])).toMatch(/mode oidc needs oidc.issuerUrl/);
    expect(await refusal(['mode=token', 'externalUrl=porthole.example.com'])).toMatch(
      /externalUrl must be the URL/,
    );
  });

  it('gives the service account rights only in proxy mode', async () => {
    for (const mode of modes) {
      const { objects } = await renderChart(helm, await valuesLikeOverlay(mode));
      const rbac = objects.filter((o) => /Role/.test(o.kind)).map((o) => o.kind);
      expect(rbac, mode).toEqual(mode === 'proxy' ? ['ClusterRole', 'ClusterRoleBinding'] : []);
    }
  });
});
