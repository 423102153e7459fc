import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderKubeconfig } from './kubeconfig.ts';

describe('renderKubeconfig', () => {
  it('has one context per user named user@cluster, the first one current', () => {
    const config = parse(
      renderKubeconfig('alpha', 'https://127.0.0.1:6443', 'PEM', [
        { name: 'admin', token: 't1' },
        { name: 'team-a', token: 't2', namespace: 'team-a' },
      ]),
    );
    expect(config['current-context']).toBe('admin@alpha');
    expect(config.contexts).toEqual([
      { name: 'admin@alpha', context: { cluster: 'alpha', user: 'admin@alpha' } },
      { name: 'team-a@alpha', context: { cluster: 'alpha', user: 'team-a@alpha', namespace: 'team-a' } },
    ]);
    expect(config.users[1]).toEqual({ name: 'team-a@alpha', user: { token: 't2' } });
    expect(Buffer.from(config.clusters[0].cluster['certificate-authority-data'], 'base64').toString()).toBe(
      'PEM',
    );
  });
});
