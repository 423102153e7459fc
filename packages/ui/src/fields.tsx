import { createEffect, createUniqueId, For, type JSX, Show, splitProps } from 'solid-js';

/** What every field has: a visible label, an optional hint, an optional error. */
export interface FieldProps {
  /** The visible label, also the control's accessible name. */
  label: string;
  /** A hint under the label (the control's description). */
  description?: string;
  /** What is wrong with the value; marks the control `aria-invalid` and describes it. */
  error?: string | undefined;
}

function describedBy(id: string, props: FieldProps): string | undefined {
  const ids = [props.description ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function Field(props: FieldProps & { id: string; children: JSX.Element; class?: string }) {
  return (
    <div class={`pt-field${props.class ? ` ${props.class}` : ''}`}>
      <label class="pt-field-label" for={props.id}>
        {props.label}
      </label>
      <Show when={props.description}>
        <span id={`${props.id}-hint`} class="pt-field-description">
          {props.description}
        </span>
      </Show>
      {props.children}
      <Show when={props.error}>
        <span id={`${props.id}-error`} class="pt-field-error">
          {props.error}
        </span>
      </Show>
    </div>
  );
}

const fieldKeys = ['label', 'description', 'error', 'class', 'id'] as const;

/** Props of {@link TextField}: an `<input>`'s attributes plus {@link FieldProps}. */
export type TextFieldProps = FieldProps & JSX.InputHTMLAttributes<HTMLInputElement>;

/**
 * A labelled text input; its error is announced with it (`aria-invalid`, `aria-describedby`).
 *
 * @example
 * <TextField label="Name" value={name()} onInput={(e) => setName(e.currentTarget.value)} error={nameError()} />
 */
export function TextField(props: TextFieldProps) {
  const [own, rest] = splitProps(props, fieldKeys);
  const id = own.id ?? `pt-field-${createUniqueId()}`;
  return (
    <Field {...own} id={id}>
      <input
        type="text"
        {...rest}
        id={id}
        class="pt-input"
        aria-invalid={own.error ? 'true' : undefined}
        aria-describedby={describedBy(id, own)}
      />
    </Field>
  );
}

/** Props of {@link TextArea}. */
export type TextAreaProps = FieldProps & JSX.TextareaHTMLAttributes<HTMLTextAreaElement>;

/**
 * A labelled multi-line input.
 *
 * @example
 * <TextArea label="Description" rows={4} value={text()} onInput={(e) => setText(e.currentTarget.value)} />
 */
export function TextArea(props: TextAreaProps) {
  const [own, rest] = splitProps(props, fieldKeys);
  const id = own.id ?? `pt-field-${createUniqueId()}`;
  return (
    <Field {...own} id={id}>
      <textarea
        {...rest}
        id={id}
        class="pt-input"
        aria-invalid={own.error ? 'true' : undefined}
        aria-describedby={describedBy(id, own)}
      />
    </Field>
  );
}

/** One choice of a {@link SelectField}. */
export interface SelectOption {
  value: string;
  label: string;
  /** Listed but not selectable (e.g. a cluster that can't be reached). */
  disabled?: boolean;
}

/** Props of {@link SelectField}. */
export type SelectFieldProps = FieldProps &
  JSX.SelectHTMLAttributes<HTMLSelectElement> & { options: readonly SelectOption[] };

/**
 * A labelled native `<select>` (the keyboard and screen readers know it already).
 *
 * @example
 * <SelectField label="Namespace" options={[{ value: '', label: 'All namespaces' }]} value={ns()} onChange={(e) => setNs(e.currentTarget.value)} />
 */
export function SelectField(props: SelectFieldProps) {
  const [own, rest] = splitProps(props, [...fieldKeys, 'options', 'value', 'ref']);
  const id = own.id ?? `pt-field-${createUniqueId()}`;
  // Controlled: once the options exist (and whenever value or options change) the shown option is the
  // value; a per-option `selected` alone is ignored after the user has picked once.
  const control = (el: HTMLSelectElement) => {
    createEffect(() => {
      void own.options;
      if (own.value !== undefined) el.value = String(own.value);
    });
    const ref = own.ref;
    if (typeof ref === 'function') ref(el);
  };
  return (
    <Field {...own} id={id}>
      <select
        {...rest}
        ref={control}
        id={id}
        class="pt-input"
        aria-invalid={own.error ? 'true' : undefined}
        aria-describedby={describedBy(id, own)}
      >
        {/* Selected per option: a select's value set before its options exist would be lost. */}
        <For each={own.options}>
          {(option) => (
            <option
              value={option.value}
              disabled={option.disabled}
              selected={own.value !== undefined && String(own.value) === option.value}
            >
              {option.label}
            </option>
          )}
        </For>
      </select>
    </Field>
  );
}

/** Props of {@link Checkbox}. */
export type CheckboxProps = FieldProps & Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'type'>;

/**
 * A labelled checkbox (the label is clickable).
 *
 * @example
 * <Checkbox label="Follow logs" checked={follow()} onChange={(e) => setFollow(e.currentTarget.checked)} />
 */
export function Checkbox(props: CheckboxProps) {
  const [own, rest] = splitProps(props, fieldKeys);
  const id = own.id ?? `pt-field-${createUniqueId()}`;
  return (
    <div class={`pt-field${own.class ? ` ${own.class}` : ''}`}>
      <span class="pt-checkbox">
        <input
          {...rest}
          type="checkbox"
          id={id}
          aria-invalid={own.error ? 'true' : undefined}
          aria-describedby={describedBy(id, own)}
        />
        <label for={id}>{own.label}</label>
      </span>
      <Show when={own.description}>
        <span id={`${id}-hint`} class="pt-field-description">
          {own.description}
        </span>
      </Show>
      <Show when={own.error}>
        <span id={`${id}-error`} class="pt-field-error">
          {own.error}
        </span>
      </Show>
    </div>
  );
}
