import type { JSX } from 'solid-js';

/** The meaning a colour carries. */
export type Tone = 'ok' | 'warning' | 'error' | 'info' | 'neutral';

/** Props of {@link Badge} and {@link StatusPill}. */
export interface BadgeProps {
  tone?: Tone;
  children: JSX.Element;
  /** A longer explanation, shown as the native tooltip. */
  title?: string;
  'data-testid'?: string;
}

/**
 * A small label (a kind, a distribution, a count).
 *
 * @example
 * <Badge tone="info">EKS</Badge>
 */
export function Badge(props: BadgeProps) {
  return (
    <span
      class={`pt-badge pt-tone-${props.tone ?? 'neutral'}`}
      title={props.title}
      data-testid={props['data-testid']}
    >
      {props.children}
    </span>
  );
}

/**
 * A state with a coloured dot: the colour repeats what the text says, never replaces it.
 *
 * @example
 * <StatusPill tone="ok">Running</StatusPill>
 */
export function StatusPill(props: BadgeProps) {
  return (
    <span
      class={`pt-pill pt-tone-${props.tone ?? 'neutral'}`}
      title={props.title}
      data-testid={props['data-testid']}
      data-tone={props.tone ?? 'neutral'}
    >
      <span class="pt-dot" aria-hidden="true" />
      {props.children}
    </span>
  );
}
