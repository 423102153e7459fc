/**
 * True when a key event comes from a place the user types into, where shortcuts must stay out.
 *
 * @example
 * if (!isTypingTarget(event.target)) focusFilter();
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
