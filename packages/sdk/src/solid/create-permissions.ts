import { type Accessor, createEffect, createMemo, createSignal, on, onCleanup } from 'solid-js';
import { type AccessReview, type AccessTarget, createAccessReview } from '../access/can-i.ts';
import type { Porthole } from '../plugins/porthole-context.ts';

/** One thing a page may offer: the verb on a resource (or subresource), in a namespace or cluster-wide. */
export interface PermissionQuestion {
  verb: string;
  target: AccessTarget;
  /** Omitted for cluster-scoped objects. */
  namespace?: string | undefined;
}

/**
 * The answer per question name: `undefined` when allowed, else why not in words (for a disabled
 * button's reason): "Not allowed: you may not patch deployments.apps/scale … ", "Checking permission…"
 * until the cluster answers, or "Could not check permission: …" when the review itself failed.
 */
export type Permissions<Name extends string> = Record<Name, string | undefined>;

/** What {@link createPermissions} is about: a cluster and named questions. */
export interface PermissionsArgs<Name extends string> {
  cluster: string;
  questions: Record<Name, PermissionQuestion>;
}

/** The reason every question gets until the cluster has answered. */
export const checkingPermission = 'Checking permission…';

/**
 * What this person may do to an object, live (SelfSubjectAccessReview per question, cached by the
 * SDK's `canI`): a page asks about each action it draws and turns a denied one into a disabled button
 * that says why, instead of a write that fails with 403.
 *
 * @example
 * const denied = createPermissions(usePorthole(), () => ({
 *   cluster: 'prod',
 *   questions: { scale: { verb: 'patch', target: { group: 'apps', resource: 'deployments', subresource: 'scale' }, namespace: 'web' } },
 * }));
 * <Button disabled={denied().scale !== undefined} disabledReason={denied().scale}>Scale</Button>
 */
export function createPermissions<Name extends string>(
  porthole: Pick<Porthole, 'http'>,
  args: Accessor<PermissionsArgs<Name> | undefined>,
  access: AccessReview = createAccessReview(porthole.http),
): Accessor<Permissions<Name>> {
  // One key per distinct set of questions, so a live update of the page doesn't ask again.
  const key = createMemo(() => {
    const value = args();
    return value ? JSON.stringify(value) : undefined;
  });
  // Plain signals, not a Solid resource: reading it never suspends the page around it.
  const [answer, setAnswer] = createSignal<{ key: string; value: Permissions<Name> }>();
  createEffect(
    on(key, (json) => {
      if (json === undefined) return;
      let current = true;
      onCleanup(() => {
        current = false;
      });
      const { cluster, questions } = JSON.parse(json) as PermissionsArgs<Name>;
      const reason = async (q: PermissionQuestion) => {
        try {
          const decision = await access.canI(cluster, q.verb, q.target, q.namespace || undefined);
          return decision.allowed ? undefined : `Not allowed: ${decision.explanation}`;
        } catch (err) {
          return `Could not check permission: ${err instanceof Error ? err.message : String(err)}`;
        }
      };
      void Promise.all(
        Object.entries<PermissionQuestion>(questions).map(
          async ([name, q]) => [name, await reason(q)] as const,
        ),
      ).then((entries) => {
        if (current) setAnswer({ key: json, value: Object.fromEntries(entries) as Permissions<Name> });
      });
    }),
  );
  return () => {
    const known = answer();
    if (known && known.key === key()) return known.value;
    const names = Object.keys(args()?.questions ?? {}) as Name[];
    return Object.fromEntries(names.map((n) => [n, checkingPermission])) as Permissions<Name>;
  };
}
