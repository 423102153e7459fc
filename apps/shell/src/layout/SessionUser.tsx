import { type SessionInfo, sessionInfoSchema } from '@porthole/protocol';
import type { HttpClient } from '@porthole/sdk';
import { createResource, createSignal, Show } from 'solid-js';

/** Props of {@link SessionUser}. */
export interface SessionUserProps {
  http: HttpClient;
  /** Where the page goes after logging out (default: a full navigation, the session is gone). */
  leave?: (href: string) => void;
}

async function loadSession(http: HttpClient): Promise<SessionInfo | 'expired'> {
  try {
    return sessionInfoSchema.parse(await http.request<unknown>({ method: 'GET', path: '/api/session' }));
  } catch (err) {
    if ((err as { status?: { code?: number } }).status?.code === 401) return 'expired';
    throw err;
  }
}

/**
 * The top bar's person: in a login mode (token, proxy, oidc) who is logged in, and a `Log out` button
 * where Porthole holds the session (token, oidc; behind a proxy the proxy does); nothing in local mode. A session that expired shows a `Log in again` link back to this page.
 *
 * @example
 * <SessionUser http={services.http} />
 */
export function SessionUser(props: SessionUserProps) {
  const [session] = createResource(() => loadSession(props.http));
  const [leaving, setLeaving] = createSignal(false);
  const [failed, setFailed] = createSignal<string>();
  const leave = props.leave ?? ((href: string) => window.location.assign(href));

  async function logOut(): Promise<void> {
    setLeaving(true);
    setFailed(undefined);
    try {
      const result = await props.http.request<{ redirect?: string }>({ method: 'POST', path: '/api/logout' });
      leave(result.redirect ?? '/');
    } catch (err) {
      setFailed(err instanceof Error ? err.message : String(err));
      setLeaving(false);
    }
  }

  const user = () => {
    const s = session.error ? undefined : session();
    return s && s !== 'expired' && s.mode !== 'local' ? s.user : undefined;
  };
  // Behind an authenticating proxy the session is the proxy's: Porthole has none to end.
  const canLogOut = () => {
    const s = session.error ? undefined : session();
    return s !== undefined && s !== 'expired' && (s.mode === 'token' || s.mode === 'oidc');
  };
  const here = () => `${window.location.pathname}${window.location.search}`;

  return (
    <>
      <Show when={!session.error && session() === 'expired'}>
        <a class="top-bar-link" href={`/login?return=${encodeURIComponent(here())}`}>
          Log in again
        </a>
      </Show>
      <Show when={user()}>
        {(u) => (
          <div class="session-user">
            <span class="top-bar-label">Logged in as</span>
            <span
              data-testid="session-user"
              title={u().groups.length > 0 ? `Groups: ${u().groups.join(', ')}` : undefined}
            >
              {u().name}
            </span>
            <Show when={canLogOut()}>
              <button type="button" class="session-logout" disabled={leaving()} onClick={() => void logOut()}>
                Log out
              </button>
            </Show>
            <Show when={failed()}>
              {(why) => (
                <span role="alert" class="session-error">
                  Could not log out: {why()}
                </span>
              )}
            </Show>
          </div>
        )}
      </Show>
    </>
  );
}
