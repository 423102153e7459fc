import { createWatch, usePorthole } from '@porthole/sdk';
import { For, Show } from 'solid-js';

/** Props of {@link NamespacePicker}. */
export interface NamespacePickerProps {
  cluster: string;
  /** `''` means all namespaces. */
  value: string;
  onChange(namespace: string): void;
}

/**
 * Picks a namespace of the cluster, or all of them. The namespaces are watched live; a user who may not
 * list namespaces types one instead.
 *
 * @example
 * <NamespacePicker cluster="prod" value={namespace()} onChange={setNamespace} />
 */
export function NamespacePicker(props: NamespacePickerProps) {
  const { mux } = usePorthole();
  const namespaces = createWatch(mux, () => ({
    cluster: props.cluster,
    group: '',
    version: 'v1',
    resource: 'namespaces',
  }));
  const names = () => namespaces.items().map((ns) => ns.metadata.name ?? '');

  return (
    <label class="res-field">
      <span class="res-field-label">Namespace</span>
      <Show
        when={namespaces.status() !== 'error'}
        fallback={
          <input
            class="res-input"
            data-testid="namespace-input"
            placeholder="All namespaces (type one)"
            title={`Namespaces can't be listed: ${namespaces.error()?.message ?? ''}`}
            value={props.value}
            onChange={(e) => props.onChange(e.currentTarget.value.trim())}
          />
        }
      >
        <select
          class="res-input"
          data-testid="namespace-picker"
          onChange={(e) => props.onChange(e.currentTarget.value)}
        >
          <option value="" selected={props.value === ''}>
            All namespaces
          </option>
          {/* A namespace picked (or in the URL) before the list arrives, or deleted since, stays selectable. */}
          <Show when={props.value && !names().includes(props.value)}>
            <option value={props.value} selected>
              {props.value}
            </option>
          </Show>
          <For each={names()}>
            {(name) => (
              <option value={name} selected={name === props.value}>
                {name}
              </option>
            )}
          </For>
        </select>
      </Show>
    </label>
  );
}
