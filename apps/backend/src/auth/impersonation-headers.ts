import type { ImpersonationConfig } from '../clusters/resolved-context.ts';
import type { HeaderValues } from './upstream-credentials.ts';

/**
 * The `Impersonate-*` headers kubectl sends for a kubeconfig user's `as`, `as-uid`, `as-groups` and
 * `as-user-extra`; without them a request would act with the base user's (usually wider) rights.
 * Extra keys are percent-encoded as the API server expects.
 *
 * @example
 * impersonationHeaders({ user: 'jane', groups: ['dev', 'ops'], extra: {} });
 * // { 'impersonate-user': 'jane', 'impersonate-group': ['dev', 'ops'] }
 */
export function impersonationHeaders(config: ImpersonationConfig | undefined): HeaderValues {
  if (!config) return {};
  const headers: HeaderValues = {};
  if (config.user) headers['impersonate-user'] = config.user;
  if (config.uid) headers['impersonate-uid'] = config.uid;
  if (config.groups.length > 0) headers['impersonate-group'] = [...config.groups];
  for (const [key, values] of Object.entries(config.extra)) {
    if (values.length > 0) headers[`impersonate-extra-${encodeURIComponent(key)}`] = [...values];
  }
  return headers;
}
