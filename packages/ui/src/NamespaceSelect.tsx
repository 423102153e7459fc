import { createSignal, Show } from 'solid-js';
import { SelectField, TextField } from './fields.tsx';
import { namespaceNameError, namespaceOptions, otherNamespaceValue } from './namespace-options.ts';

/** Props of {@link NamespaceSelect}. */
export interface NamespaceSelectProps {
  /** The namespaces the person can use (every namespace when they may list them). */
  namespaces: readonly string[];
  /** False when the person may not list namespaces; `undefined` while not known. */
  listable: boolean | undefined;
  /** The chosen namespace; `''` is all namespaces. */
  value: string;
  onChange(namespace: string): void;
  /** Default "Namespace". */
  label?: string;
  class?: string;
  'data-testid'?: string;
}

/**
 * The namespace picker of every list page: all namespaces and each one for someone who may list them;
 * for someone who may not (a team's user), only the namespaces they can use and "Other namespace…",
 * which shows a field to type one (Enter picks it once it is a valid namespace name, Escape goes back). Feed it from the SDK's
 * `createNamespaceScope`.
 *
 * @example
 * const scope = createNamespaceScope(usePorthole(), () => ({ cluster: props.cluster, target: 'pods' }));
 * <NamespaceSelect namespaces={scope.names()} listable={scope.listable()} value={ns()} onChange={setNs} />
 */
export function NamespaceSelect(props: NamespaceSelectProps) {
  const [typing, setTyping] = createSignal(false);
  const [typed, setTyped] = createSignal('');
  const label = () => props.label ?? 'Namespace';
  const [error, setError] = createSignal<string>();
  const commit = () => {
    const name = typed().trim();
    const wrong = namespaceNameError(name);
    setError(wrong);
    if (wrong) return;
    setTyping(false);
    props.onChange(name);
  };
  return (
    <>
      <SelectField
        label={label()}
        class={props.class}
        data-testid={props['data-testid']}
        options={namespaceOptions({
          namespaces: props.namespaces,
          listable: props.listable,
          value: props.value,
          otherLabel: `Other ${label().toLowerCase()}…`,
        })}
        value={typing() ? otherNamespaceValue : props.value}
        onChange={(e) => {
          const value = e.currentTarget.value;
          if (value === otherNamespaceValue) {
            setTyped('');
            setError(undefined);
            setTyping(true);
          } else {
            setTyping(false);
            props.onChange(value);
          }
        }}
      />
      <Show when={typing()}>
        <TextField
          label={`Other ${label().toLowerCase()}`}
          class={props.class}
          description="Enter to show it, Escape to go back"
          ref={(el) => queueMicrotask(() => el.focus())}
          value={typed()}
          error={error()}
          onInput={(e) => {
            setTyped(e.currentTarget.value);
            setError(undefined);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commit();
            } else if (e.key === 'Escape') {
              e.preventDefault();
              setTyping(false);
            }
          }}
        />
      </Show>
    </>
  );
}
