import type { Distribution } from '@porthole/protocol';
import type { DistributionAdapter } from '../distribution-adapter.ts';
import type { DistributionAdapterOptions } from './browser-headers.ts';
import { createEksAdapter } from './eks.ts';
import { createGkeAdapter } from './gke.ts';
import { createKubernetesAdapter } from './kubernetes.ts';
import { createOpenshiftAdapter } from './openshift.ts';
import { createRancherAdapter } from './rancher.ts';

export type { DistributionAdapterOptions } from './browser-headers.ts';
export { withoutBrowserHeaders } from './browser-headers.ts';
export { createEksAdapter } from './eks.ts';
export { createGkeAdapter } from './gke.ts';
export { createKubernetesAdapter } from './kubernetes.ts';
export { createOpenshiftAdapter } from './openshift.ts';
export { createRancherAdapter } from './rancher.ts';

/** One adapter per distribution; `adapterFor` picks the one a context declares or was detected as. */
export interface DistributionAdapters {
  adapterFor(distribution: Distribution): DistributionAdapter;
}

/**
 * Creates every distribution adapter once. Adding a distribution means one file in this folder and one
 * line here (the `Record` makes a missing line a type error).
 *
 * @example
 * const adapters = createDistributionAdapters({ version: '0.1.0' });
 * const headers = adapters.adapterFor(context.distribution).prepareHeaders(upstreamHeaders, 'upgrade');
 */
export function createDistributionAdapters(options: DistributionAdapterOptions = {}): DistributionAdapters {
  const adapters: Record<Distribution, DistributionAdapter> = {
    kubernetes: createKubernetesAdapter(options),
    rancher: createRancherAdapter(options),
    eks: createEksAdapter(options),
    gke: createGkeAdapter(options),
    openshift: createOpenshiftAdapter(options),
  };
  return { adapterFor: (distribution) => adapters[distribution] ?? adapters.kubernetes };
}
