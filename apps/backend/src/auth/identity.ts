/**
 * Who a request is made as: the headers that say so and, for an exec plugin that returns one, a client
 * certificate. One object per credential: {@link IdentitySource.invalidate} compares by reference.
 */
export interface Identity {
  headers: Record<string, string>;
  /** PEM client certificate and key from an exec plugin; they replace the kubeconfig's. */
  cert?: string;
  key?: string;
  renewable: boolean;
}

/**
 * Produces the identity of one kubeconfig user. Rejects with a `CredentialFailure` saying why it can't.
 */
export interface IdentitySource {
  get(): Promise<Identity>;
  /** The upstream rejected `used`: drop it if it is still the current one, so `get` renews it. */
  invalidate(used: Identity): void;
}

/**
 * The identity of a user without credentials (or with only a client certificate): no headers.
 *
 * @example
 * const source = context.user ? createUserIdentity(context, deps) : anonymousIdentity;
 */
export const anonymousIdentity: IdentitySource = {
  get: async () => ({ headers: {}, renewable: false }),
  invalidate: () => {},
};
