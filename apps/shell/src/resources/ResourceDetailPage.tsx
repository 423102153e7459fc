import {
  createWatchOne,
  isForbidden,
  type KubeObject,
  type ResourceContext,
  usePorthole,
} from '@porthole/sdk';
import { Badge, createNow, EmptyState, ErrorState, ForbiddenState, Tabs } from '@porthole/ui';
import { createEffect, createSignal, Match, on, Show, Switch } from 'solid-js';
import { ExtensionSlot, ResourceTabPanel, useResourceExtensions } from '../extensions/index.ts';
import { resourceListHref } from '../routing/app-path.ts';
import { ObjectActions } from './actions/ObjectActions.tsx';
import { createDiscoveredKind } from './discovered.ts';
import { KindDetails } from './kinds/KindDetails.tsx';
import { Link } from './Link.tsx';
import { LiveBadge } from './LiveBadge.tsx';
import { ObjectEvents } from './ObjectEvents.tsx';
import { ObjectOverview } from './ObjectOverview.tsx';
import { namespaceOf } from './object-fields.ts';
import type { ResourcePageProps } from './ResourceListPage.tsx';
import { tabIds } from './tab-ids.ts';
import { createResubscribe, WaitingState } from './WaitingState.tsx';
import './resources.css';

/**
 * The page of any one object, live through `watchOne`: what its kind has (a Pod's containers, a
 * Deployment's rollout and pods, ...; `kinds/`), metadata, labels, annotations, owners (links),
 * conditions and its events, the everyday actions (Scale, Restart, Cordon; `actions/`), plus the
 * plugins' actions (buttons) and tabs for its kind. A deleted object
 * stays on screen, marked deleted, until it comes back or the user leaves.
 *
 * @example
 * <ResourceDetailPage cluster="prod" group="apps" version="v1" resource="deployments" namespace="web" name="api" />
 */
