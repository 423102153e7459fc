import {
  createPermissions,
  type KubeObject,
  type ObjectRef,
  type PermissionQuestion,
  usePorthole,
} from '@porthole/sdk';
import { isCordoned, restartRollout, setNodeSchedulable } from '@porthole/sdk/workloads';
import { Button, ConfirmDialog, statusOf, useToasts } from '@porthole/ui';
import { createSignal, Show } from 'solid-js';
import { namespaceOf } from '../object-fields.ts';
import { ScaleDialog } from './ScaleDialog.tsx';

/** Props of {@link ObjectActions}. */
export interface ObjectActionsProps {
  cluster: string;
  /** `''` for the core group. */
  group: string;
  version: string;
  resource: string;
  /** The kind's name (objects from a watch carry none), e.g. `Deployment`. */
  kind: string;
  /** The live object. */
  object: KubeObject;
}

/** Which everyday actions a resource has (by `group/resource`). */
export function actionsOf(
  group: string,
  resource: string,
): { scale: boolean; restart: boolean; cordon: boolean } {
  const key = `${group}/${resource}`;
  return {
    scale: ['apps/deployments', 'apps/statefulsets', 'apps/replicasets'].includes(key),
    restart: ['apps/deployments', 'apps/statefulsets', 'apps/daemonsets'].includes(key),
    cordon: key === '/nodes',
  };
}

/**
 * The everyday actions of an object's page: `Scale` (Deployments, StatefulSets, ReplicaSets), `Restart`
 * (Deployments, StatefulSets, DaemonSets), `Cordon` / `Uncordon` (Nodes). Each is checked with `canI`
 * first (disabled, saying why, for someone who may not), asks before it acts, and reports the result as
 * a toast; the page shows the new state from its live watch.
 *
 * @example
 * <ObjectActions cluster="prod" group="apps" version="v1" resource="deployments" object={deployment} />
 */
export function ObjectActions(props: ObjectActionsProps) {
  const porthole = usePorthole();
  const toasts = useToasts();
  const has = () => actionsOf(props.group, props.resource);
  const name = () => props.object.metadata.name ?? '';
  const namespace = () => namespaceOf(props.object);
  const what = () => `${props.kind} ${name()}`;
  const target = (): ObjectRef => ({
    cluster: props.cluster,
    group: props.group,
    version: props.version,
    resource: props.resource,
    ...(namespace() ? { namespace: namespace() as string } : {}),
    name: name(),
  });
  const denied = createPermissions(porthole, () => {
    const a = has();
    if (!a.scale && !a.restart && !a.cordon) return undefined;
    const on = { group: props.group, resource: props.resource, name: name() };
    // Only the questions this kind's buttons need: a Node has no scale.
    const questions: Record<string, PermissionQuestion> = {
      patch: { verb: 'patch', target: on, namespace: namespace() },
    };
    if (a.scale)
      questions.scale = { verb: 'update', target: { ...on, subresource: 'scale' }, namespace: namespace() };
    return { cluster: props.cluster, questions };
  });
  const [scaling, setScaling] = createSignal(false);
  const [asking, setAsking] = createSignal<'restart' | 'cordon' | 'uncordon'>();
  const [busy, setBusy] = createSignal(false);

  const run = async (action: 'restart' | 'cordon' | 'uncordon') => {
    setBusy(true);
    try {
      if (action === 'restart') await restartRollout(porthole.resources, target());
      else await setNodeSchedulable(porthole.resources, props.cluster, name(), action === 'uncordon');
      const done = { restart: 'Restarted', cordon: 'Cordoned', uncordon: 'Uncordoned' }[action];
      toasts.show({
        tone: 'ok',
        title: `${done} ${what()}`,
        ...(action === 'restart'
          ? { message: 'New pods replace the old ones as the rollout proceeds.' }
          : {}),
      });
    } catch (err) {
      toasts.show({
        tone: 'error',
        title: `Could not ${action} ${what()}`,
        message: statusOf(err as Error).message,
      });
    } finally {
      setBusy(false);
      setAsking(undefined);
    }
  };
  const message = () => {
    switch (asking()) {
      case 'restart':
        return `Every pod of ${what()}${namespace() ? ` in ${namespace()}` : ''} will be replaced by a new one, following its update strategy (what kubectl rollout restart does).`;
      case 'cordon':
        return `No new pods will be scheduled on node ${name()}. The pods already there keep running.`;
      default:
        return `Node ${name()} will accept new pods again.`;
    }
  };

  return (
    <>
      <Show when={has().scale}>
        <Button
          disabled={denied().scale !== undefined}
          disabledReason={denied().scale}
          onClick={() => setScaling(true)}
        >
          Scale
        </Button>
        <ScaleDialog open={scaling()} onClose={() => setScaling(false)} kind={props.kind} target={target()} />
      </Show>
      <Show when={has().restart}>
        <Button
          disabled={denied().patch !== undefined}
          disabledReason={denied().patch}
          onClick={() => setAsking('restart')}
        >
          Restart
        </Button>
      </Show>
      <Show when={has().cordon}>
        <Show
          when={isCordoned(props.object)}
          fallback={
            <Button
              disabled={denied().patch !== undefined}
              disabledReason={denied().patch}
              onClick={() => setAsking('cordon')}
            >
              Cordon
            </Button>
          }
        >
          <Button
            disabled={denied().patch !== undefined}
            disabledReason={denied().patch}
            onClick={() => setAsking('uncordon')}
          >
            Uncordon
          </Button>
        </Show>
      </Show>
      <ConfirmDialog
        open={asking() !== undefined}
        title={
          asking() === 'restart'
            ? `Restart ${what()}?`
            : asking() === 'cordon'
              ? `Cordon node ${name()}?`
              : `Uncordon node ${name()}?`
        }
        message={message()}
        confirmLabel={
          asking() === 'restart' ? 'Restart pods' : asking() === 'cordon' ? 'Cordon node' : 'Uncordon node'
        }
        variant={asking() === 'uncordon' ? 'primary' : 'danger'}
        busy={busy()}
        onConfirm={() => {
          const action = asking();
          if (action && !busy()) void run(action);
        }}
        onCancel={() => setAsking(undefined)}
      />
    </>
  );
}
