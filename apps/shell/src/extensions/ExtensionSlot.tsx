import {
  type ActionCode,
  type PluginDefinition,
  type ResourceContext,
  type ResourceListContext,
  usePorthole,
} from '@porthole/sdk';
import { Button, IconButton, Tabs } from '@porthole/ui';
import { createEffect, createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import { reasonOf } from '../plugins/plugin-load-result.ts';
import { LazyView } from './LazyView.tsx';
import { PluginErrorCard } from './PluginErrorCard.tsx';
import { PluginSlot } from './PluginSlot.tsx';
import {
  findResourceExtension,
  type ResourceExtensionEntry,
  type ResourceExtensionType,
  useResourceExtensions,
} from './resource-extensions.ts';

function missing(entry: ResourceExtensionEntry) {
  return (
    <PluginErrorCard
      plugin={entry.plugin}
      what={entry.label}
      reason={`its code has no ${entry.type} "${entry.label}" although its manifest lists one`}
    />
  );
}

/** Runs a `run` action once; shows the error card (with Retry) if the handler fails. */
function RunAction<C>(props: {
  entry: ResourceExtensionEntry;
  run: NonNullable<ActionCode<C>['run']>;
  context: C;
  done: () => void;
}) {
  // Inside the plugin's slot: the plugin's own services (its scoped mux, navigate).
  const porthole = usePorthole();
  const [run, { refetch }] = createResource(async () => {
    const handler = await props.run();
    await handler.default(props.context, porthole);
    return true;
  });
  createEffect(() => {
    if (run.state === 'ready') props.done();
  });
  return (
    <Show when={run.error as unknown} fallback={<p class="plugin-loading">{props.entry.label}…</p>}>
      {(err) => (
        <PluginErrorCard
          plugin={props.entry.plugin}
          what={props.entry.label}
          reason={reasonOf(err())}
          onRetry={refetch}
        />
      )}
    </Show>
  );
}

/** An action button of either kind: drawn from the manifest, its code loaded on the first click. */
function ActionButton<C>(props: {
  entry: ResourceExtensionEntry;
  context: C;
  find: (plugin: PluginDefinition) => ActionCode<C> | undefined;
  testId: string;
}) {
  const [open, setOpen] = createSignal(false);
  const close = () => setOpen(false);
  return (
    <>
      <Button
        size="small"
        data-testid={props.testId}
        data-plugin={props.entry.plugin}
        aria-expanded={open()}
        onClick={() => setOpen(true)}
      >
        {props.entry.label}
      </Button>
      <Show when={open()}>
        <div class="plugin-action-panel" data-testid={`${props.testId}-panel`}>
          <IconButton class="plugin-action-close" label="Close" icon="✕" size="small" onClick={close} />
          <PluginSlot plugin={props.entry.plugin} what={props.entry.label}>
            {(plugin) => {
              const extension = props.find(plugin);
              if (!extension) return missing(props.entry);
              if (extension.run)
                return (
                  <RunAction entry={props.entry} run={extension.run} context={props.context} done={close} />
                );
              return (
                <LazyView
                  plugin={props.entry.plugin}
                  what={props.entry.label}
                  load={extension.component}
                  props={{ context: props.context, close }}
                />
              );
            }}
          </PluginSlot>
        </div>
      </Show>
    </>
  );
}

/** Props of {@link ResourceActionButton} and {@link ResourceTabPanel}. */
export interface ResourceExtensionProps {
  entry: ResourceExtensionEntry;
  context: ResourceContext;
}

/**
 * A plugin's action on a resource page: the button is drawn from the manifest; the first click loads
 * the plugin, then runs its handler or opens its component (which gets `close`). Failures show the
 * error card in the action's own panel.
 *
 * @example
 * <For each={useResourceExtensions('resource.action', kindOf)()}>{(entry) => <ResourceActionButton entry={entry} context={ctx} />}</For>
 */
export function ResourceActionButton(props: ResourceExtensionProps) {
  return (
    <ActionButton
      entry={props.entry}
      context={props.context}
      testId="resource-action"
      find={(plugin) => findResourceExtension(plugin, { ...props.entry, type: 'resource.action' })}
    />
  );
}

/**
 * A plugin's `resource.listAction` in a list page's toolbar (e.g. "Create"): like
 * {@link ResourceActionButton}, given the kind and the list's namespace instead of an object.
 *
 * @example
 * <For each={useResourceExtensions('resource.listAction', kindOf)()}>{(entry) => <ResourceListActionButton entry={entry} context={listCtx} />}</For>
 */
export function ResourceListActionButton(props: {
  entry: ResourceExtensionEntry;
  context: ResourceListContext;
}) {
  return (
    <ActionButton
      entry={props.entry}
      context={props.context}
      testId="resource-list-action"
      find={(plugin) => findResourceExtension(plugin, { ...props.entry, type: 'resource.listAction' })}
    />
  );
}

/**
 * A plugin's tab on a resource's detail page: loads the plugin when first shown and renders its
 * component with the resource context, inside the plugin's error boundary.
 *
 * @example
 * <ResourceTabPanel entry={selectedTab} context={ctx} />
 */
export function ResourceTabPanel(props: ResourceExtensionProps) {
  return (
    <div class="plugin-tab-panel" data-testid="resource-tab-panel" data-plugin={props.entry.plugin}>
      <PluginSlot plugin={props.entry.plugin} what={`the "${props.entry.label}" tab`}>
        {(plugin) => {
          const extension = findResourceExtension(plugin, { ...props.entry, type: 'resource.tab' });
          if (!extension) return missing(props.entry);
          return (
            <LazyView
              plugin={props.entry.plugin}
              what={`the "${props.entry.label}" tab`}
              load={extension.component}
              props={{ context: props.context }}
            />
          );
        }}
      </PluginSlot>
    </div>
  );
}

/** Props of {@link ExtensionSlot}. */
export interface ExtensionSlotProps {
  type: Exclude<ResourceExtensionType, 'resource.listAction'>;
  context: ResourceContext;
}

/**
 * The default place for plugins' extensions on a resource page: `resource.action` → a row of buttons;
 * `resource.tab` → the kit's tabs, the first one shown (a tab's plugin loads when the tab is shown).
 * Renders nothing when no plugin of the bundle contributes to this kind.
 *
 * @example
 * <ExtensionSlot type="resource.action" context={ctx} />
 * <ExtensionSlot type="resource.tab" context={ctx} />
 */
export function ExtensionSlot(props: ExtensionSlotProps) {
  const entries = useResourceExtensions(props.type, () => ({
    group: props.context.group,
    kind: props.context.kind,
  }));
  return (
    <Show when={entries().length > 0}>
      <Switch>
        <Match when={props.type === 'resource.action'}>
          <div class="resource-actions" data-testid="resource-actions">
            <For each={entries()}>
              {(entry) => <ResourceActionButton entry={entry} context={props.context} />}
            </For>
          </div>
        </Match>
        <Match when={props.type === 'resource.tab'}>
          <div class="plugin-tabs" data-testid="resource-tabs">
            <Tabs
              label="Plugin tabs"
              urlParam={false}
              tabs={entries().map((entry) => ({
                id: entry.key,
                label: entry.label,
                content: () => <ResourceTabPanel entry={entry} context={props.context} />,
              }))}
            />
          </div>
        </Match>
      </Switch>
    </Show>
  );
}
