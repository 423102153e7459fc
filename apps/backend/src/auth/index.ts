export { boundedText, CredentialFailure, credentialError } from './credential-failure.ts';
export type { CredentialProviderOptions, KubeconfigCredentialProvider } from './credential-provider.ts';
export { createCredentialProvider } from './credential-provider.ts';
export type { DistributionAdapter, UpstreamRequestKind } from './distribution-adapter.ts';
export type { DistributionAdapterOptions, DistributionAdapters } from './distributions/index.ts';
export {
  createDistributionAdapters,
  createEksAdapter,
  createGkeAdapter,
  createKubernetesAdapter,
  createOpenshiftAdapter,
  createRancherAdapter,
  withoutBrowserHeaders,
} from './distributions/index.ts';
export type { ExecClusterInfo, ExecCredentialResult } from './exec-credential.ts';
export { execCredentialApiVersions, execInfo, parseExecCredential } from './exec-credential.ts';
export type { ExecIdentityOptions } from './exec-plugin.ts';
export { createExecIdentity } from './exec-plugin.ts';
export type { Identity, IdentitySource } from './identity.ts';
export { isJwtUsable, jwtTimes } from './jwt.ts';
export type { KubeconfigWriter } from './kubeconfig-write-back.ts';
export { createKubeconfigWriter } from './kubeconfig-write-back.ts';
export type { OidcIdentityOptions } from './oidc.ts';
export { createOidcIdentity } from './oidc.ts';
export type { OidcRefreshRequest, OidcTokens } from './oidc-token-endpoint.ts';
export { refreshOidcTokens } from './oidc-token-endpoint.ts';
export type { CredentialProvider, UpstreamCredentials, UpstreamTls } from './upstream-credentials.ts';
