import { escapeHtml, loginDocument } from '../../session/login-page.ts';

/** What the OIDC login page says. */
export interface OidcLoginPageOptions {
  /** The issuer's name as shown on the button (its host). */
  issuerName: string;
  /** `/auth/oidc/start?return=...`, the return path already checked. */
  startHref: string;
  /** Why the person is here again (session ended, login failed), shown as an alert. */
  notice?: string | undefined;
}

/**
 * The login page of `--auth oidc`: a `Log in with <issuer>` link that starts the authorization-code
 * flow, and the reason the person is asked to log in (again), if any.
 *
 * @example
 * c.html(oidcLoginPage({ issuerName: 'login.example.com', startHref: '/auth/oidc/start?return=%2F' }));
 */
export function oidcLoginPage(options: OidcLoginPageOptions): string {
  const notice = options.notice ? `<p class="notice" role="alert">${escapeHtml(options.notice)}</p>` : '';
  return loginDocument(
    `  h1 { font-size: 1.4rem; margin: 0 0 1rem; }
  a.start { display: inline-block; padding: .55rem 1.2rem; font-weight: 600; color: #fff; background: #2456c7;
    border-radius: 4px; text-decoration: none; }
  a.start:focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
  .notice { color: #6b3d00; background: #fff4dc; padding: .6rem; border-radius: 4px; }
`,
    `  <h1>Log in to Porthole</h1>
  ${notice}
  <p><a class="start" href="${escapeHtml(options.startHref)}">Log in with ${escapeHtml(options.issuerName)}</a></p>
`,
  );
}
