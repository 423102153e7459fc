import { describe, expect, it } from 'vitest';
import { pickCluster } from './pick-cluster.ts';

describe('pickCluster', () => {
  it('takes the remembered cluster when usable, else the first usable one', () => {
    const clusters = [{ name: 'broken', error: 'no user' }, { name: 'a' }, { name: 'b' }];
    expect(pickCluster(clusters, 'b')).toBe('b');
    expect(pickCluster(clusters, 'broken')).toBe('a');
    expect(pickCluster(clusters, undefined)).toBe('a');
    expect(pickCluster([{ name: 'x', error: 'bad' }], undefined)).toBeUndefined();
  });
});
