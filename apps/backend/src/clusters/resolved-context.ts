import type { Distribution } from '@porthole/protocol';

/**
 * A kubeconfig `cluster` entry as the proxy uses it. File paths are absolute (resolved against the
 * kubeconfig file that named them); `*Data` fields are decoded PEM text.
 */
export interface ClusterConfig {
  server: string;
  caFile?: string;
  caData?: string;
  insecureSkipTlsVerify: boolean;
  tlsServerName?: string;
  proxyUrl?: string;
}

/** A client-go exec credential plugin (`users[].user.exec`). */
export interface ExecConfig {
  apiVersion: string;
  /** Absolute when the kubeconfig's command contained a path separator; otherwise looked up on PATH. */
  command: string;
  args: string[];
  env: { name: string; value: string }[];
  installHint?: string;
  provideClusterInfo: boolean;
}

/** A legacy `auth-provider` (Porthole implements `oidc`). */
export interface AuthProviderConfig {
  name: string;
  config: Record<string, string>;
}

/**
 * Impersonation requested by a kubeconfig user (`as`, `as-uid`, `as-groups`, `as-user-extra`): kubectl
 * sends these as `Impersonate-*` headers, so a proxy that ignores them acts with more rights than the
 * kubeconfig asked for.
 */
export interface ImpersonationConfig {
  user?: string;
  uid?: string;
  groups: string[];
  extra: Record<string, string[]>;
}

/** A kubeconfig `user` entry. Secrets live here and never leave the backend. */
export interface UserConfig {
  token?: string;
  /** Absolute path; re-read when the file changes. */
  tokenFile?: string;
  certFile?: string;
  certData?: string;
  keyFile?: string;
  keyData?: string;
  username?: string;
  password?: string;
  exec?: ExecConfig;
  authProvider?: AuthProviderConfig;
  /** Set only when the kubeconfig asks for impersonation. */
  impersonate?: ImpersonationConfig;
}

/**
 * One kubeconfig context with the cluster and user it names, merged across files the way kubectl merges
 * them. What the proxy and the credential provider work from; `GET /api/clusters` shows only a summary.
 */
export interface ResolvedContext {
  /** The context name: how the browser and `/clusters/{name}/...` refer to it. */
  name: string;
  namespace: string;
  /** The kubeconfig file that defined the context. */
  source: string;
  distribution: Distribution;
  cluster: { name: string; source: string; config: ClusterConfig } | undefined;
  user: { name: string; source: string; config: UserConfig } | undefined;
  /** Why this context can't be used (cluster or user defined nowhere, invalid extension, ...). */
  error?: string;
  /**
   * Changes whenever anything about the context, its cluster or its user changes, so holders of
   * per-context state (agents, cached credentials) know to drop it.
   */
  fingerprint: string;
}
