import { describe, expect, it } from 'vitest';
import type { AccessDecision, AccessReview, AccessTarget } from './can-i.ts';
import { findListableKinds, type KindRef } from './listable-kinds.ts';
import type { RulesReviewResult } from './rules-review.ts';

const pods: KindRef = { group: '', resource: 'pods', namespaced: true };
const secrets: KindRef = { group: '', resource: 'secrets', namespaced: true };
const nodes: KindRef = { group: '', resource: 'nodes', namespaced: false };
const namespaces: KindRef = { group: '', resource: 'namespaces', namespaced: false };
const widgets: KindRef = { group: 'x.io', resource: 'widgets', namespaced: true };

/** An access review answering from a table: `verb group/resource@namespace` → allowed; questions are recorded. */
function accessFrom(allowed: Set<string>, asked: string[] = [], failing = false): Pick<AccessReview, 'canI'> {
  return {
    canI(_cluster, verb, resource, namespace) {
      const t = resource as AccessTarget;
      const key = `${verb} ${t.group}/${t.resource}@${namespace ?? ''}`;
      asked.push(key);
      if (failing) return Promise.reject(new Error('review refused'));
      const decision: AccessDecision = { allowed: allowed.has(key), explanation: key };
      return Promise.resolve(decision);
    },
  };
}

const teamRules: RulesReviewResult = {
  incomplete: false,
  rules: [{ verbs: ['list'], apiGroups: [''], resources: ['pods', 'namespaces'] }],
};

describe('findListableKinds', () => {
  it('lists every kind after one question when the person may list everything cluster-wide', async () => {
    const asked: string[] = [];
    let rulesAsked = 0;
    const found = await findListableKinds({
      access: accessFrom(new Set(['list */*@']), asked),
      rules: async () => {
        rulesAsked += 1;
        return teamRules;
      },
      cluster: 'c',
      namespace: '',
      kinds: [pods, nodes, widgets],
    });
    expect(found).toEqual([pods, nodes, widgets]);
    expect(asked).toEqual(['list */*@']);
    expect(rulesAsked).toBe(0);
  });

  it("takes a namespace's rules for namespaced kinds there, and asks about cluster-scoped kinds the rules name", async () => {
    const asked: string[] = [];
    const reviewed: string[] = [];
    const found = await findListableKinds({
      access: accessFrom(new Set(), asked),
      rules: async (ns) => {
        reviewed.push(ns);
        return teamRules;
      },
      cluster: 'c',
      namespace: 'team-a',
      kinds: [pods, secrets, nodes, namespaces],
    });
    // Rules in team-a name namespaces (ClusterRole view does), but a RoleBinding gives no cluster-wide list.
    expect(found).toEqual([pods]);
    expect(reviewed).toEqual(['team-a']);
    expect(asked).toEqual(['list */*@', 'list /namespaces@']);
  });

  it('asks cluster-wide about the kinds the rules allow when all namespaces are chosen', async () => {
    const asked: string[] = [];
    const reviewed: string[] = [];
    const found = await findListableKinds({
      access: accessFrom(new Set(['list /pods@']), asked),
      rules: async (ns) => {
        reviewed.push(ns);
        return { incomplete: false, rules: [{ verbs: ['list'], apiGroups: ['', 'x.io'], resources: ['*'] }] };
      },
      cluster: 'c',
      namespace: '',
      kinds: [pods, widgets],
    });
    expect(found).toEqual([pods]);
    expect(reviewed).toEqual(['default']);
    expect(asked).toEqual(['list */*@', 'list /pods@', 'list x.io/widgets@']);
  });

  it('asks about every kind when the rules are incomplete or could not be read', async () => {
    for (const rules of [
      async () => ({ incomplete: true, rules: [] }),
      async (): Promise<RulesReviewResult> => {
        throw new Error('forbidden');
      },
    ]) {
      const asked: string[] = [];
      const found = await findListableKinds({
        access: accessFrom(new Set(['list /secrets@team-a']), asked),
        rules,
        cluster: 'c',
        namespace: 'team-a',
        kinds: [pods, secrets],
      });
      expect(found).toEqual([secrets]);
      expect(asked).toEqual(['list */*@', 'list /pods@team-a', 'list /secrets@team-a']);
    }
  });

  it('keeps a kind whose review failed: its list page says what happens there', async () => {
    const found = await findListableKinds({
      access: accessFrom(new Set(), [], true),
      rules: async () => ({ incomplete: true, rules: [] }),
      cluster: 'c',
      namespace: 'team-a',
      kinds: [pods, nodes],
    });
    expect(found).toEqual([pods, nodes]);
  });
});
