import { describe, expect, it } from 'vitest';
import { matchesLabelSelector, parseLabelSelector } from './label-selector.ts';

function requirements(text: string) {
  const parsed = parseLabelSelector(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.requirements;
}

describe('parseLabelSelector', () => {
  it('parses every operator of the Kubernetes grammar', () => {
    expect(
      requirements(
        'app=web, tier==front,env!=prod, zone in (a, b), region notin (x), !canary, team, n>2, m<5',
      ),
    ).toEqual([
      { key: 'app', operator: 'in', values: ['web'] },
      { key: 'tier', operator: 'in', values: ['front'] },
      { key: 'env', operator: 'notin', values: ['prod'] },
      { key: 'zone', operator: 'in', values: ['a', 'b'] },
      { key: 'region', operator: 'notin', values: ['x'] },
      { key: 'canary', operator: 'notexists' },
      { key: 'team', operator: 'exists' },
      { key: 'n', operator: 'gt', value: 2 },
      { key: 'm', operator: 'lt', value: 5 },
    ]);
  });

  it('accepts prefixed keys, an empty value and an empty selector', () => {
    expect(requirements('app.kubernetes.io/name=web,empty=')).toEqual([
      { key: 'app.kubernetes.io/name', operator: 'in', values: ['web'] },
      { key: 'empty', operator: 'in', values: [''] },
    ]);
    expect(requirements('  ')).toEqual([]);
  });

  it('says what is wrong with a malformed selector', () => {
    const cases: [string, string][] = [
      ['app=web,', 'cannot end with ,'],
      ['app web', 'unexpected "web" after "app"'],
      ['app=web db', 'expected , before "db"'],
      ['zone in a', 'expected ( after "zone in"'],
      ['zone in (a b)', 'expected , or )'],
      ['=web', 'expected a label key'],
      ['-bad=1', '"-bad"'],
      ['Bad_Prefix/x=1', 'prefix must be a DNS subdomain'],
      ['n>two', 'needs an integer'],
      ['app=we$b', '"we$b"'],
    ];
    for (const [text, message] of cases) {
      const parsed = parseLabelSelector(text);
      expect(parsed.ok, text).toBe(false);
      if (!parsed.ok) expect(parsed.message).toContain(message);
    }
  });
});

describe('matchesLabelSelector', () => {
  const labels = { app: 'web', tier: 'front', replicas: '3' };

  it('matches like the API server: notin and != also match an absent key', () => {
    expect(matchesLabelSelector(requirements('app=web,tier in (front,back)'), labels)).toBe(true);
    expect(matchesLabelSelector(requirements('app=db'), labels)).toBe(false);
    expect(matchesLabelSelector(requirements('env!=prod,region notin (x)'), labels)).toBe(true);
    expect(matchesLabelSelector(requirements('app!=web'), labels)).toBe(false);
    expect(matchesLabelSelector(requirements('!canary,app'), labels)).toBe(true);
    expect(matchesLabelSelector(requirements('!app'), labels)).toBe(false);
    expect(matchesLabelSelector(requirements('replicas>2,replicas<4'), labels)).toBe(true);
    expect(matchesLabelSelector(requirements('replicas>3'), labels)).toBe(false);
    expect(matchesLabelSelector(requirements('tier>1'), labels)).toBe(false);
    expect(matchesLabelSelector([], {})).toBe(true);
  });
});
