#!/usr/bin/env node
// A client-go exec credential plugin for tests (test infrastructure): asks the test OIDC issuer
// (src/oidc-issuer.ts) to mint a short-lived id-token that the real API server accepts, and prints it as
// an ExecCredential. Every run appends one JSON line to --log (args, KUBERNETES_EXEC_INFO, env), so tests
// can count runs. `--fail` (or env PORTHOLE_PLUGIN_FAIL=1) makes it fail with a message on stderr.
import { appendFileSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    issuer: { type: 'string' },
    ca: { type: 'string' },
    sub: { type: 'string', default: 'exec-user' },
    'expires-in': { type: 'string', default: '300' },
    // The expirationTimestamp reported to the client, when it should differ from the token's real
    // expiry (so a test can make the API server reject a credential the client still thinks valid).
    'claimed-expires-in': { type: 'string' },
    'api-version': { type: 'string', default: 'client.authentication.k8s.io/v1' },
    log: { type: 'string' },
    fail: { type: 'boolean', default: false },
  },
  strict: false,
});

if (values.log) {
  const entry = {
    at: Date.now(),
    argv: process.argv.slice(2),
    execInfo: process.env.KUBERNETES_EXEC_INFO ?? null,
    team: process.env.PORTHOLE_TEAM ?? null,
  };
  appendFileSync(values.log, `${JSON.stringify(entry)}\n`);
}
if (values.fail || process.env.PORTHOLE_PLUGIN_FAIL === '1') {
  process.stderr.write('error: the SSO session has expired; run `corp-login` again\n');
  process.exit(1);
}

const expiresIn = Number(values['expires-in']);
const body = JSON.stringify({ sub: values.sub, expiresIn });
const req = request(
  `${values.issuer}/mint`,
  { method: 'POST', ca: readFileSync(values.ca), headers: { 'Content-Type': 'application/json' } },
  (res) => {
    let text = '';
    res.on('data', (c) => (text += c));
    res.on('end', () => {
      if (res.statusCode !== 200) {
        process.stderr.write(`mint failed: ${res.statusCode} ${text}\n`);
        process.exit(1);
      }
      const { id_token: token } = JSON.parse(text);
      const claimed = Number(values['claimed-expires-in'] ?? expiresIn);
      const expirationTimestamp = new Date(Date.now() + claimed * 1000)
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z');
      process.stdout.write(
        JSON.stringify({
          apiVersion: values['api-version'],
          kind: 'ExecCredential',
          status: { token, expirationTimestamp },
        }),
      );
    });
  },
);
req.on('error', (err) => {
  process.stderr.write(`cannot reach the issuer: ${err.message}\n`);
  process.exit(1);
});
req.end(body);
