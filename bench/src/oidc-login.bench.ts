// Benchmark: `--auth oidc` logins per second, the whole authorization-code flow as a browser makes it:
// `GET /auth/oidc/start` (flow cookie, PKCE) → the test issuer's login form (POST) → the callback
// (code exchange with the verifier, id-token verified against the JWKS, session sealed). The backend is
// the real `porthole serve`; the issuer is the testcluster's (no API server is needed to log in).
// Prints figures; asserts nothing. `npm run bench:oidc -w @porthole/bench`.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBackend } from '@porthole/backend/testing';
import { freePort, renderKubeconfig, startOidcIssuer } from '@porthole/testcluster';

const logins = Number(process.env.BENCH_LOGINS ?? 300);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);

const issuer = await startOidcIssuer();
const dir = await mkdtemp(join(tmpdir(), 'porthole-bench-oidc-'));
const port = await freePort();
const url = `http://127.0.0.1:${port}`;
await writeFile(join(dir, 'session'), randomBytes(48).toString('base64'));
await writeFile(join(dir, 'client'), issuer.clientSecret);
await writeFile(
  join(dir, 'kubeconfig'),
  renderKubeconfig('unused', 'https://127.0.0.1:9', issuer.caPem, [{ name: 'people', token: 'x' }]),
);
const backend = await startBackend({
  kubeconfigs: [join(dir, 'kubeconfig')],
  args: [
    ...['--port', String(port), '--auth', 'oidc', '--external-url', url],
    ...['--session-secret-file', join(dir, 'session'), '--oidc-issuer-url', issuer.issuerUrl],
    ...['--oidc-client-id', issuer.clientId, '--oidc-client-secret-file', join(dir, 'client')],
    ...['--oidc-ca-file', issuer.caFile],
  ],
});

/** The issuer's form, posted as the browser would; resolves the redirect back to Porthole. */
function signIn(authorize: URL, username: string, password: string): Promise<string> {
  const form = new URLSearchParams(authorize.searchParams);
  form.set('username', username);
  form.set('password', password);
  return new Promise((resolve, reject) => {
    const req = request(
      `${issuer.issuerUrl}/auth`,
      { method: 'POST', ca: issuer.caPem, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.headers.location ?? ''));
      },
    );
    req.on('error', reject);
    req.end(form.toString());
  });
}

async function logIn(i: number): Promise<void> {
  const user = issuer.users[i % issuer.users.length];
  if (!user) throw new Error('no users');
  const start = await fetch(`${url}/auth/oidc/start?return=%2F`, { redirect: 'manual' });
  const flow = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const back = new URL(
    await signIn(new URL(start.headers.get('location') ?? ''), user.username, user.password),
  );
  const done = await fetch(`${url}${back.pathname}${back.search}`, {
    redirect: 'manual',
    headers: { cookie: flow },
  });
  const session = done.headers.getSetCookie().find((c) => c.startsWith('porthole_session='));
  if (done.status !== 302 || !session) throw new Error(`login ${i} answered ${done.status}`);
}

try {
  for (let i = 0; i < 10; i++) await logIn(i); // warm-up: discovery, JWKS, JIT
  let next = 0;
  const began = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < logins) await logIn(next++);
    }),
  );
  const seconds = (performance.now() - began) / 1000;
  console.log(
    `oidc logins: ${logins} in ${seconds.toFixed(2)} s = ${(logins / seconds).toFixed(1)} logins/s ` +
      `(${concurrency} at a time; start → issuer form → callback with code exchange and JWKS verification)`,
  );
} finally {
  await backend.stop();
  await issuer.stop();
  await rm(dir, { recursive: true, force: true });
}
