import { createEffect } from 'solid-js';

/**
 * A `ref` for a `<select>` (the kit's SelectField) that keeps the shown option on `value` once the
 * options exist: Solid sets `value` before the `<option>`s are appended, so an initial value other than
 * the first option would otherwise show the first one while another is in effect.
 *
 * @example
 * <SelectField ref={keepSelected(tail, () => tailPresets)} value={tail()} options={tailPresets} ... />
 */
export function keepSelected(value: () => string, options: () => unknown): (el: HTMLSelectElement) => void {
  return (el) => {
    createEffect(() => {
      void options();
      el.value = value();
    });
  };
}
