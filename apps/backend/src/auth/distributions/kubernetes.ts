import type { DistributionAdapter } from '../distribution-adapter.ts';
import { type DistributionAdapterOptions, withoutBrowserHeaders } from './browser-headers.ts';

/**
 * Plain Kubernetes (and anything not known better): the API server takes credentials from the
 * `Authorization` header on HTTP and upgrades alike, so the baseline is all it needs.
 *
 * @example
 * const adapter = createKubernetesAdapter({ version: '0.1.0' });
 * adapter.prepareHeaders({ authorization: 'Bearer t', origin: 'http://localhost:4466' }, 'upgrade');
 * // { authorization: 'Bearer t', 'user-agent': 'porthole/0.1.0' }
 */
export function createKubernetesAdapter(options: DistributionAdapterOptions = {}): DistributionAdapter {
  return {
    name: 'kubernetes',
    prepareHeaders: (headers) => withoutBrowserHeaders(headers, options.version),
  };
}
