/** What the login page shows. */
export interface LoginPageOptions {
  /** Where to go after logging in (already checked with `safeReturnPath`). */
  returnTo: string;
  /** Contexts to pick from; a select is shown when there is more than one. */
  contexts: string[];
  /** The context picked before (after a failed attempt). */
  context?: string | undefined;
  /** Why the last attempt failed, shown in an alert. */
  error?: string | undefined;
}

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * `text` safe inside HTML text and double-quoted attributes.
 *
 * @example
 * escapeHtml('<b>"x"</b>'); // '&lt;b&gt;&quot;x&quot;&lt;/b&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => escapes[c] ?? c);
}

/** The login page's Content-Security-Policy: no script at all, forms post only here. */
export const loginPageCsp =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/**
 * A login page's HTML document: the shared head (no script, no referrer) and look, the page's own
 * `styles`, and `main` as the page's `<main>` (already escaped by the caller).
 *
 * @example
 * loginDocument('h1 { margin: 0 }', '<h1>Log in to Porthole</h1>');
 */
export function loginDocument(styles: string, main: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Log in · Porthole</title>
<style>
  body { font-family: system-ui, sans-serif; background: #f4f5f7; color: #1d2330; margin: 0; }
  main { max-width: 26rem; margin: 12vh auto; background: #fff; padding: 2rem; border-radius: 8px;
    box-shadow: 0 1px 4px rgba(0,0,0,.12); }
${styles}</style>
</head>
<body>
<main>
${main}</main>
</body>
</html>
`;
}

/**
 * The token login page: a plain HTML form (no script) posting to `POST /api/login/token` with a
 * labelled `Bearer token` field, a `Cluster` select when there are several contexts, and a `Log in`
 * button. The token is never echoed back.
 *
 * @example
 * c.html(tokenLoginPage({ returnTo: '/', contexts: ['prod'] }), 200, { 'Content-Security-Policy': loginPageCsp });
 */
export function tokenLoginPage(options: LoginPageOptions): string {
  const select =
    options.contexts.length > 1
      ? `<label for="context">Cluster</label>
      <select id="context" name="context">${options.contexts
        .map(
          (name) =>
            `<option value="${escapeHtml(name)}"${name === options.context ? ' selected' : ''}>${escapeHtml(name)}</option>`,
        )
        .join('')}</select>`
      : options.contexts.length === 1
        ? `<input type="hidden" name="context" value="${escapeHtml(options.contexts[0] ?? '')}">`
        : '';
  const error = options.error
    ? `<p class="error" role="alert" id="login-error">${escapeHtml(options.error)}</p>`
    : '';
  return loginDocument(
    `  h1 { font-size: 1.4rem; margin: 0 0 .5rem; }
  p { line-height: 1.4; }
  label { display: block; font-weight: 600; margin: 1rem 0 .3rem; }
  input, select { width: 100%; box-sizing: border-box; padding: .5rem; font: inherit; border: 1px solid #8a93a6; border-radius: 4px; }
  button { margin-top: 1.2rem; padding: .55rem 1.2rem; font: inherit; font-weight: 600; color: #fff;
    background: #2456c7; border: 0; border-radius: 4px; cursor: pointer; }
  button:focus-visible, input:focus-visible, select:focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
  .error { color: #a3121b; background: #fdecee; padding: .6rem; border-radius: 4px; }
  .hint { color: #4a5265; font-size: .9rem; }
`,
    `  <h1>Log in to Porthole</h1>
  <p class="hint">Paste a Kubernetes bearer token (for example from <code>kubectl create token NAME</code>).
  Porthole checks it with the cluster and keeps it in an encrypted cookie; the page never sees it again.</p>
  ${error}
  <form method="post" action="/api/login/token">
    <input type="hidden" name="return" value="${escapeHtml(options.returnTo)}">
    ${select}
    <label for="token">Bearer token</label>
    <input id="token" name="token" type="password" autocomplete="off" spellcheck="false" required${options.error ? ' aria-describedby="login-error" aria-invalid="true"' : ''} autofocus>
    <button type="submit">Log in</button>
  </form>
`,
  );
}
