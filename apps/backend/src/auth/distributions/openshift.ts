import type { DistributionAdapter } from '../distribution-adapter.ts';
import { type DistributionAdapterOptions, withoutBrowserHeaders } from './browser-headers.ts';

/**
 * OpenShift: `sha256~` OAuth tokens are ordinary bearer tokens; the API server checks a request's
 * `Origin` against its CORS allow-list, which the baseline sidesteps by never sending one.
 *
 * @example
 * createOpenshiftAdapter().prepareHeaders({ authorization: 'Bearer sha256~abc' }, 'http');
 */
export function createOpenshiftAdapter(options: DistributionAdapterOptions = {}): DistributionAdapter {
  return {
    name: 'openshift',
    prepareHeaders: (headers) => withoutBrowserHeaders(headers, options.version),
  };
}