export function ResourceDetailPage(props: ResourcePageProps) {
  const { mux, discovery } = usePorthole();
  const { group, address, discovered, resources, kind } = createDiscoveredKind(discovery, props);
  const again = createResubscribe();
  const one = createWatchOne(mux, () =>
    props.name && !again.paused()
      ? { ...address(), namespace: props.namespace || undefined, name: props.name }
      : undefined,
  );
  const now = createNow();

  // The last object seen, so a deletion leaves it readable (marked deleted) instead of blanking the page.
  const [lastSeen, setLastSeen] = createSignal<KubeObject>();
  createEffect(
    on(
      () => [props.cluster, props.group, props.version, props.resource, props.namespace, props.name],
      () => setLastSeen(undefined),
    ),
  );
  createEffect(() => {
    const object = one.object();
    if (object) setLastSeen(() => object);
  });
  const shown = () => one.object() ?? lastSeen();
  // Only a watch that has listed can say the object is not there (reconnecting before that knows nothing).
  const gone = () =>
    one.status() !== 'loading' &&
    one.status() !== 'error' &&
    one.resourceVersion() !== undefined &&
    !one.object();
  const deleted = () => gone() && lastSeen() !== undefined;
  const missing = () => gone() && lastSeen() === undefined;
  const kindName = () => kind()?.kind ?? props.resource;

  const context: ResourceContext = {
    get cluster() {
      return props.cluster;
    },
    get group() {
      return group();
    },
    get version() {
      return props.version;
    },
    get resource() {
      return props.resource;
    },
    get kind() {
      return kind()?.kind ?? '';
    },
    object: () => one.object(),
  };
  // Plugins' tabs for this kind come from the registry's manifests: their code loads when a tab is chosen.
  const pluginTabs = useResourceExtensions('resource.tab', () =>
    kind() ? { group: group(), kind: kind()?.kind ?? '' } : undefined,
  );
  // A plugin tab that left the bundle falls back to the first tab, the overview. Tab ids come from the
  // labels (`?tab=logs`, see tab-ids.ts): the URL contract other plugins link by.
  const pluginTabIds = () => tabIds(['Overview', ...pluginTabs().map((t) => t.label)]).slice(1);

  return (
    <section class="panel res-page" data-testid="resource-detail" data-deleted={deleted()}>
      <header class="panel-header res-header">
        <h1>
          <span class="muted">{kindName()}</span> <span data-testid="detail-name">{props.name}</span>
        </h1>
        <Show when={props.namespace}>
          <Badge>{props.namespace}</Badge>
        </Show>
        <LiveBadge status={one.status()} />
        <Link class="res-header-link" href={resourceListHref(address())}>
          All {props.resource}
        </Link>
      </header>
      <Show when={deleted()}>
        <p class="res-banner" role="alert" data-testid="object-deleted">
          This {kindName()} was deleted. Its last known state is shown below.
        </p>
      </Show>
      <Show when={shown() && one.cause()}>
        {(cause) => (
          <p class="res-banner" role="alert" data-testid="stale-cause">
            Showing what was last seen: {cause().message}
          </p>
        )}
      </Show>
      <Switch>
        <Match when={one.status() === 'error' && isForbidden(one.error())}>
          <ForbiddenState
            verb="see"
            what={`${kindName()} ${props.name ?? ''}`}
            namespace={props.namespace}
            namespaced={Boolean(props.namespace)}
          >
            <p>
              <Link href={resourceListHref(address())}>Back to the list</Link>
            </p>
          </ForbiddenState>
        </Match>
        <Match when={one.status() === 'error'}>
          <ErrorState
            title={`Could not watch ${kindName()} ${props.name ?? ''}`}
            error={one.error() ?? 'the watch failed'}
          />
        </Match>
        <Match when={missing()}>
          <EmptyState title={`${kindName()} ${props.name ?? ''} does not exist`}>
            Nothing named "{props.name}"{props.namespace ? ` in namespace ${props.namespace}` : ''}; it
            appears here as soon as it is created.
          </EmptyState>
        </Match>
        <Match when={shown()}>
          {(object) => (
            <>
              <Show when={kind()}>
                <div class="res-actions">
                  <ObjectActions
                    cluster={props.cluster}
                    group={group()}
                    version={props.version}
                    resource={props.resource}
                    kind={kindName()}
                    object={object()}
                  />
                  <ExtensionSlot type="resource.action" context={context} />
                </div>
              </Show>
              {/* The tab is in the URL (?tab=overview); a plugin tab renders inside the plugin's own slot. */}
              <Tabs
                label={`${kindName()} ${props.name ?? ''}`}
                tabs={[
                  {
                    id: 'overview',
                    label: 'Overview',
                    content: () => (
                      <>
                        <KindDetails
                          group={group()}
                          resource={props.resource}
                          kind={kindName()}
                          cluster={props.cluster}
                          object={object()}
                          resources={resources()}
                          now={now()}
                        />
                        <ObjectOverview
                          cluster={props.cluster}
                          object={object()}
                          resources={resources()}
                          now={now()}
                        />
                        <Show when={object().metadata.uid}>
                          {(uid) => (
                            <ObjectEvents
                              cluster={props.cluster}
                              uid={uid()}
                              namespace={namespaceOf(object())}
                              now={now()}
                            />
                          )}
                        </Show>
                      </>
                    ),
                  },
                  ...pluginTabs().map((entry, i) => ({
                    id: pluginTabIds()[i] ?? entry.key,
                    label: entry.label,
                    content: () => <ResourceTabPanel entry={entry} context={context} />,
                  })),
                ]}
              />
            </>
          )}
        </Match>
        <Match when={true}>
          <WaitingState
            cluster={props.cluster}
            what={`${kindName()} ${props.name ?? ''}`}
            cause={one.cause()?.message}
            code={one.cause()?.code}
            onRetry={() => {
              discovered.retry();
              again.retry();
            }}
          />
        </Match>
      </Switch>
    </section>
  );
}
