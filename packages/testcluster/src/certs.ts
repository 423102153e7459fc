import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ClusterCerts {
  caCert: string;
  caKey: string;
  serverCert: string;
  serverKey: string;
  serviceAccountKey: string;
  serviceAccountPub: string;
  /** The CA certificate, PEM. */
  caPem: string;
}

async function openssl(args: string[]): Promise<void> {
  try {
    await run('openssl', args);
  } catch (err) {
    throw new Error(`openssl ${args[0]} failed: ${(err as Error).message}`);
  }
}

/** Signs a serving certificate for `cn` valid for 127.0.0.1 and localhost with the CA in `dir`. */
export async function signServingCert(dir: string, name: string, cn: string, extraSans: string[] = []) {
  const key = join(dir, `${name}.key`);
  const csr = join(dir, `${name}.csr`);
  const cert = join(dir, `${name}.crt`);
  const ext = join(dir, `${name}.ext`);
  const sans = ['IP:127.0.0.1', 'DNS:localhost', ...extraSans].join(',');
  await writeFile(ext, `subjectAltName=${sans}\nextendedKeyUsage=serverAuth,clientAuth\n`);
  await openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', csr, '-subj', `/CN=${cn}`]);
  await openssl([
    'x509',
    '-req',
    '-in',
    csr,
    '-CA',
    join(dir, 'ca.crt'),
    '-CAkey',
    join(dir, 'ca.key'),
    '-CAcreateserial',
    '-out',
    cert,
    '-days',
    '30',
    '-extfile',
    ext,
  ]);
  return { cert, key };
}

/** A fresh self-signed CA (`ca.crt`, `ca.key`) in `dir`, for {@link signServingCert}. */
export async function createCa(
  dir: string,
  cn: string,
): Promise<{ caCert: string; caKey: string; caPem: string }> {
  const caCert = join(dir, 'ca.crt');
  const caKey = join(dir, 'ca.key');
  const days = ['-days', '30', '-subj', `/CN=${cn}`];
  await openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', caKey, '-out', caCert, ...days]);
  return { caCert, caKey, caPem: await readFile(caCert, 'utf8') };
}

/** A fresh CA, an API server serving certificate and a service-account key pair, written into `dir`. */
export async function createClusterCerts(dir: string): Promise<ClusterCerts> {
  const { caCert, caKey } = await createCa(dir, 'porthole-testcluster-ca');
  const server = await signServingCert(dir, 'apiserver', 'kube-apiserver', [
    'DNS:kubernetes',
    'DNS:kubernetes.default',
    'DNS:kubernetes.default.svc',
    'IP:10.0.0.1',
  ]);
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const serviceAccountKey = join(dir, 'sa.key');
  const serviceAccountPub = join(dir, 'sa.pub');
  await writeFile(serviceAccountKey, privateKey.export({ type: 'pkcs1', format: 'pem' }));
  await writeFile(serviceAccountPub, publicKey.export({ type: 'spki', format: 'pem' }));
  return {
    caCert,
    caKey,
    serverCert: server.cert,
    serverKey: server.key,
    serviceAccountKey,
    serviceAccountPub,
    caPem: await readFile(caCert, 'utf8'),
  };
}
