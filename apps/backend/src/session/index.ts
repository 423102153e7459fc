export type {
  Authenticated,
  AuthMode,
  AuthModeDeps,
  AuthRequest,
  ClusterCall,
  ClusterCallRequest,
  ClusterCallResult,
} from './auth-mode.ts';
export type { AuthModeFactories, AuthModeFactory } from './create-auth-mode.ts';
export { createAuthMode, localAuthMode } from './create-auth-mode.ts';
export type { Principal, PrincipalUpstream } from './principal.ts';
export { localPrincipal, principalId, secretDigest } from './principal.ts';
export { safeReturnPath } from './return-path.ts';
export type { SessionCookies, SessionCookiesOptions } from './session-cookie.ts';
export { cookieValue, createSessionCookies, sessionCookieName } from './session-cookie.ts';
export type { AuthModeName, SessionPayload, SessionSealer } from './session-seal.ts';
export {
  createSessionSealer,
  defaultSessionMaxAgeSeconds,
  minSecretLength,
  parseSessionSecrets,
  readSessionSecrets,
} from './session-seal.ts';
