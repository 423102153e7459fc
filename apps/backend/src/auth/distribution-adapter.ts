import type { Distribution } from '@porthole/protocol';
import type { HeaderValues } from './upstream-credentials.ts';

/** What kind of upstream request an adapter is preparing. */
export type UpstreamRequestKind = 'http' | 'upgrade';

/**
 * Per-distribution rules for talking to a cluster's API server. One small file per distribution
 * (`distributions/<name>.ts`); adding a distribution means adding one file and listing it.
 */
export interface DistributionAdapter {
  name: Distribution;
  /**
   * Final say over the upstream request headers (lower-case names), after the proxy removed the
   * browser's Cookie, User-Agent, Origin and hop-by-hop headers and set the credential headers.
   */
  prepareHeaders(headers: HeaderValues, kind: UpstreamRequestKind): HeaderValues;
}
