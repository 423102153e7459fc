import type { SelectOption } from './fields.tsx';

/** The value of the "Other namespace…" option (no namespace name can contain a space). */
export const otherNamespaceValue = ' other';

/** What {@link namespaceOptions} offers. */
export interface NamespaceChoices {
  /** The namespaces the person can use (every namespace when they may list them). */
  namespaces: readonly string[];
  /** False when the person may not list namespaces: no "All namespaces", and a way to type one. */
  listable: boolean | undefined;
  /** The chosen namespace (`''`: all); shown even when it is not among `namespaces`. */
  value: string;
  /** The label of the option to type one; default `Other namespace…`. */
  otherLabel?: string;
}

/**
 * The options of a namespace picker: "All namespaces" (only for someone who may list them, or while
 * that is not known), the chosen namespace even when it isn't listed (typed, or deleted since), the
 * namespaces sorted, and "Other namespace…" for someone who may not list them (to type one).
 *
 * @example
 * namespaceOptions({ namespaces: ['team-a'], listable: false, value: 'team-a' });
 * // [{ value: 'team-a', label: 'team-a' }, { value: ' other', label: 'Other namespace…' }]
 */
export function namespaceOptions(choices: NamespaceChoices): SelectOption[] {
  const names = [...new Set(choices.namespaces.filter((n) => n !== ''))].sort();
  const extra = choices.value && !names.includes(choices.value) ? [choices.value] : [];
  return [
    ...(choices.listable === false ? [] : [{ value: '', label: 'All namespaces' }]),
    ...[...extra, ...names].map((name) => ({ value: name, label: name })),
    ...(choices.listable === false
      ? [{ value: otherNamespaceValue, label: choices.otherLabel ?? 'Other namespace…' }]
      : []),
  ];
}

/**
 * Why `name` can't be a namespace (a DNS label: lowercase letters, digits and `-`, at most 63, starting
 * and ending with a letter or digit), or `undefined` when it can. Checked before a typed namespace is
 * used, so `../secrets` or markup never reaches a request.
 *
 * @example
 * namespaceNameError('Team_A'); // '"Team_A" is not a namespace name: lowercase letters, digits and -, …'
 */
export function namespaceNameError(name: string): string | undefined {
  if (name.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name)) return undefined;
  const shown = name.length > 70 ? `${name.slice(0, 70)}…` : name;
  return `"${shown}" is not a namespace name: lowercase letters, digits and -, at most 63, starting and ending with a letter or digit`;
}
