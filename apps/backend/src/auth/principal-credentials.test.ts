import { describe, expect, it } from 'vitest';
import type { ResolvedContext } from '../clusters/resolved-context.ts';
import { localPrincipal, type Principal } from '../session/principal.ts';
import { createPrincipalCredentials } from './principal-credentials.ts';
import type { CredentialProvider, UpstreamCredentials } from './upstream-credentials.ts';

const context = {
  name: 'admin@alpha',
  fingerprint: 'f1',
  cluster: {
    name: 'alpha',
    config: { server: 'https://127.0.0.1:6443', caData: 'CA-PEM', tlsServerName: 'kube' },
  },
} as unknown as ResolvedContext;

const own: UpstreamCredentials = {
  headers: {
    authorization: 'Bearer kubeconfig-token',
    'impersonate-user': 'from-kubeconfig',
    'Impersonate-Extra-x': 'y',
  },
  tls: { ca: 'CA-PEM', cert: 'CERT', key: 'KEY', servername: 'kube', rejectUnauthorized: true },
  renewable: true,
};

function baseProvider(invalidated: UpstreamCredentials[] = []): CredentialProvider {
  return { credentialsFor: async () => own, invalidate: (_c, used) => invalidated.push(used) };
}

describe('createPrincipalCredentials', () => {
  it("gives local mode's principal the kubeconfig provider itself", () => {
    const base = baseProvider();
    expect(createPrincipalCredentials(base).forPrincipal(localPrincipal)).toBe(base);
  });

  it('asks a bearer principal with current() for its token at each request (OIDC refresh for sockets)', async () => {
    let n = 0;
    const person: Principal = {
      id: 'oidc:alice#x',
      user: 'alice',
      groups: [],
      upstream: { kind: 'bearer', token: 'stale', current: async () => `fresh-${++n}` },
    };
    const provider = createPrincipalCredentials(baseProvider()).forPrincipal(person);
    expect((await provider.credentialsFor(context)).headers).toEqual({ authorization: 'Bearer fresh-1' });
    expect((await provider.credentialsFor(context)).headers).toEqual({ authorization: 'Bearer fresh-2' });
  });

  it("sends a bearer principal's token over the cluster's TLS, without the client certificate or the kubeconfig's identity", async () => {
    const person: Principal = {
      id: 't',
      user: 'u',
      groups: [],
      upstream: { kind: 'bearer', token: 'person-token' },
    };
    const creds = await createPrincipalCredentials(baseProvider())
      .forPrincipal(person)
      .credentialsFor(context);
    expect(creds).toEqual({
      headers: { authorization: 'Bearer person-token' },
      tls: { ca: 'CA-PEM', servername: 'kube', rejectUnauthorized: true },
      renewable: false,
    });
  });

  it("impersonates with the kubeconfig's credentials, replacing its own impersonation", async () => {
    const invalidated: UpstreamCredentials[] = [];
    const person: Principal = {
      id: 'p',
      user: 'alice',
      groups: ['team-a', 'dev'],
      upstream: { kind: 'impersonate', user: 'alice', groups: ['team-a', 'dev'] },
    };
    const provider = createPrincipalCredentials(baseProvider(invalidated)).forPrincipal(person);
    const creds = await provider.credentialsFor(context);
    expect(creds.headers).toEqual({
      authorization: 'Bearer kubeconfig-token',
      'impersonate-user': 'alice',
      'impersonate-group': ['team-a', 'dev'],
    });
    expect(creds.tls).toBe(own.tls);
    provider.invalidate(context, creds);
    expect(invalidated).toEqual([own]);
  });
});
