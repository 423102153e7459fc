/** The kit's two themes. */
export type Theme = 'light' | 'dark';

/**
 * Puts `element` (default the page's `<html>`) in `theme`: the tokens under it switch.
 *
 * @example
 * applyTheme('dark');
 */
export function applyTheme(theme: Theme, element: HTMLElement = document.documentElement): void {
  element.dataset.theme = theme;
}
