import type { NamespaceScope } from '@porthole/sdk';
import { NamespaceSelect } from '@porthole/ui';

/** Props of {@link NamespacePicker}. */
export interface NamespacePickerProps {
  /** The namespaces the person can use (`createNamespaceScope`). */
  scope: NamespaceScope;
  /** `''` means all namespaces. */
  value: string;
  onChange(namespace: string): void;
}

/**
 * Picks a namespace of the cluster, or all of them: the kit's `NamespaceSelect` fed by the page's
 * namespace scope (live for someone who may list namespaces; the namespaces they can use, and a way to
 * type another, for someone who may not).
 *
 * @example
 * <NamespacePicker scope={scope} value={namespace()} onChange={setNamespace} />
 */
export function NamespacePicker(props: NamespacePickerProps) {
  return (
    <NamespaceSelect
      class="res-field"
      data-testid="namespace-picker"
      namespaces={props.scope.names()}
      listable={props.scope.listable()}
      value={props.value}
      onChange={(namespace) => props.onChange(namespace)}
    />
  );
}
