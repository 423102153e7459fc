import { createWatch, usePorthole } from '@porthole/sdk';
import { SelectField, TextField } from '@porthole/ui';
import { Show } from 'solid-js';

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
  const options = () => [
    { value: '', label: 'All namespaces' },
    // A namespace picked (or in the URL) before the list arrives, or deleted since, stays selectable.
    ...(props.value && !names().includes(props.value) ? [{ value: props.value, label: props.value }] : []),
    ...names().map((name) => ({ value: name, label: name })),
  ];

  return (
    <Show
      when={namespaces.status() !== 'error'}
      fallback={
        <TextField
          label="Namespace"
          class="res-field"
          data-testid="namespace-input"
          placeholder="All namespaces (type one)"
          description={`Namespaces can't be listed: ${namespaces.error()?.message ?? ''}`}
          value={props.value}
          onChange={(e) => props.onChange(e.currentTarget.value.trim())}
        />
      }
    >
      <SelectField
        label="Namespace"
        class="res-field"
        data-testid="namespace-picker"
        options={options()}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      />
    </Show>
  );
}
