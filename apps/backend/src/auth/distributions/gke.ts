import type { DistributionAdapter } from '../distribution-adapter.ts';
import { type DistributionAdapterOptions, withoutBrowserHeaders } from './browser-headers.ts';

/**
 * Google GKE: the identity is an OAuth access token from `gke-gcloud-auth-plugin` (the old `gcp`
 * auth-provider is gone since Kubernetes 1.26), sent as a bearer token; the baseline is all it needs.
 *
 * @example
 * createGkeAdapter().prepareHeaders({ authorization: 'Bearer ya29.abc' }, 'upgrade');
 */
export function createGkeAdapter(options: DistributionAdapterOptions = {}): DistributionAdapter {
  return {
    name: 'gke',
    prepareHeaders: (headers) => withoutBrowserHeaders(headers, options.version),
  };
}
