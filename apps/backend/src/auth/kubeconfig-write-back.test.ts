import { chmod, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKubeconfigWriter, withOidcTokens } from './kubeconfig-write-back.ts';

const kubeconfig = `# my clusters
apiVersion: v1
kind: Config
users:
- name: bob
  user: { token: bob-token } # static
- name: alice
  user:
    auth-provider:
      name: oidc
      config:
        client-id: kubernetes
        id-token: old-id
        refresh-token: old-refresh # rotated by the IdP
        idp-issuer-url: https://idp.example
contexts: []
`;

describe('withOidcTokens', () => {
  it("replaces only the user's tokens, keeping comments, order and other users", () => {
    const updated = withOidcTokens(kubeconfig, 'alice', { idToken: 'new-id', refreshToken: 'new-refresh' });
    expect(updated).toBe(
      kubeconfig
        .replace('id-token: old-id', 'id-token: new-id')
        .replace('refresh-token: old-refresh', 'refresh-token: new-refresh'),
    );
  });

  it('keeps indented sequences indented', () => {
    const indented = kubeconfig.replace(/^(-| {2}| {4}| {6}| {8})/gm, (m) => (m === '-' ? '  -' : `  ${m}`));
    expect(indented).toContain('  - name: alice\n    user:');
    expect(withOidcTokens(indented, 'alice', { idToken: 'new-id' })).toBe(
      indented.replace('id-token: old-id', 'id-token: new-id'),
    );
  });

  it('keeps the refresh token when the IdP returned none', () => {
    const updated = withOidcTokens(kubeconfig, 'alice', { idToken: 'new-id' });
    expect(updated).toContain('refresh-token: old-refresh');
    expect(updated).toContain('id-token: new-id');
  });

  it.each([
    ['an unknown user', kubeconfig, 'carol', 'it defines no user "carol"'],
    ['a user without oidc', kubeconfig, 'bob', 'user "bob" has no oidc auth-provider'],
    ['text that is not YAML', 'users: [\n', 'alice', 'it is not valid YAML'],
  ])('refuses %s', (_, text, user, message) => {
    expect(() => withOidcTokens(text, user, { idToken: 'x' })).toThrow(message);
  });
});

describe('createKubeconfigWriter', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'porthole-writeback-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('rewrites the file in place through a symlink, keeping its mode and leaving no temp file', async () => {
    const real = join(dir, 'real-config');
    const link = join(dir, 'config');
    await writeFile(real, kubeconfig);
    await chmod(real, 0o600);
    await symlink(real, link);
    await createKubeconfigWriter().writeOidcTokens(link, 'alice', { idToken: 'new-id', refreshToken: 'r2' });
    expect(await readFile(real, 'utf8')).toContain('id-token: new-id');
    expect((await stat(real)).mode & 0o777).toBe(0o600);
    expect((await stat(link)).isFile()).toBe(true);
    expect((await readdir(dir)).sort()).toEqual(['config', 'real-config']);
  });

  it('serialises concurrent writes to one file so no update is lost', async () => {
    const file = join(dir, 'two-users');
    await writeFile(
      file,
      `${kubeconfig.replace('contexts: []\n', '')}${kubeconfig.slice(kubeconfig.indexOf('- name: alice')).replace('alice', 'carol').replace('contexts: []\n', '')}`,
    );
    const writer = createKubeconfigWriter();
    await Promise.all([
      writer.writeOidcTokens(file, 'alice', { idToken: 'alice-new' }),
      writer.writeOidcTokens(file, 'carol', { idToken: 'carol-new' }),
    ]);
    const text = await readFile(file, 'utf8');
    expect(text).toContain('id-token: alice-new');
    expect(text).toContain('id-token: carol-new');
  });
});
