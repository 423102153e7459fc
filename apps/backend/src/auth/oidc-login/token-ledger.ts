import { createHash } from 'node:crypto';
import { OidcFailure, type OidcTokenSet } from './oidc-client.ts';

/**
 * Refreshes of this replica, by the refresh token they used. The issuer rotates refresh tokens, so a
 * refresh token works once; requests of one session arrive together and late (the browser sends the
 * old cookie until the new one lands, a WebSocket never gets the new one), and each must end up with
 * the same new tokens rather than refresh again and be refused.
 */
export interface TokenLedger {
  /** The newest tokens this replica got by refreshing from `refreshToken` (following rotations), if any. */
  newest(refreshToken: string): OidcTokenSet | undefined;
  /**
   * Refreshes with `refreshToken` once: callers while it runs, and later callers with the same token,
   * share its outcome (a refusal included, so a revoked token is not sent again and again) until the
   * tokens it gave are due in turn. A failure that is not a refusal (the issuer unreachable) is
   * forgotten, so the next caller tries again.
   */
  refresh(refreshToken: string): Promise<OidcTokenSet>;
  /** How many refreshes are remembered (bounded by `maxEntries`). */
  readonly size: number;
}

/** Options of {@link createTokenLedger}. */
export interface TokenLedgerOptions {
  refresh: (refreshToken: string) => Promise<OidcTokenSet>;
  /** How long an outcome is remembered; default 1 hour. */
  keepMs?: number;
  /** At most this many outcomes, the oldest forgotten first; default 10,000. */
  maxEntries?: number;
  now?: () => number;
}

interface Entry {
  outcome: Promise<OidcTokenSet>;
  tokens?: OidcTokenSet;
  at: number;
}

const key = (refreshToken: string) => createHash('sha256').update(refreshToken).digest('base64url');

/**
 * Creates a {@link TokenLedger}: single flight per refresh token, plus a bounded memory of outcomes.
 * Memory only speeds sessions up: a replica that never saw a refresh simply refreshes itself.
 *
 * @example
 * const ledger = createTokenLedger({ refresh: (rt) => oidc.refresh(rt) });
 * const tokens = ledger.newest(session.refreshToken) ?? (await ledger.refresh(session.refreshToken));
 */
export function createTokenLedger(options: TokenLedgerOptions): TokenLedger {
  const keepMs = options.keepMs ?? 60 * 60 * 1000;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();

  const prune = () => {
    const oldest = now() - keepMs;
    for (const [k, entry] of entries) {
      if (entries.size > maxEntries || entry.at < oldest) entries.delete(k);
      else break;
    }
  };

  return {
    newest(refreshToken) {
      let found: OidcTokenSet | undefined;
      let next: string | undefined = refreshToken;
      // Rotations form a chain; a cycle is impossible (each token is new) but the walk is bounded anyway.
      for (let hops = 0; next !== undefined && hops < 1000; hops += 1) {
        const tokens: OidcTokenSet | undefined = entries.get(key(next))?.tokens;
        if (!tokens) break;
        found = tokens;
        next = tokens.refreshToken === next ? undefined : tokens.refreshToken;
      }
      return found;
    },
    refresh(refreshToken) {
      const k = key(refreshToken);
      const known = entries.get(k);
      // An issuer that keeps refresh tokens (no rotation) is asked again with the same one once the
      // tokens it gave last time are due in their turn.
      const spent = known?.tokens !== undefined && needsRefresh(known.tokens.claims, now() / 1000);
      if (known && !spent) return known.outcome;
      const entry: Entry = { outcome: options.refresh(refreshToken), at: now() };
      entry.outcome.then(
        (tokens) => {
          entry.tokens = tokens;
          entry.at = now();
        },
        (err: unknown) => {
          if (!(err instanceof OidcFailure && err.refused)) entries.delete(k);
        },
      );
      entries.set(k, entry);
      prune();
      return entry.outcome;
    },
    get size() {
      return entries.size;
    },
  };
}

/**
 * True when an id-token should be refreshed before use: less than a quarter of its lifetime (at most
 * 60 s, at least 1 s) is left, so a request never leaves with a token about to expire.
 *
 * @example
 * needsRefresh({ issuedAt: 0, expiresAt: 300 }, 250); // true (50 s left < 60 s)
 */
export function needsRefresh(claims: { issuedAt: number; expiresAt: number }, nowSeconds: number): boolean {
  const margin = Math.min(60, Math.max(1, (claims.expiresAt - claims.issuedAt) / 4));
  return nowSeconds >= claims.expiresAt - margin;
}
