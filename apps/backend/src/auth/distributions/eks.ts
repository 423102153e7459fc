import type { DistributionAdapter } from '../distribution-adapter.ts';
import { type DistributionAdapterOptions, withoutBrowserHeaders } from './browser-headers.ts';

/**
 * Amazon EKS: the identity is a `k8s-aws-v1.` token from the exec plugin (`aws eks get-token`), sent as
 * an ordinary bearer token; the API server is upstream Kubernetes, so the baseline is all it needs.
 *
 * @example
 * createEksAdapter().prepareHeaders({ authorization: 'Bearer k8s-aws-v1.abc' }, 'http');
 */
export function createEksAdapter(options: DistributionAdapterOptions = {}): DistributionAdapter {
  return {
    name: 'eks',
    prepareHeaders: (headers) => withoutBrowserHeaders(headers, options.version),
  };
}
