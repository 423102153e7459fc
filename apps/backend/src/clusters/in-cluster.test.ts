import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadInClusterSource } from './in-cluster.ts';

describe('loadInClusterSource', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'porthole-sa-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('makes context, cluster and user "in-cluster" from the service account files, the token as a token file', async () => {
    await writeFile(join(dir, 'token'), 'eyJhbGciOi.sa.token\n');
    await writeFile(join(dir, 'ca.crt'), '-----BEGIN CERTIFICATE-----\n');
    await writeFile(join(dir, 'namespace'), 'porthole\n');
    const source = await loadInClusterSource({
      serviceAccountDir: dir,
      service: { host: '10.96.0.1', port: '443' },
    });
    expect(source.file).toMatchObject({
      currentContext: 'in-cluster',
      clusters: [
        { name: 'in-cluster', config: { server: 'https://10.96.0.1:443', caFile: join(dir, 'ca.crt') } },
      ],
      users: [{ name: 'in-cluster', config: { tokenFile: join(dir, 'token') } }],
      contexts: [{ name: 'in-cluster', cluster: 'in-cluster', user: 'in-cluster', namespace: 'porthole' }],
    });
    // The token itself is never copied into the config: the file is read (and re-read) per request.
    expect(JSON.stringify(source)).not.toContain('eyJhbGciOi');
  });

  it('brackets an IPv6 service address and falls back to namespace "default"', async () => {
    await writeFile(join(dir, 'token'), 't');
    await writeFile(join(dir, 'ca.crt'), 'ca');
    const source = await loadInClusterSource({
      serviceAccountDir: dir,
      service: { host: 'fd00::1', port: '6443' },
    });
    expect(source.file?.clusters[0]?.config?.server).toBe('https://[fd00::1]:6443');
    expect(source.file?.contexts[0]?.namespace).toBe('default');
  });

  it('refuses a missing or empty token and a missing CA, naming the file', async () => {
    const options = { serviceAccountDir: dir, service: { host: '10.96.0.1', port: '443' } };
    await expect(loadInClusterSource(options)).rejects.toThrow(
      `--in-cluster: cannot read the service account's token ${join(dir, 'token')}: it does not exist`,
    );
    await writeFile(join(dir, 'token'), '  \n');
    await expect(loadInClusterSource(options)).rejects.toThrow(/the service account's token .* is empty/);
    await writeFile(join(dir, 'token'), 't');
    await expect(loadInClusterSource(options)).rejects.toThrow(
      `cannot read the service account's CA certificate ${join(dir, 'ca.crt')}: it does not exist`,
    );
  });
});
