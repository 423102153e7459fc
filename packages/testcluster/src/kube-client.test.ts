import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCa, signServingCert } from './certs.ts';
import { createKubeClient } from './kube-client.ts';

describe('createKubeClient', () => {
  const servers: ReturnType<typeof createServer>[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const s of servers) s.close();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('sends a DELETE body with its Content-Length (Node sends none by default, and the API server then ignores it)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kube-client-test-'));
    dirs.push(dir);
    const { caPem } = await createCa(dir, 'test-ca');
    const tls = await signServingCert(dir, 'server', 'server');
    const seen: Array<{ method?: string; length?: string; body: string }> = [];
    const options = { cert: await readFile(tls.cert), key: await readFile(tls.key) };
    const server = createServer(options, (req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString();
      });
      req.on('end', () => {
        seen.push({ method: req.method, length: req.headers['content-length'], body });
        res.setHeader('Content-Type', 'application/json');
        res.end('{}');
      });
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const client = createKubeClient({ server: `https://127.0.0.1:${port}`, token: 't', caPem });
    const body = { kind: 'DeleteOptions', gracePeriodSeconds: 0, note: 'é' };
    await client.request('DELETE', '/api/v1/namespaces/default/pods/p', body);
    expect(seen[0]).toEqual({
      method: 'DELETE',
      length: String(Buffer.byteLength(JSON.stringify(body))),
      body: JSON.stringify(body),
    });
  });
});
