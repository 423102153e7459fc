import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';

/** Options of {@link createStaticFiles}. */
export interface StaticFilesOptions {
  /** The built shell, a folder holding `index.html`. */
  root: string;
}

/** Paths the API owns (now or in later issues); the shell never answers them. */
const apiPrefixes = ['/api', '/clusters', '/ws', '/healthz', '/plugins'];

function isApiPath(path: string): boolean {
  return apiPrefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/** A client-side route (`/clusters-page/x`) rather than a file (`/static/js/x.js`). */
function looksLikeRoute(path: string): boolean {
  const last = path.slice(path.lastIndexOf('/') + 1);
  return !last.includes('.');
}

/** index.html names the hashed bundles of the current build, so the browser must not keep a stale one. */
function revalidated(res: Response): Response {
  res.headers.set('Cache-Control', 'no-cache');
  return res;
}

/**
 * Serves the built shell for GET and HEAD outside the API: files as they are, and `index.html` for any
 * other route so the shell can route on the client. A missing file with an extension falls through
 * (to the 404 Status). When the shell is not built, says so with a 503.
 *
 * @example
 * app.use('*', createStaticFiles({ root: '/srv/porthole/shell' }));
 */
export function createStaticFiles({ root }: StaticFilesOptions): MiddlewareHandler {
  const indexPath = join(root, 'index.html');
  // Made on first use: serveStatic complains at creation when the folder does not exist yet.
  let files: MiddlewareHandler | undefined;
  let index: MiddlewareHandler | undefined;
  return async (c, next) => {
    const { method, path } = c.req;
    if ((method !== 'GET' && method !== 'HEAD') || isApiPath(path)) return next();
    if (!existsSync(indexPath)) {
      return c.text(`The Porthole shell is not built (no ${indexPath}). Run \`npm run build\` first.\n`, 503);
    }
    files ??= serveStatic({ root });
    index ??= serveStatic({ root, path: 'index.html' });
    const skip = async () => {};
    const file = await files(c, skip);
    if (file) return path === '/' || path.endsWith('/index.html') ? revalidated(file) : file;
    const page = looksLikeRoute(path) ? await index(c, skip) : undefined;
    return page ? revalidated(page) : next();
  };
}
