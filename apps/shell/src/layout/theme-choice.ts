import type { Theme } from '@porthole/ui';
import { type Accessor, createEffect, createSignal, onCleanup } from 'solid-js';

/** What the person picked: a theme, or whatever the system prefers. */
export type ThemeChoice = 'system' | Theme;

const key = 'porthole.theme';
const choices: readonly ThemeChoice[] = ['system', 'light', 'dark'];

/**
 * The remembered choice; anything else (nothing stored, an edited store) follows the system.
 *
 * @example
 * readThemeChoice(localStorage); // 'system'
 */
export function readThemeChoice(storage: Pick<Storage, 'getItem'> | undefined): ThemeChoice {
  try {
    const value = storage?.getItem(key);
    return choices.find((c) => c === value) ?? 'system';
  } catch {
    return 'system';
  }
}

/** What {@link createThemeChoice} needs from the page. */
export interface ThemeChoiceOptions {
  /** Puts the page in a theme (the kit's `applyTheme`). */
  apply: (theme: Theme) => void;
  storage?: Pick<Storage, 'getItem' | 'setItem'> | undefined;
  /** `window.matchMedia`, to follow `prefers-color-scheme`. */
  matchMedia?: ((query: string) => MediaQueryList) | undefined;
}

/**
 * The page's theme: the remembered choice (default: the system's, followed live as it changes), applied
 * to `<html>` so the kit's tokens switch; `choose` changes and remembers it.
 *
 * @example
 * const theme = createThemeChoice({ apply: applyTheme, storage: localStorage, matchMedia: window.matchMedia.bind(window) });
 * theme.choose('dark');
 */
export function createThemeChoice(options: ThemeChoiceOptions): {
  choice: Accessor<ThemeChoice>;
  choose(choice: ThemeChoice): void;
} {
  const [choice, setChoice] = createSignal(readThemeChoice(options.storage));
  const query = options.matchMedia?.('(prefers-color-scheme: dark)');
  const [systemDark, setSystemDark] = createSignal(query?.matches === true);
  const follow = (event: MediaQueryListEvent) => setSystemDark(event.matches);
  query?.addEventListener('change', follow);
  onCleanup(() => query?.removeEventListener('change', follow));
  createEffect(() => {
    const c = choice();
    options.apply(c === 'system' ? (systemDark() ? 'dark' : 'light') : c);
  });
  return {
    choice,
    choose(next) {
      setChoice(next);
      try {
        options.storage?.setItem(key, next);
      } catch {
        // Not remembered; this page still shows it.
      }
    },
  };
}
